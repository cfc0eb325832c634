"""The reviewer's list for one year: every unit, its disclosure's state, deadline and findings.

Filtering, sorting, counting and paging happen in the database, so that a page of a province's 10,000
units costs a few queries: each unit is joined to its open version (draft … approved; at most one, a
database constraint) and to its published version (at most one: publishing a revision supersedes the
older one). A unit whose published version has a newer draft is both 已公开 and 草稿. On PostgreSQL both
joins read the covering index disclosure_year_state alone; the counts per state and the number of units
listed come from one aggregate, and only the page's own versions are read whole.

A budget must be published within 20 days of the finance bureau's approval (《预算法》第十四条).
"""

from dataclasses import dataclass
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
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, Greatest, TruncDate
from django.utils import timezone
from django.utils.functional import cached_property

from disclosures.choices import Kind, Level, Status
from disclosures.models import REVIEW_FIELDS, Disclosure
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

    @property
    def status(self) -> str:
        return self.disclosure.status if self.disclosure else NOT_STARTED

    # Cached: a row of the list reads its deadline and state a few times.
    @cached_property
    def deadline(self) -> date | None:
        return publication_deadline(self.disclosure.budget_approved_on) if self.disclosure else None

    @property
    def is_published(self) -> bool:
        return self.published is not None

    @cached_property
    def overdue(self) -> bool:
        """Past the deadline and not published, or published after it."""
        if self.deadline is None:
            return False
        if self.published is None:
            return self.today > self.deadline
        published_on = timezone.localdate(self.published.published_at) if self.published.published_at else None
        return published_on is not None and published_on > self.deadline

    @cached_property
    def due_soon(self) -> bool:
        if self.deadline is None or self.published is not None:
            return False
        return 0 <= (self.deadline - self.today).days <= DUE_SOON_DAYS

    @property
    def days_left(self) -> int | None:
        return (self.deadline - self.today).days if self.deadline and self.published is None else None

    @property
    def last_activity(self) -> datetime | None:
        """The version's latest change: of its content, or saved (every transition saves it with its event)."""
        if self.disclosure is None:
            return None
        moments = [self.disclosure.content_changed_at, self.disclosure.updated_at]
        return max(moment for moment in moments if moment is not None)


def _version(year: int, kind: str, statuses) -> FilteredRelation:
    return FilteredRelation(
        "disclosures",
        condition=Q(disclosures__year=year, disclosures__kind=kind, disclosures__status__in=list(statuses)),
    )


def _with_versions(units: QuerySet[Unit], filters: ReviewFilters) -> QuerySet[Unit]:
    """``units``, each annotated with its open and published version of the year and kind."""
    return (
        units.annotate(
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
            deadline=ExpressionWrapper(F("approved_on") + timedelta(days=PUBLICATION_DAYS), output_field=DateField())
        )
        .select_related("department")
    )


def _units_filtered(filters: ReviewFilters) -> QuerySet[Unit]:
    """The units matching the filters that need no version: department, jurisdiction, search."""
    units = Unit.objects.all()
    if filters.department_id:
        units = units.filter(department_id=filters.department_id)
    if filters.jurisdiction_id:
        units = units.filter(department__jurisdiction_id=filters.jurisdiction_id)
    if filters.search:
        units = units.filter(Q(code__icontains=filters.search) | Q(name__icontains=filters.search))
    return units


def _ordering(filters: ReviewFilters) -> tuple:
    return _ORDERINGS.get(filters.sort, _ORDERINGS["unit"])


def units_for_review(filters: ReviewFilters, *, with_state: bool = True) -> QuerySet:
    """The units matching ``filters``, each annotated with its open and published version, sorted.

    ``with_state=False`` leaves the state filter out (the counts per state are counted over that).
    """
    units = _with_versions(_units_filtered(filters), filters)
    if filters.overdue_only:
        units = units.filter(_overdue(filters.today))
    if filters.errors_only:
        units = units.filter(errors__gt=0, counted_revision=F("content_revision"))
    if with_state and filters.status:
        units = units.filter(_in_state(filters.status))
    return units.order_by(*_ordering(filters))


