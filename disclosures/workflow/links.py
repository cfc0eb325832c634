"""Where a workflow page sends people: the disclosure's hub page when it is installed, else its history."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from disclosures.models import Disclosure


def disclosure_url(disclosure: Disclosure) -> str:
    if disclosure.is_department_level:
        return reverse("disclosures:department", args=[disclosure.department.code, disclosure.year, disclosure.kind])
    arguments = [disclosure.unit.code, disclosure.year]
    try:
        return reverse("disclosures:detail", args=arguments)
    except NoReverseMatch:
        return reverse("disclosures:history", args=arguments)


def absolute(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}"
