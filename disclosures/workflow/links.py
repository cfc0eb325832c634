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


class LinkPattern:
    """A link reversed once for many rows of a page: each row's code takes the placeholder's place.

    The review list's 50 rows reversing four links each spent a fifth of its rendering in reverse(), and the
    home reverses one per department. The code is quoted as reverse() quotes it. A link to a page that is not
    installed is None.
    """

    PLACEHOLDER = "code-placeholder"

    def __init__(self, name: str, *args):
        try:
            self.pattern: str | None = reverse(name, args=args)
        except NoReverseMatch:
            self.pattern = None

    def of(self, code: str) -> str | None:
        if self.pattern is None:
            return None
        return self.pattern.replace(self.PLACEHOLDER, quote(code, safe=RFC3986_SUBDELIMS + "~:@"))


class UnitLinks:
    """The links of the review list's rows: units' disclosures of one year and kind."""

    NAMES = ("detail", "preview", "history", "approval_date")

    def __init__(self, year: int, kind: str):
        arguments = workspace_args(LinkPattern.PLACEHOLDER, year, kind)
        self.patterns = {name: LinkPattern(f"disclosures:{name}", *arguments) for name in self.NAMES}

    def of(self, unit_code: str) -> dict[str, str | None]:
        return {name: pattern.of(unit_code) for name, pattern in self.patterns.items()}
