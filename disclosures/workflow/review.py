"""The reviewer's list for one year: every unit, its disclosure's state, deadline and findings.

Filtering, sorting, counting and paging happen in the database, so that a page of a province's 10,000
units costs a few queries: each unit is joined to its open version (draft … approved; at most one, a
database constraint) and to its published version (at most one: publishing a revision supersedes the
older one). A unit whose published version has a newer draft is both 已公开 and 草稿.

A budget must be published within 20 days of the finance bureau's approval (《预算法》第十四条).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from disclosures.choices import Kind, Level, Status
from disclosures.models import Disclosure, WorkflowEvent
from units.models import Unit

PUBLICATION_DAYS = 20
DUE_SOON_DAYS = 5
NOT_STARTED = "none"
PAGE_SIZE = 50
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)
# The states counted at the top of the list, in the order of the workflow.
COUNTED_STATES = (NOT_STARTED, *OPEN_STATUSES, Status.PUBLISHED)

SORTS = ("unit", "deadline", "status", "activity", "errors")


def current_review_year(today: date) -> int:
    """The newest year any unit has a disclosure for; this year when there is none yet."""
    return Disclosure.objects.aggregate(year=Max("year"))["year"] or today.year


def publication_deadline(approved_on: date | None) -> date | None:
    return approved_on + timedelta(days=PUBLICATION_DAYS) if approved_on else None


@dataclass(frozen=True)
class ReviewFilters:
    """What the reviewer asked for: every field optional, the defaults show every unit of the year."""

    year: int
    today: date
    kind: str = Kind.BUDGET
    department_id: int | None = None
    jurisdiction_id: int | None = None
    status: str = ""
    overdue_only: bool = False
    errors_only: bool = False
    search: str = ""
    sort: str = "unit"


@dataclass
class ReviewRow:
    unit: Unit
    disclosure: Disclosure | None
    published: Disclosure | None
    today: date
    last_event_at: datetime | None = field(default=None)

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
        moments = [self.disclosure.content_changed_at, self.last_event_at, self.disclosure.created_at]
        return max(moment for moment in moments if moment is not None)


def _version(year: int, kind: str, statuses) -> FilteredRelation:
    return FilteredRelation(
        "disclosures",
        condition=Q(disclosures__year=year, disclosures__kind=kind, disclosures__status__in=list(statuses)),
    )


def units_for_review(filters: ReviewFilters, *, with_state: bool = True) -> QuerySet:
    """The units matching ``filters``, each annotated with its open and published version, sorted.

    ``with_state=False`` leaves the state filter out (the counts per state are counted over that).
    """
    last_event = (
        WorkflowEvent.objects.filter(disclosure=OuterRef("current_id"))
        .order_by()
        .values("disclosure")
        .annotate(latest=Max("created_at"))
        .values("latest")
    )
    units = (
        Unit.objects.annotate(
            open=_version(filters.year, filters.kind, OPEN_STATUSES),
            shown=_version(filters.year, filters.kind, [Status.PUBLISHED]),
        )
        .annotate(
            open_id=F("open__id"),
            shown_id=F("shown__id"),
            current_id=Coalesce("open__id", "shown__id"),
            current_status=Coalesce("open__status", "shown__status", Value(NOT_STARTED)),
            approved_on=Coalesce("open__budget_approved_on", "shown__budget_approved_on"),
            errors=Coalesce("open__error_count", "shown__error_count"),
            warnings=Coalesce("open__warning_count", "shown__warning_count"),
            counted_revision=Coalesce("open__findings_revision", "shown__findings_revision"),
            content_revision=Coalesce("open__content_revision", "shown__content_revision"),
        )
        .annotate(
            deadline=ExpressionWrapper(F("approved_on") + timedelta(days=PUBLICATION_DAYS), output_field=DateField()),
            last_event_at=Subquery(last_event),
        )
        .select_related("department")
    )
    if filters.department_id:
        units = units.filter(department_id=filters.department_id)
    if filters.jurisdiction_id:
        units = units.filter(department__jurisdiction_id=filters.jurisdiction_id)
    if filters.search:
        units = units.filter(Q(code__icontains=filters.search) | Q(name__icontains=filters.search))
    if filters.overdue_only:
        units = units.filter(_overdue(filters.today))
    if filters.errors_only:
        units = units.filter(errors__gt=0, counted_revision=F("content_revision"))
    if with_state and filters.status:
        units = units.filter(_in_state(filters.status))
    return units.order_by(*_ORDERINGS.get(filters.sort, _ORDERINGS["unit"]))


def _in_state(status: str) -> Q:
    if status == Status.PUBLISHED:
        return Q(shown_id__isnull=False)
    if status == NOT_STARTED:
        return Q(current_status=NOT_STARTED)
    return Q(open__status=status)


def _overdue(today: date) -> Q:
    """The database's reading of ReviewRow.overdue (a publication is dated in the portal's time zone)."""
    unpublished_late = Q(shown_id__isnull=True, deadline__lt=today)
    published_late = Q(
        shown_id__isnull=False,
        deadline__lt=TruncDate("shown__published_at", tzinfo=timezone.get_current_timezone()),
    )
    return Q(approved_on__isnull=False) & (unpublished_late | published_late)


_STATUS_ORDER = {value: position for position, value in enumerate([NOT_STARTED, *Status.values])}
_ORDERINGS = {
    "unit": ("code",),
    "deadline": (F("deadline").asc(nulls_last=True), "code"),
    "status": (
        Case(*(When(current_status=state, then=Value(position)) for state, position in _STATUS_ORDER.items())),
        "code",
    ),
    "activity": (
        Greatest(
            Coalesce("open__content_changed_at", "shown__content_changed_at", "open__created_at", "shown__created_at"),
            Coalesce("last_event_at", "open__created_at", "shown__created_at"),
        ).desc(nulls_last=True),
        "code",
    ),
    "errors": (
        F("errors").desc(nulls_last=True),
        F("warnings").desc(nulls_last=True),
        "code",
    ),
}


def state_counts(filters: ReviewFilters) -> dict[str, int]:
    """How many of the filtered units are in each state (已公开 counts a published unit with a newer draft too)."""
    units = units_for_review(filters, with_state=False).order_by()
    return units.aggregate(**{state: Count("pk", filter=_in_state(state)) for state in COUNTED_STATES})


def review_page(filters: ReviewFilters, page_number: int | str = 1, per_page: int = PAGE_SIZE) -> Page:
    """One page of rows; its ``object_list`` holds ReviewRow, built with one more query for the versions."""
    page = Paginator(units_for_review(filters), per_page).get_page(page_number)
    page.object_list = rows_for(list(page.object_list), filters.today)
    return page


def rows_for(units: list[Unit], today: date) -> list[ReviewRow]:
    ids = [pk for unit in units for pk in (unit.open_id, unit.shown_id) if pk]
    versions = Disclosure.objects.in_bulk(ids)
    return [
        ReviewRow(unit, versions.get(unit.current_id), versions.get(unit.shown_id), today, unit.last_event_at)
        for unit in units
    ]


def review_rows(year: int, *, today: date, **criteria) -> list[ReviewRow]:
    """Every row matching the criteria (for commands and tests; pages use review_page)."""
    return rows_for(list(units_for_review(ReviewFilters(year=year, today=today, **criteria))), today)


def department_documents(year: int) -> list[Disclosure]:
    """The departments' own documents of the year being prepared or reviewed, else their latest published: one query."""
    documents = (
        Disclosure.objects.filter(level=Level.DEPARTMENT, year=year)
        .exclude(status=Status.SUPERSEDED)
        .select_related("department")
        .order_by("department__code", "kind", "version")
    )
    return list({(document.department_id, document.kind): document for document in documents}.values())
