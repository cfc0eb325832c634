"""A department's document (部门预算, 部门决算) consolidated from its units' disclosures.

Nothing summed is typed: the tables are the sums of the included units' disclosures, and print a row for
each of them under the department's (合计 / department / each unit). The department writes only its own
texts and reasons, stored on its document (a Disclosure of level department). All its units are included
by default, its 本级 among them; a unit left out has a ConsolidatedUnit row with the department's reason.

A document being prepared is built from each unit's current version (the newest not superseded); a
published one from the versions recorded at publication, so that it never changes. A fixed number of
queries reads a department of any size (``load_department``). Works for every kind (预算 and 决算).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from disclosures import snapshot
from disclosures.choices import Level, Status
from disclosures.models import (
    FINAL_AMOUNT_FIELDS,
    FINAL_COUNT_FIELDS,
    FINAL_LINE_AMOUNT_FIELDS,
    THREE_PUBLIC_ROW_FIELDS,
    ConsolidatedUnit,
    Disclosure,
)
from disclosures.snapshot import (
    ZERO,
    BasicRow,
    DisclosureData,
    Line,
    ListedUnit,
    Prior,
    ThreePublicRow,
)
from units.models import Unit

# A unit's disclosure the department's may be submitted with: reviewed and approved (or published).
READY_STATUSES = (Status.APPROVED, Status.PUBLISHED)


@dataclass(frozen=True)
class Member:
    """A unit of the department's document, and the version of its disclosure the document is built from."""

    unit: Unit
    included: bool
    reason: str
    disclosure: Disclosure | None  # None: the unit has no disclosure of the year and kind

    @property
    def is_ready(self) -> bool:
        return self.disclosure is not None and self.disclosure.status in READY_STATUSES

    @property
    def status_label(self) -> str:
        return self.disclosure.get_status_display() if self.disclosure else "未编制"


def current_versions(unit_ids: Iterable[int], year: int, kind: str) -> dict[int, Disclosure]:
    """Each unit's current disclosure of the year and kind (its newest version not superseded): one query."""
    versions = (
        Disclosure.objects.filter(level=Level.UNIT, unit_id__in=list(unit_ids), year=year, kind=kind)
        .exclude(status=Status.SUPERSEDED)
        .select_related("unit__department__jurisdiction")
        .order_by("unit_id", "version")
    )
    return {disclosure.unit_id: disclosure for disclosure in versions}  # the newest wins


def members(document: Disclosure) -> list[Member]:
    """The document's units in code order: three queries whatever their number.

    A published (frozen) document lists the units and versions recorded at publication; one being prepared
    lists every unit of the department (a unit added since is included by default) at its current version.
    """
    rows = {
        row.unit_id: row
        for row in ConsolidatedUnit.objects.filter(disclosure=document).select_related(
            "unit", "source__unit__department__jurisdiction"
        )
    }
    if document.is_frozen:
        return [Member(row.unit, row.included, row.reason, row.source) for row in rows.values()]
    units = list(Unit.objects.filter(department_id=document.department_id).order_by("code"))
    units += [row.unit for unit_id, row in rows.items() if unit_id not in {unit.pk for unit in units}]
    current = current_versions((unit.pk for unit in units), document.year, document.kind)
    result = []
    for unit in units:
        row = rows.get(unit.pk)
        included = row.included if row else True
        result.append(Member(unit, included, row.reason if row else "", current.get(unit.pk)))
    return result


def not_ready(listed: list[Member]) -> list[Member]:
    """The included units whose disclosure is not yet approved: the document cannot be submitted before."""
    return [member for member in listed if member.included and not member.is_ready]


def out_of_date(document: Disclosure) -> list[Member]:
    """The units of a published document corrected since: the version it was built from is superseded."""
    if not document.is_department_level or document.status != Status.PUBLISHED:
        return []
    return [
        member
        for member in members(document)
        if member.included and member.disclosure is not None and member.disclosure.status == Status.SUPERSEDED
    ]


def sources_stamp(document: Disclosure) -> str:
    """Changes whenever what the document consolidates changes: a unit's version, content or inclusion."""
    return "-".join(
        f"{member.disclosure.pk}.{member.disclosure.content_revision}"
        for member in members(document)
        if member.included and member.disclosure is not None
    )


def load_department(document: Disclosure) -> DisclosureData:
    """The department's document as one DisclosureData: its texts, its units listed, their data summed."""
    listed = members(document)
    sources = [member.disclosure for member in listed if member.included and member.disclosure is not None]
    loaded = snapshot.load_many(sources)
    parts = [loaded[source.pk] for source in sources]
    department = document.department
    data = DisclosureData(
        **snapshot.document_fields(document, department),
        unit_code=department.code,
        unit_name=department.name,
        unit_type=_department_type(parts),
        explanations=snapshot.stored_explanations(document),
        level=Level.DEPARTMENT,
        units=[
            ListedUnit(
                code=member.unit.code,
                name=member.unit.name,
                type=member.unit.type,
                included=member.included,
                reason=member.reason,
                version=member.disclosure.version if member.disclosure else None,
                status=member.disclosure.status if member.disclosure else "",
            )
            for member in listed
        ],
    )
    return consolidate(data, parts)


