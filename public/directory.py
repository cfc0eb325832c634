"""Who has published what: every department's units with the state of their report for a year.

A unit must publish within 20 days of the finance bureau's approval of its budget (《预算法》第十四条).
A unit's report is published once any version of it is; it is overdue when it is not published and the
deadline has passed. Read with a fixed number of queries for any number of units.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import Count, FilteredRelation, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind, Status
from disclosures.models import Disclosure
from disclosures.workflow.review import PUBLICATION_DAYS, publication_deadline
from public.queries import PUBLIC_STATUSES, fingerprint
from units.models import Department, Unit


class State(models.TextChoices):
    PUBLISHED = "published", _("已公开")
    PENDING = "pending", _("待公开")
    OVERDUE = "overdue", _("逾期未公开")


@dataclass
class UnitEntry:
    unit: Unit
    state: str
    published_on: date | None = None  # first publication
    deadline: date | None = None
    current_version: int | None = None

    @property
    def published_late(self) -> bool:
        return bool(self.published_on and self.deadline and self.published_on > self.deadline)

    def get_state_display(self) -> str:
        return State(self.state).label


@dataclass
class DepartmentEntry:
    department: Department
    units: list[UnitEntry] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for entry in self.units if entry.state == state)

    @property
    def published(self) -> int:
        return self.count(State.PUBLISHED)

    @property
    def pending(self) -> int:
        return self.count(State.PENDING)

    @property
    def overdue(self) -> int:
        return self.count(State.OVERDUE)


def unit_state(unit: Unit, versions: list[dict], today: date) -> UnitEntry:
    """The state of one unit's report from its versions of the year (dicts of the Disclosure fields)."""
    approvals = [
        v["budget_approved_on"] for v in sorted(versions, key=lambda v: v["version"]) if v["budget_approved_on"]
    ]
    deadline = publication_deadline(approvals[0]) if approvals else None
    publications = [v["published_at"] for v in versions if v["status"] in PUBLIC_STATUSES and v["published_at"]]
    current = next((v["version"] for v in versions if v["status"] == Status.PUBLISHED), None)
    if publications and current is not None:
        first = timezone.localtime(min(publications)).date()
        return UnitEntry(unit, State.PUBLISHED, first, deadline, current)
    if deadline is not None and today > deadline:
        return UnitEntry(unit, State.OVERDUE, None, deadline)
    return UnitEntry(unit, State.PENDING, None, deadline)


def directory(year: int, units: QuerySet[Unit] | None = None, today: date | None = None) -> list[DepartmentEntry]:
    """Departments (in code order) with their units and each unit's state for ``year``: two queries.

    ``units`` narrows the directory (a search, a department); it may be sliced.
    """
    today = today or timezone.localdate()
    disclosures = Disclosure.objects.filter(year=year, kind=Kind.BUDGET)
    if units is None:
        units = ordered_units(Unit.objects.all())
    else:
        units = list(units)
        disclosures = disclosures.filter(unit_id__in=[unit.pk for unit in units])
    versions: dict[int, list[dict]] = {}
    for row in disclosures.order_by().values("unit_id", "version", "status", "published_at", "budget_approved_on"):
        versions.setdefault(row["unit_id"], []).append(row)
    departments: dict[int, DepartmentEntry] = {}
    for unit in units:
        entry = unit_state(unit, versions.get(unit.pk, []), today)
        departments.setdefault(unit.department_id, DepartmentEntry(unit.department)).units.append(entry)
    return list(departments.values())


@dataclass
class DepartmentCount:
    """A department's line of the home's directory: how many of its units are in each state."""

    department: Department
    units: int
    published: int
    overdue: int

    @property
    def pending(self) -> int:
        return self.units - self.published - self.overdue

    def count(self, state: str) -> int:
        return getattr(self, state)


def department_counts(year: int, today: date | None = None) -> list[DepartmentCount]:
    """Every department (in code order) with its units counted by state for ``year``: one grouped query.

    The same states as unit_state: published when a version is public; overdue when not, 20 days after the
    first version's approval date; pending otherwise.
    """
    today = today or timezone.localdate()
    of_year = Q(disclosures__year=year, disclosures__kind=Kind.BUDGET)
    late_approval = today - timedelta(days=PUBLICATION_DAYS)
    # A unit with no published version has only its first (a revision starts from a published one).
    rows = (
        Unit.objects.annotate(
            shown=FilteredRelation(
                "disclosures",
                condition=of_year & Q(disclosures__status=Status.PUBLISHED, disclosures__published_at__isnull=False),
            ),
            first=FilteredRelation("disclosures", condition=of_year & Q(disclosures__version=1)),
        )
        .order_by()
        .values("department_id")
        .annotate(
            units=Count("pk"),
            published=Count("pk", filter=Q(shown__id__isnull=False)),
            overdue=Count("pk", filter=Q(shown__id__isnull=True, first__budget_approved_on__lt=late_approval)),
        )
    )
    counted = {row["department_id"]: row for row in rows}
    departments = Department.objects.filter(pk__in=counted).order_by("code")
    return [
        DepartmentCount(d, counted[d.pk]["units"], counted[d.pk]["published"], counted[d.pk]["overdue"])
        for d in departments
    ]


def ordered_units(units: QuerySet[Unit]) -> QuerySet[Unit]:
    return units.select_related("department").order_by("department__code", "code")


def search_units(term: str) -> QuerySet[Unit]:
    """Units whose code or name, or whose department's code or name, contains ``term``.

    The departments are matched first (a small table), so that the units' condition is one the trigram
    indexes of units/0003 can answer on PostgreSQL (an OR across the join could only be a scan).
    """
    term = term.strip()
    departments = list(
        Department.objects.filter(Q(code__icontains=term) | Q(name__icontains=term)).values_list("pk", flat=True)
    )
    return ordered_units(Unit.objects).filter(
        Q(code__icontains=term) | Q(name__icontains=term) | Q(department_id__in=departments)
    )


def years() -> list[int]:
    """Every year the portal has budget disclosures for, newest first (this year when it has none)."""
    found = list(
        Disclosure.objects.filter(kind=Kind.BUDGET).order_by("-year").values_list("year", flat=True).distinct()
    )
    return found or [timezone.localdate().year]


def default_year(choices: list[int]) -> int:
    """The newest year with a published report, else the newest year."""
    latest = (
        Disclosure.objects.filter(kind=Kind.BUDGET, status=Status.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest if latest is not None else choices[0]


def directory_fingerprint() -> str:
    """Changes whenever the directory could: any disclosure saved or created, any unit added, a new day."""
    # COUNT(*), not of a column: with the latest change it is read from the index on updated_at alone.
    disclosures = Disclosure.objects.aggregate(count=Count("*"), changed=Max("updated_at"))
    units = Unit.objects.aggregate(count=Count("id"), latest=Max("id"))
    return fingerprint(timezone.localdate(), disclosures, units)
