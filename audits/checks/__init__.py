"""The audit rules: pure functions from an ``AuditDocument`` to every finding, not the first.

Rule codes, by module:
    arithmetic   table.sum, table.blank_total, table.balance (errors)
    narrative    narrative.rate, narrative.zero_base, narrative.truncated, narrative.prior, narrative.share,
                 narrative.share_base, narrative.identity, narrative.restated (errors)
    tables       narrative.table, narrative.unit_mixup (errors); narrative.omitted (warning)
    catalog      catalog.name (warning), catalog.code (error)
    crosstable   the authoring rules of ``disclosures.checks`` on the tables read back (their codes)
    words        text.* leftovers (errors, shared with ``disclosures.checks.texts``), text.template_words,
                 text.empty_reason, text.missing_amount, text.department_words (errors);
                 text.repeated_reason (warning)
    notes        table.empty_note (error)
    deadline     deadline.late (error)
"""

from audits.checks.arithmetic import check_tables
from audits.checks.catalog import check_catalog
from audits.checks.crosstable import check_cross_table
from audits.checks.deadline import check_deadline
from audits.checks.narrative import check_narrative
from audits.checks.notes import check_empty_notes
from audits.checks.tables import check_against_tables
from audits.checks.words import check_words
from audits.findings import AuditFinding
from audits.structure import AuditDocument


def _order(finding: AuditFinding) -> tuple:
    return (not finding.is_error, finding.page or 0)


def run_audit(document: AuditDocument, book: dict) -> list[AuditFinding]:
    """Every finding on a document; ``book`` is the catalog of its year (``snapshot.code_book``)."""
    findings = [
        *check_words(document),
        *check_narrative(document),
        *check_against_tables(document),
        *check_tables(document),
        *check_empty_notes(document),
        *check_catalog(document, book),
        *check_cross_table(document, book),
        *check_deadline(document),
    ]
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=_order)


__all__ = ["run_audit"]