def _department_type(parts: list[DisclosureData]) -> str:
    """A department reports 机关运行经费 when any of its units does (its 本级 is usually an administrative unit)."""
    reporting = (Unit.Type.ADMINISTRATIVE, Unit.Type.CIVIL_SERVICE_MANAGED)
    if any(part.unit_type in reporting for part in parts) or not parts:
        return Unit.Type.ADMINISTRATIVE
    return parts[0].unit_type


def consolidate(data: DisclosureData, parts: list[DisclosureData]) -> DisclosureData:
    """Fill ``data`` with the sums of ``parts`` (the included units' data), which it keeps as its members."""
    data.members = parts
    data.income = {
        name: sum((part.income_amount(name) for part in parts), ZERO)
        for name in {name for part in parts for name in part.income}
    }
    data.lines = _merged(
        (line for part in parts for line in part.lines),
        key=lambda line: (line.function_code, line.fund, line.income_source),
        new=lambda line: Line(function_code=line.function_code, fund=line.fund, income_source=line.income_source),
        fields=("personnel", "public", "project", "carry_forward", *FINAL_LINE_AMOUNT_FIELDS),
    )
    _join_purposes(data.lines, parts)
    data.basic = _merged(
        (row for part in parts for row in part.basic),
        key=lambda row: row.economic_code,
        new=lambda row: BasicRow(economic_code=row.economic_code),
        fields=("personnel", "public"),
    )
    data.three_public = _merged(
        (row for part in parts for row in part.three_public),
        key=lambda row: row.fund,
        new=lambda row: ThreePublicRow(fund=row.fund),
        fields=THREE_PUBLIC_ROW_FIELDS,  # a 决算's counts add up too
    )
    data.procurement = [item for part in parts for item in part.procurement]
    data.service_purchases = [item for part in parts for item in part.service_purchases]
    data.targets = [target for part in parts for target in part.targets]
    data.operating_costs = sum((part.operating_costs for part in parts), ZERO)
    data.prior = _summed_prior(parts)
    if data.is_final:  # a 决算's balances, procurement and asset counts add up; its evaluations are its units'
        data.final = {
            name: sum((part.final_figure(name) for part in parts), ZERO if name in FINAL_AMOUNT_FIELDS else 0)
            for name in (*FINAL_AMOUNT_FIELDS, *FINAL_COUNT_FIELDS)
        }
        data.evaluations = [evaluation for part in parts for evaluation in part.evaluations]
    return data


def _merged(rows: Iterable, *, key: Callable, new: Callable, fields: Iterable[str]) -> list:
    """Rows with the same key summed field by field, in the order their keys first appear."""
    fields = tuple(fields)
    merged: dict = {}
    for row in rows:
        total = merged.get(key(row))
        if total is None:
            total = merged[key(row)] = new(row)
        for name in fields:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return list(merged.values())


def _join_purposes(lines: list[Line], parts: list[DisclosureData]) -> None:
    """A consolidated 项's 主要用于 is its units' own, each said once, in the units' order."""
    purposes: dict[tuple[str, str], list[str]] = {}
    for part in parts:
        for line in part.lines:
            said = purposes.setdefault((line.function_code, line.fund), [])
            if line.purpose and line.purpose not in said:
                said.append(line.purpose)
    for line in lines:
        line.purpose = "；".join(purposes.get((line.function_code, line.fund), []))


def _summed_prior(parts: list[DisclosureData]) -> Prior | None:
    """Last year's figures typed by the units, summed; a figure is known only when every unit knows it."""
    priors = [part.prior for part in parts]
    if not priors or any(prior is None for prior in priors):
        return None

    def summed(values: list[Decimal | None]) -> Decimal | None:
        return None if any(value is None for value in values) else sum(values, ZERO)

    def summed_maps(maps: list[dict[str, Decimal]]) -> dict[str, Decimal]:
        return {code: sum((m.get(code, ZERO) for m in maps), ZERO) for code in sorted({c for m in maps for c in m})}

    names = {name for prior in priors for name in prior.figures}
    return Prior(
        year=priors[0].year,
        figures={name: summed([prior.get(name) for prior in priors]) for name in names},
        function_class=summed_maps([prior.function_class for prior in priors]),
        general_budget_class=summed_maps([prior.general_budget_class for prior in priors]),
        economic=summed_maps([prior.economic for prior in priors]),
    )
