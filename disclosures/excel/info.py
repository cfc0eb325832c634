"""The 说明与其他 sheet read back: identity, texts, 机关运行经费, last year's figures and explanations.

One field per row, found by its 字段代码 (column C), so that rows may be moved or left out. With a
disclosure (an upload on its page) the workbook must be that unit's, year's and kind's, and the
portal's names for the unit win; without one (the command line) the sheet says which unit it is.
"""

from django.utils.translation import gettext as _

from disclosures.choices import Kind
from disclosures.excel.cells import CellReader, Place, is_blank
from disclosures.excel.layout import (
    AMOUNT,
    EXPLANATION_PREFIX,
    INFO_COLUMNS,
    INFO_SHEET,
    KIND,
    KIND_CHOICES,
    OPTIONAL_AMOUNT,
    OPTIONAL_YEAR,
    PRIOR_CLASS_PREFIX,
    UNIT_TYPE,
    UNIT_TYPE_CHOICES,
    YEAR,
    InfoField,
    info_field,
)
from disclosures.excel.reading import SheetValues
from disclosures.excel.sheets import SheetReader
from disclosures.models import PRIOR_YEAR_AMOUNT_FIELDS, Disclosure
from disclosures.money import ZERO
from disclosures.snapshot import DisclosureData, Prior
from units.models import Department, Unit

REQUIRED_IDENTITY = ("year", "department.code", "department.name", "unit.code", "unit.name")
IDENTITY_LENGTHS = {
    "department.code": Department._meta.get_field("code").max_length,
    "department.name": Department._meta.get_field("name").max_length,
    "unit.code": Unit._meta.get_field("code").max_length,
    "unit.name": Unit._meta.get_field("name").max_length,
}

Fields = dict[str, tuple[InfoField, Place, object]]  # 字段代码 → (field, place of its value, raw value)


def adopt_identity(data: DisclosureData, disclosure: Disclosure) -> DisclosureData:
    """The portal, not the workbook, says what the unit and its department are called."""
    unit = disclosure.unit
    data.department_code, data.department_name = unit.department.code, unit.department.name
    data.unit_code, data.unit_name, data.unit_type = unit.code, unit.name, unit.type
    return data


def read_info(sheet: SheetValues | None, cells: CellReader, disclosure: Disclosure | None) -> DisclosureData | None:
    """A DisclosureData holding the sheet's fields (tables empty); None when its year cannot be known."""
    reader = SheetReader(sheet, cells) if sheet is not None else None
    fields, unit = _fields(reader) if reader is not None else ({}, None)
    values = {key: _typed(cells, spec, where, raw, unit, disclosure) for key, (spec, where, raw) in fields.items()}
    if disclosure is not None:
        _check_identity(cells, fields, values, disclosure)
        year = disclosure.year
    else:
        year = values.get("year")
        if reader is not None:
            for key in REQUIRED_IDENTITY:
                if key not in fields:
                    cells.error(INFO_SHEET, _("缺少字段代码为“%(key)s”的一行") % {"key": key})
    if not year:
        return None
    data = DisclosureData(
        year=year,
        kind=values.get("kind") or Kind.BUDGET,
        department_code=values.get("department.code") or "",
        department_name=values.get("department.name") or "",
        unit_code=values.get("unit.code") or "",
        unit_name=values.get("unit.name") or "",
        unit_type=values.get("unit.type") or Unit.Type.ADMINISTRATIVE,
        duties=values.get("overview.duties", ""),
        organisation=values.get("overview.organisation", ""),
        annual_tasks=values.get("overview.annual_tasks", ""),
        operating_costs=values.get("operating_costs") or ZERO,
        state_assets=values.get("state_assets", ""),
        prior=_prior(values),
        explanations={
            key.removeprefix(EXPLANATION_PREFIX): text
            for key, text in values.items()
            if key.startswith(EXPLANATION_PREFIX) and text
        },
    )
    return adopt_identity(data, disclosure) if disclosure is not None else data


def _fields(reader: SheetReader) -> tuple[Fields, str | None]:
    start = reader.header(str(INFO_COLUMNS[0].label))
    if start is None:
        return {}, None
    fields: Fields = {}
    rows: dict[str, int] = {}
    for row in reader.rows(list(INFO_COLUMNS), start + 1, notes=False):
        key = row.text("key")
        key_place = Place(INFO_SHEET, row.number, 2)
        if not key:
            if not is_blank(row.cells["value"]):
                reader.cells.error(key_place, _("填写了内容但没有字段代码，无法导入"))
            continue
        spec = info_field(key)
        if spec is None:
            reader.cells.error(key_place, _("字段代码“%(key)s”无法识别") % {"key": key})
        elif key in rows:
            reader.cells.error(key_place, _("字段代码“%(key)s”与第%(row)d行重复") % {"key": key, "row": rows[key]})
        else:
            rows[key] = row.number
            fields[key] = (spec, Place(INFO_SHEET, row.number, 1), row.cells["value"])
    return fields, reader.amount_unit(start)


def _typed(cells: CellReader, spec: InfoField, where: Place, raw, unit, disclosure: Disclosure | None):
    kind = spec.kind
    if kind == YEAR:
        return cells.year(raw, where, required=disclosure is None)
    if kind == OPTIONAL_YEAR:
        return cells.year(raw, where, required=False)
    if kind == KIND:
        return cells.choice(raw, where, KIND_CHOICES, _("类型"), default=Kind.BUDGET)
    if kind == UNIT_TYPE:
        return cells.choice(
            raw, where, UNIT_TYPE_CHOICES, _("单位类型"), default=Unit.Type.ADMINISTRATIVE, options=Unit.Type.values
        )
    if kind == AMOUNT:
        return cells.amount(raw, where, unit)
    if kind == OPTIONAL_AMOUNT:
        return cells.optional_amount(raw, where, unit)
    required = spec.identity and disclosure is None
    return cells.text(raw, where, required=required, max_length=IDENTITY_LENGTHS.get(spec.key))


def _check_identity(cells: CellReader, fields: Fields, values: dict, disclosure: Disclosure) -> None:
    """An upload on a disclosure's page must be that unit's workbook for that year and kind."""
    expected = {
        "unit.code": (disclosure.unit.code, disclosure.unit.code),
        "year": (disclosure.year, disclosure.year),
        "kind": (disclosure.kind, disclosure.get_kind_display()),
    }
    for key, (wanted, shown) in expected.items():
        found = values.get(key)
        if key in fields and found not in (None, "") and found != wanted:
            _spec, where, raw = fields[key]
            cells.error(
                where,
                _("工作簿是“%(found)s”的，本页面是“%(expected)s”的；请上传本单位本年度的工作簿")
                % {"found": raw, "expected": shown},
            )


def _prior(values: dict) -> Prior | None:
    """Last year's figures; None when the sheet gives none at all (blank means unknown, not zero)."""
    figures = {name: values.get(f"prior.{name}") for name in PRIOR_YEAR_AMOUNT_FIELDS}
    classes = {
        key.removeprefix(PRIOR_CLASS_PREFIX): amount
        for key, amount in sorted(values.items())
        if key.startswith(PRIOR_CLASS_PREFIX) and amount is not None
    }
    year = values.get("prior.year")
    if year is None and not classes and all(value is None for value in figures.values()):
        return None
    return Prior(year=year, figures=figures, function_class=classes)
