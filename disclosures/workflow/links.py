"""Where a workflow page sends people: the disclosure's hub page when it is installed, else its history."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from disclosures.models import Disclosure, PublicationJob


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
