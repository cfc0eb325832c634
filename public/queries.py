"""What the public may read: published versions, and superseded ones as the history of a published report.

Every public page and file goes through these reads, so that a draft, submitted, returned or approved
disclosure cannot reach the public site by any URL.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from disclosures.choices import Kind, Level, Status
from disclosures.models import Disclosure, PublishedFile
from disclosures.workflow.integrity import availability_stamp

PUBLIC_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)
OPEN_DATA_KINDS = (Kind.BUDGET, Kind.FINAL)  # what the open data (API list, zip, data package) carries


def public_versions(kinds=(Kind.BUDGET,)) -> QuerySet[Disclosure]:
    """Every version the public may read, current or superseded (of budgets, unless ``kinds`` says otherwise)."""
    return Disclosure.objects.filter(level=Level.UNIT, kind__in=kinds, status__in=PUBLIC_STATUSES).select_related(
        "unit__department__jurisdiction"
    )


def published(kinds=(Kind.BUDGET,)) -> QuerySet[Disclosure]:
    """The current version of every published report (budgets, unless ``kinds`` says otherwise)."""
    return public_versions(kinds).filter(status=Status.PUBLISHED)


def fingerprint(*parts: object) -> str:
    """A short stable digest of what a page shows, for ETags and cache keys."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


def year_fingerprint(year: int) -> tuple[str, object]:
    """Digest and last publication time of a year's published reports: changes with every publication."""
    documents = Disclosure.objects.filter(status=Status.PUBLISHED, year=year)  # 决算 and departments' too
    summary = documents.aggregate(count=Count("id"), latest=Max("published_at"))
    return fingerprint(year, summary["count"], summary["latest"]), summary["latest"]


@dataclass
class UnitReports:
    """One unit's public versions (all years, one query), seen from the version a page shows."""

    disclosure: Disclosure
    versions: list[Disclosure]  # every public version of the unit's budgets, newest year and version first
    finals: list[Disclosure] = field(default_factory=list)  # its published 决算, read in the same query

    @property
    def final(self) -> Disclosure | None:
        """The published 决算 of the shown year, shown beside the budget."""
        return next((d for d in self.finals if d.year == self.disclosure.year), None)

    @property
    def history(self) -> list[Disclosure]:
        """The versions of the shown year, newest first: the correction history."""
        return [d for d in self.versions if d.year == self.disclosure.year]

    @property
    def current(self) -> Disclosure:
        return next(d for d in self.history if d.status == Status.PUBLISHED)

    @property
    def is_current(self) -> bool:
        return self.disclosure.status == Status.PUBLISHED

    @property
    def current_by_year(self) -> dict[int, Disclosure]:
        """The current published version of every year, the shown version standing in for its own year."""
        years = {d.year: d for d in self.versions if d.status == Status.PUBLISHED}
        years[self.disclosure.year] = self.disclosure
        return dict(sorted(years.items()))

    @property
    def previous_year(self) -> Disclosure | None:
        """Last year's published report (the rule of snapshot.previous_year, read from the versions at hand)."""
        return next(
            (d for d in self.versions if d.year == self.disclosure.year - 1 and d.status == Status.PUBLISHED), None
        )

    @property
    def etag(self) -> str:
        """Changes when this page would: a new version or year published, a version superseded, a file found
        missing or restored."""
        versions = [(d.pk, d.status, d.published_at) for d in [*self.versions, *self.finals]]
        return fingerprint(self.disclosure.pk, versions, availability_stamp())

    @property
    def last_modified(self):
        return max((d.published_at for d in self.versions if d.published_at), default=None)


def unit_reports(year: int, unit_code: str, version: int | None = None) -> UnitReports:
    """The unit's report of ``year`` (its current version, or the given one), else 404."""
    both = list(public_versions((Kind.BUDGET, Kind.FINAL)).filter(unit__code=unit_code).order_by("-year", "-version"))
    versions = [d for d in both if d.kind == Kind.BUDGET]
    finals = [d for d in both if d.kind == Kind.FINAL and d.status == Status.PUBLISHED]
    for disclosure in versions:
        if disclosure.year != year:
            continue
        if (version is None and disclosure.status == Status.PUBLISHED) or disclosure.version == version:
            return UnitReports(disclosure, versions, finals)
    raise Http404


def published_file_or_404(disclosure: Disclosure, file_format: str) -> PublishedFile:
    try:
        return disclosure.published_files.get(format=file_format)
    except PublishedFile.DoesNotExist as exc:
        raise Http404 from exc


def years_with_reports() -> list[int]:
    return list(published().order_by("-year").values_list("year", flat=True).distinct())


def years_with_open_data() -> list[int]:
    """The years with a published budget or 决算: each has its zip and Fiscal Data Package."""
    return list(published(OPEN_DATA_KINDS).order_by("-year").values_list("year", flat=True).distinct())
