"""Ties between tables, by the authoring rules themselves (``disclosures.checks``).

The printed tables are read back into a DisclosureData (``audits.conversion``) and the rules that
compare one table with another run on it unchanged: 收支平衡 of table 1 and by fund, table 6
against table 5, table 12 against table 3, table 7 against table 6. Their findings name the
table, row and column as the authoring pages do; the page is the printed table's.
"""

from audits.conversion import NotConvertible, to_disclosure_data
from audits.findings import AuditFinding
from audits.structure import AuditDocument
from disclosures.checks.balance import check_fund_balances, check_total_balance
from disclosures.checks.crosstable import (
    check_basic_against_general_budget,
    check_targets_total,
    check_three_public_against_economic,
)
from disclosures.tables.builders import Names


def check_cross_table(document: AuditDocument, book: dict) -> list[AuditFinding]:
    try:
        data = to_disclosure_data(document)
    except NotConvertible:
        return []
    names = Names(book)
    findings = [
        *check_total_balance(data),
        *check_fund_balances(data),
        *check_basic_against_general_budget(data),
        *check_targets_total(data),
        *check_three_public_against_economic(data, names),
    ]
    result = []
    for finding in findings:
        table = document.table_keyed(finding.table) if finding.table else None
        detail = finding.message.split("：", 1)[-1]
        result.append(
            AuditFinding(
                finding.severity,
                finding.code,
                detail,
                page=table.page_of() if table else None,
                table=table.name if table else finding.table_label,
                row=finding.row,
                column=finding.column,
            )
        )
    return result
