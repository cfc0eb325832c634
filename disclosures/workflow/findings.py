"""The checks' findings as the workflow uses them: counted, and cached on the disclosure for the review list.

Computing the findings of every unit on each view of the review list would cost a few queries per row,
so the counts are cached on the disclosure with the content revision they were computed for; every write
to the content bumps the revision (disclosures.models.record_content_change) and queues a refresh.
"""

from disclosures.models import Disclosure


def current_findings(disclosure: Disclosure) -> list:
    from disclosures.checks import findings_for

    return findings_for(disclosure)


def count_findings(findings) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for finding in findings if finding.severity == "error")
    return errors, len(findings) - errors


def refresh_finding_counts(disclosure_id: int) -> bool:
    """Recount a disclosure's findings unless the cached counts are current; True when it recounted."""
    disclosure = Disclosure.objects.select_related("unit__department__jurisdiction").filter(pk=disclosure_id).first()
    if disclosure is None or disclosure.finding_counts_are_current:
        return False
    revision = disclosure.content_revision
    errors, warnings = count_findings(current_findings(disclosure))
    Disclosure.objects.filter(pk=disclosure_id, content_revision=revision).update(
        error_count=errors, warning_count=warnings, findings_revision=revision
    )
    return True
