"""Where a workflow page sends people: the disclosure's hub page when it is installed, else its history."""

from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.http import RFC3986_SUBDELIMS

from disclosures.models import Disclosure, PublicationJob
from disclosures.workspace_paths import workspace_args


def disclosure_url(disclosure: Disclosure) -> str:
    if disclosure.is_department_level:
        return reverse("disclosures:department", args=[disclosure.department.code, disclosure.year, disclosure.kind])
    arguments = disclosure.workspace_args
    try:
        return reverse("disclosures:detail", args=arguments)
    except NoReverseMatch:
        return reverse("disclosures:history", args=arguments)


def publication_job_url(job: PublicationJob, *, status: bool = False) -> str:
    """The page following a publication job (or, with ``status``, the JSON that page polls)."""
    disclosure = job.disclosure
    if disclosure.is_department_level:
        name, owner = "department_publication_job", [disclosure.department.code, disclosure.year, disclosure.kind]
    else:
        name, owner = "publication_job", list(disclosure.workspace_args)
    return reverse(f"disclosures:{name}{'_status' if status else ''}", args=[*owner, job.pk])


def absolute(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}"


class UnitLinks:
    """The links of a list of units' disclosures of one year and kind, each reversed once for every row.

    The review list's 50 rows reversing four links each spent a fifth of its rendering time in reverse().
    A row's unit code takes the placeholder's place, quoted as reverse() quotes it. A link to a page that is
    not installed is None.
    """

    PLACEHOLDER = "unit-code-placeholder"
    NAMES = ("detail", "preview", "history", "approval_date")

    def __init__(self, year: int, kind: str):
        self.patterns: dict[str, str | None] = {}
        arguments = workspace_args(self.PLACEHOLDER, year, kind)
        for name in self.NAMES:
            try:
                self.patterns[name] = reverse(f"disclosures:{name}", args=arguments)
            except NoReverseMatch:
                self.patterns[name] = None

    def of(self, unit_code: str) -> dict[str, str | None]:
        quoted = quote(unit_code, safe=RFC3986_SUBDELIMS + "~:@")
        return {name: pattern and pattern.replace(self.PLACEHOLDER, quoted) for name, pattern in self.patterns.items()}
