"""The reviewer's list for one year: every unit, its disclosure's state, deadline and findings, in two queries.

A budget must be published within 20 days of the finance bureau's approval (《预算法》第十四条).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from disclosures.choices import Kind, Status
from disclosures.models import Disclosure, WorkflowEvent
from units.models import Unit

PUBLICATION_DAYS = 20
DUE_SOON_DAYS = 5
NOT_STARTED = "none"

SORTS = ("unit", "deadline", "status", "activity", "errors")


def current_review_year(today: date) -> int:
    """The newest year any unit has a disclosure for; this year when there is none yet."""
    return Disclosure.objects.aggregate(year=Max("year"))["year"] or today.year


def publication_deadline(approved_on: date | None) -> date | None:
    return approved_on + timedelta(days=PUBLICATION_DAYS) if approved_on else None


@dataclass
class ReviewRow:
    unit: Unit
    disclosure: Disclosure | None
    published: Disclosure | None
    today: date

    @property
    def status(self) -> str:
        return self.disclosure.status if self.disclosure else NOT_STARTED

    @property
    def deadline(self) -> date | None:
        return publication_deadline(self.disclosure.budget_approved_on) if self.disclosure else None

    @property
    def is_published(self) -> bool:
        return self.published is not None

    @property
    def overdue(self) -> bool:
        """Past the deadline and not published, or published after it."""
        if self.deadline is None:
            return False
        if self.published is None:
            return self.today > self.deadline
        published_on = timezone.localdate(self.published.published_at) if self.published.published_at else None
        return published_on is not None and published_on > self.deadline

    @property
    def due_soon(self) -> bool:
        if self.deadline is None or self.published is not None:
            return False
        return 0 <= (self.deadline - self.today).days <= DUE_SOON_DAYS

    @property
    def days_left(self) -> int | None:
        return (self.deadline - self.today).days if self.deadline and self.published is None else None

    @property
    def last_activity(self) -> datetime | None:
        if self.disclosure is None:
            return None
        moments = [self.disclosure.content_changed_at, self.disclosure.last_event_at, self.disclosure.created_at]
        return max(moment for moment in moments if moment is not None)


def review_rows(
    year: int,
    *,
    today: date,
    department_id: int | None = None,
    status: str = "",
    overdue_only: bool = False,
    sort: str = "unit",
    kind: str = Kind.BUDGET,
) -> list[ReviewRow]:
    """Every unit with its disclosure of ``kind`` for ``year`` (a 决算 has its own 批复 date and deadline)."""
    units = Unit.objects.select_related("department").order_by("code")
    if department_id:
        units = units.filter(department_id=department_id)
    last_event = (
        WorkflowEvent.objects.filter(disclosure=OuterRef("pk"))
        .values("disclosure")
        .annotate(latest=Max("created_at"))
        .values("latest")
    )
    disclosures = (
        Disclosure.objects.filter(year=year, kind=kind, unit__in=units)
        .exclude(status=Status.SUPERSEDED)
        .annotate(last_event_at=Subquery(last_event))
        .order_by("version")
    )
    current: dict[int, Disclosure] = {}
    published: dict[int, Disclosure] = {}
    for disclosure in disclosures:
        current[disclosure.unit_id] = disclosure
        if disclosure.status == Status.PUBLISHED:
            published[disclosure.unit_id] = disclosure
    rows = [ReviewRow(unit, current.get(unit.pk), published.get(unit.pk), today) for unit in units]
    if status:
        rows = [row for row in rows if row.status == status]
    if overdue_only:
        rows = [row for row in rows if row.overdue]
    return sorted(rows, key=SORT_KEYS.get(sort, SORT_KEYS["unit"]))


STATUS_ORDER = {value: position for position, value in enumerate([NOT_STARTED, *Status.values])}

SORT_KEYS = {
    "unit": lambda row: row.unit.code,
    "deadline": lambda row: (row.deadline is None, row.deadline or date.max, row.unit.code),
    "status": lambda row: (STATUS_ORDER[row.status], row.unit.code),
    "activity": lambda row: (row.last_activity is None, -(row.last_activity.timestamp() if row.last_activity else 0)),
    "errors": lambda row: (
        -(row.disclosure.error_count or 0) if row.disclosure else 0,
        -(row.disclosure.warning_count or 0) if row.disclosure else 0,
        row.unit.code,
    ),
}
