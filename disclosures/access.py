"""Finding the disclosure a workspace URL names, within what the user may see."""

from django.http import Http404

from disclosures.choices import Kind
from disclosures.models import Disclosure
from units.models import User
from units.permissions import restrict_to_user


def visible_disclosures(user: User):
    return restrict_to_user(Disclosure.objects.select_related("unit__department__jurisdiction"), user)


def current_disclosure_or_404(
    user: User, unit_code: str, year: int, version: int | None = None, kind: str = Kind.BUDGET
) -> Disclosure:
    """The version being worked on (the open one, else the latest), or a given version; 404 outside the user's scope.

    ``kind``: a 决算's workspace URLs carry ``final`` after the year (``workspace_paths``), a budget's none.
    """
    versions = visible_disclosures(user).filter(unit__code=unit_code, year=year, kind=kind).order_by("-version")
    if version is not None:
        versions = versions.filter(version=version)
    disclosure = versions.first()
    if disclosure is None:
        raise Http404
    return disclosure