class ReviewUnits:
    """The list's units as the paginator slices them: a page's ids first, then only those units' versions.

    The ids come from the units alone, in code order, when neither a filter nor the order reads a version:
    the unique index on the code then reaches page 100 without joining, counting or sorting 10,000 units.
    """

    def __init__(self, filters: ReviewFilters):
        self.filters = filters

    def ids(self) -> QuerySet:
        filters = self.filters
        reads_versions = filters.status or filters.overdue_only or filters.errors_only or filters.sort != "unit"
        units = units_for_review(filters) if reads_versions else _units_filtered(filters).order_by("code")
        return units.values("pk")

    def __getitem__(self, window: slice) -> list[Unit]:
        page = Unit.objects.filter(pk__in=self.ids()[window])
        return list(_with_versions(page, self.filters).order_by(*_ordering(self.filters)))


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


class ByteOrder(Collate):
    """A column compared byte by byte: PostgreSQL's "C" collation, SQLite's BINARY (its default).

    Under the database's locale PostgreSQL compares every pair of codes through strcoll(), most of the time
    of sorting 10,000 joined units for a deep page. Unit codes are digits: ordered alike either way.
    """

    def __init__(self, expression: str):
        super().__init__(expression, "C")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, collation="BINARY", **extra_context)


BY_CODE = ByteOrder("code").asc()
_STATUS_ORDER = {value: position for position, value in enumerate([NOT_STARTED, *Status.values])}
_ORDERINGS = {
    "unit": (BY_CODE,),
    "deadline": (F("deadline").asc(nulls_last=True), BY_CODE),
    "status": (
        Case(*(When(current_status=state, then=Value(position)) for state, position in _STATUS_ORDER.items())),
        BY_CODE,
    ),
    "activity": (  # ReviewRow.last_activity: the current version's (an open version's updated_at is never null)
        Greatest(
            Coalesce("open__content_changed_at", "open__updated_at", "shown__content_changed_at", "shown__updated_at"),
            Coalesce("open__updated_at", "shown__updated_at"),
        ).desc(nulls_last=True),
        BY_CODE,
    ),
    "errors": (
        F("errors").desc(nulls_last=True),
        F("warnings").desc(nulls_last=True),
        BY_CODE,
    ),
}


@dataclass(frozen=True)
class StateCounts:
    """The units matching every filter but the state, and how many of them are in each state."""

    total: int
    by_state: dict[str, int]

    def listed(self, status: str) -> int:
        """How many units the list shows when filtered to ``status`` ("" for every state)."""
        return self.by_state[status] if status else self.total


def state_counts(filters: ReviewFilters) -> StateCounts:
    """One aggregate over the filtered units (已公开 counts a published unit with a newer draft too)."""
    units = units_for_review(filters, with_state=False).order_by()
    counted = units.aggregate(
        total=Count("pk"), **{state: Count("pk", filter=_in_state(state)) for state in COUNTED_STATES}
    )
    return StateCounts(counted.pop("total"), counted)


class CountedPaginator(Paginator):
    """A paginator told how many objects there are, so that it does not count them again."""

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def review_page(
    filters: ReviewFilters, counts: StateCounts, page_number: int | str = 1, per_page: int = PAGE_SIZE
) -> Page:
    """One page of rows, its length taken from ``counts``; its ``object_list`` holds ReviewRow (rows_for)."""
    paginator = CountedPaginator(ReviewUnits(filters), per_page, count=counts.listed(filters.status))
    page = paginator.get_page(page_number)
    page.object_list = rows_for(list(page.object_list), filters.today)
    return page


def rows_for(units: list[Unit], today: date) -> list[ReviewRow]:
    """The rows of ``units``, with one query for their versions (the columns the list shows, not the texts)."""
    ids = [pk for unit in units for pk in (unit.open_id, unit.shown_id) if pk]
    fields = ("unit", "year", "kind", "status", *REVIEW_FIELDS)
    versions = Disclosure.objects.only(*fields).order_by().in_bulk(ids)  # unordered: no join for the codes
    return [ReviewRow(unit, versions.get(unit.current_id), versions.get(unit.shown_id), today) for unit in units]


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
