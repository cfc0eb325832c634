"""Changing a disclosure from the workspace: start a year's draft, save one table, import an upload.

Every change bumps ``Disclosure.lock_version``. A table save names the version it was based on and
is refused when someone saved in between (optimistic locking), so that nobody silently overwrites
another person's work; it writes only the rows of that table that changed, and leaves every other
table as stored.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Kind
from disclosures.models import (
    THREE_PUBLIC_AMOUNT_FIELDS,
    BasicExpenditure,
    Disclosure,
    ExpenditureLine,
    Income,
    PerformanceIndicator,
    PerformanceTarget,
    ProcurementItem,
    ServicePurchaseItem,
    ThreePublicCosts,
)
from disclosures.services import import_disclosure, layout_for_unit
from disclosures.snapshot import (
    FUND_FIELDS,
    BasicRow,
    DisclosureData,
    FundedRow,
    Line,
    Target,
    ThreePublicRow,
    code_book,
)
from disclosures.tables.declaration import TableKey
from units.models import Unit


class EditRefused(Exception):
    """The change is not allowed as asked; the message says why."""


class EditConflict(EditRefused):
    """Someone saved the disclosure after the editor read it."""

    def __init__(self, current_lock_version: int):
        self.current_lock_version = current_lock_version
        super().__init__(
            _("保存失败：在您打开本页之后，其他人已保存过本单位的数据。您的输入仍保留在页面上，请核对后再次保存。")
        )


def claim_for_edit(disclosure: Disclosure, expected_lock_version: int) -> Disclosure:
    """Take the right to change the disclosure's content in the current transaction; returns it as stored now.

    Raises EditConflict when it was saved after ``expected_lock_version`` was read (the conditional update
    is the lock: of two saves based on the same version, one matches), EditRefused when it is not editable.
    """
    claimed = Disclosure.objects.filter(pk=disclosure.pk, lock_version=expected_lock_version).update(
        lock_version=F("lock_version") + 1
    )
    current = Disclosure.objects.select_related("unit__department__jurisdiction").get(pk=disclosure.pk)
    if not current.is_editable:
        raise EditRefused(_("本公开材料当前状态为“%(status)s”，不能修改。") % {"status": current.get_status_display()})
    if not claimed:
        raise EditConflict(current.lock_version)
    return current


@dataclass
class BasicContent:
    """What the table 6 page saves: the 款 rows, and 机关运行经费 when the unit reports it."""

    rows: list[BasicRow]
    operating_costs: Decimal | None = None


def _sync(model, existing: list, wanted: list[dict], *, owner: dict, key=None) -> list:
    """Make one table's stored rows equal ``wanted`` (values by field attname), writing only what changed.

    Rows are matched by ``key`` (a function of the values) when the table has a natural key, else by
    position. Matched rows that differ are updated, the rest created or deleted: the audit then records
    what the unit changed rather than a rewrite of the table, and an unchanged row costs no query.
    Returns the rows in the order of ``wanted``.
    """
    if key is not None:
        names = list(wanted[0]) if wanted else []
        by_key = {key({name: getattr(obj, name) for name in names}): obj for obj in existing} if wanted else {}
        pairs = [(by_key.pop(key(values), None), values) for values in wanted]
        leftover = list(by_key.values()) if wanted else list(existing)
    else:
        pairs = [(existing[index] if index < len(existing) else None, values) for index, values in enumerate(wanted)]
        leftover = existing[len(wanted) :]
    if leftover:
        model.objects.filter(pk__in=[obj.pk for obj in leftover]).delete()
    rows, changed, created, fields = [], [], [], set()
    for obj, values in pairs:
        if obj is None:
            obj = model(**owner, **values)
            created.append(obj)
        else:
            differing = [name for name, value in values.items() if getattr(obj, name) != value]
            for name in differing:
                setattr(obj, name, values[name])
            if differing:
                changed.append(obj)
                fields.update(name.removesuffix("_id") for name in differing)
        rows.append(obj)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))
    if created:
        model.objects.bulk_create(created)
    return rows


def _function_id(book: dict, code: str) -> int:
    return book[(Scheme.FUNCTION, code)].pk


def _write_income(disclosure: Disclosure, income: dict[str, Decimal], book: dict) -> None:
    row, _created = Income.objects.get_or_create(disclosure=disclosure)
    changed = {name: value for name, value in income.items() if getattr(row, name) != value}
    if changed:
        Income.objects.filter(pk=row.pk).update(**changed)


def _write_lines(disclosure: Disclosure, lines: list[Line], book: dict) -> None:
    wanted = [
        {"position": position, "function_code_id": _function_id(book, line.function_code), "fund": line.fund,
         "personnel": line.personnel, "public": line.public, "project": line.project,
         "carry_forward": line.carry_forward, "purpose": line.purpose}
        for position, line in enumerate(lines)
    ]  # fmt: skip
    existing = list(ExpenditureLine.objects.filter(disclosure=disclosure))
    _sync(ExpenditureLine, existing, wanted, owner={"disclosure": disclosure},
          key=lambda values: (values["function_code_id"], values["fund"]))  # fmt: skip


def _write_basic(disclosure: Disclosure, content: BasicContent, book: dict) -> None:
    wanted = [
        {"economic_code_id": book[(Scheme.ECON_DEPT, row.economic_code)].pk, "personnel": row.personnel,
         "public": row.public}
        for row in content.rows
    ]  # fmt: skip
    existing = list(BasicExpenditure.objects.filter(disclosure=disclosure))
    _sync(BasicExpenditure, existing, wanted, owner={"disclosure": disclosure},
          key=lambda values: values["economic_code_id"])  # fmt: skip
    if content.operating_costs is not None and content.operating_costs != disclosure.operating_costs:
        Disclosure.objects.filter(pk=disclosure.pk).update(operating_costs=content.operating_costs)
        disclosure.operating_costs = content.operating_costs


def _write_three_public(disclosure: Disclosure, rows: list[ThreePublicRow], book: dict) -> None:
    wanted = [{"fund": row.fund, **{name: getattr(row, name) for name in THREE_PUBLIC_AMOUNT_FIELDS}} for row in rows]
    existing = list(ThreePublicCosts.objects.filter(disclosure=disclosure))
    _sync(ThreePublicCosts, existing, wanted, owner={"disclosure": disclosure}, key=lambda values: values["fund"])


def _funded(model, extra: tuple[str, ...]):
    def write(disclosure: Disclosure, rows: list[FundedRow], book: dict) -> None:
        wanted = [
            {"position": position, "function_code_id": _function_id(book, row.function_code), "project": row.project,
             **{name: row.fund(name) for name in FUND_FIELDS}, **{name: getattr(row, name) for name in extra}}
            for position, row in enumerate(rows)
        ]  # fmt: skip
        _sync(model, list(model.objects.filter(disclosure=disclosure)), wanted, owner={"disclosure": disclosure})

    return write


def _write_targets(disclosure: Disclosure, targets: list[Target], book: dict) -> None:
    wanted = [
        {
            "position": position,
            "project": target.project,
            "amount": target.amount,
            "goal": target.goal,
            "key_project": target.key_project,
        }
        for position, target in enumerate(targets)
    ]
    existing = list(PerformanceTarget.objects.filter(disclosure=disclosure))
    stored = _sync(PerformanceTarget, existing, wanted, owner={"disclosure": disclosure})
    indicators = [
        {"target": row, "position": position, "category": item.category, "name": item.name,
         "operator": item.operator or "", "value": item.value, "unit": item.unit}
        for row, target in zip(stored, targets, strict=True)
        for position, item in enumerate(target.indicators)
    ]  # fmt: skip
    stored_indicators = PerformanceIndicator.objects.filter(target__disclosure=disclosure).select_related("target")
    _sync(PerformanceIndicator, list(stored_indicators), indicators, owner={},
          key=lambda values: (values["target"].pk, values["position"]))  # fmt: skip


# The entered tables, and how the content of each one's page is written.
WRITERS: dict[str, Callable[[Disclosure, object, dict], None]] = {
    TableKey.INCOME_EXPENDITURE: _write_income,
    TableKey.EXPENDITURE: _write_lines,
    TableKey.BASIC_BY_ECONOMIC: _write_basic,
    TableKey.THREE_PUBLIC: _write_three_public,
    TableKey.PROCUREMENT: _funded(ProcurementItem, ("mode", "category")),
    TableKey.SERVICE_PURCHASES: _funded(ServicePurchaseItem, ()),
    TableKey.PERFORMANCE: _write_targets,
}


def save_table(
    disclosure: Disclosure,
    table: str,
    content,
    *,
    expected_lock_version: int,
    entry_unit: str | None = None,
    book: dict | None = None,
) -> Disclosure:
    """Make entered table ``table`` (its key) hold ``content``, in one transaction; returns the saved disclosure.

    Raises EditConflict when the disclosure was saved after ``expected_lock_version`` was read, and
    EditRefused when it is no longer editable (submitted, approved or published). Other tables stay
    exactly as stored. Codes must exist in the year's catalog (the entry forms check them).
    """
    write = WRITERS[table]
    with transaction.atomic():
        current = claim_for_edit(disclosure, expected_lock_version)
        write(current, content, code_book(current.year) if book is None else book)
        if entry_unit and entry_unit != current.entry_unit:
            Disclosure.objects.filter(pk=current.pk).update(entry_unit=entry_unit)
            current.entry_unit = entry_unit
    return current


@transaction.atomic
def import_upload(disclosure: Disclosure, data: DisclosureData, *, replace: bool) -> Disclosure:
    """Import an uploaded document into the page's disclosure; the document must be for that unit and year."""
    expected = (disclosure.unit.code, disclosure.year, disclosure.kind)
    if (data.unit_code, data.year, data.kind) != expected:
        raise EditRefused(
            _(
                "上传的文件是%(unit)s %(year)d年%(kind)s的数据，"
                "与本页（%(page_unit)s %(page_year)d年%(page_kind)s）不符，未导入。"
            )
            % {
                "unit": data.unit_code,
                "year": data.year,
                "kind": Kind(data.kind).label,
                "page_unit": disclosure.unit.code,
                "page_year": disclosure.year,
                "page_kind": disclosure.get_kind_display(),
            }
        )
    return import_disclosure(data=data, replace=replace)


def _already_started(unit: Unit, year: int) -> EditRefused:
    return EditRefused(_("%(unit)s %(year)d年已有公开材料，不能重复新建。") % {"unit": unit.code, "year": year})


def start_draft(*, unit: Unit, year: int, kind: str = Kind.BUDGET) -> Disclosure:
    """Create an empty draft for a year in which the unit has no disclosure at all."""
    if Disclosure.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise _already_started(unit, year)
    if not ClassificationCode.objects.filter(year=year).exists():
        raise EditRefused(_("%(year)d年的分类科目目录尚未导入，请先联系财政部门导入该年度目录。") % {"year": year})
    disclosure = Disclosure(unit=unit, year=year, kind=kind, layout=layout_for_unit(unit, year, kind))
    try:
        with transaction.atomic():
            disclosure.full_clean()
            disclosure.save()
    except IntegrityError as exc:  # started by someone else at the same moment
        raise _already_started(unit, year) from exc
    except ValidationError as exc:
        raise EditRefused("；".join(exc.messages)) from exc
    return disclosure
