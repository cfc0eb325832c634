"""Lay a disclosure's data out as its layout's published tables: rows of cells keyed by column.

Derived tables are computed here from the entered rows, so their sums cannot disagree. Amounts
stay exact (元) in the cells; they are rounded to 万元 only when displayed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import FISCAL_FUNDS, Fund, IndicatorCategory, ProcurementCategory, ProcurementMode
from disclosures.money import ZERO, format_wan
from disclosures.snapshot import FUND_FIELDS, DisclosureData, FundedRow, Line
from disclosures.tables.declaration import AMOUNT, BUDGET_TABLES, TABLES, TableSet, TableSpec

# The 26 function 类 of the 2025 catalog as seed 002 prints them: the names and list of 类 when a year's
# catalog has none (tables 1 and 4 list the year's catalog's 类, zeros too, in code order).
FUNCTION_CLASSES = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"),
    ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("233", "债务发行费用支出"),
)  # fmt: skip
CHINESE_NUMERALS = "一二三四五六七八九十"

TOTAL, DEPARTMENT, UNIT, GROUP, ITEM, SECTION, SUB = "total", "department", "unit", "group", "item", "section", "sub"
# Names a part of the 合计 in a row of its own (table 7's row per 资金性质: 其中：一般公共预算资金).
PART_OF_TOTAL = "其中："


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六 (numbering of published rows)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_NUMERALS[tens - 1]) + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


@dataclass
class Row:
    kind: str
    cells: dict[str, object]
    entered: dict[str, str] = field(default_factory=dict)  # column key → entry field it is typed into


@dataclass
class BuiltTable:
    spec: TableSpec
    rows: list[Row]
    is_empty: bool
    note: str = ""

    def display_rows(self) -> list[tuple[Row, list[str]]]:
        """Each row with its cells as printed (amounts in 万元, 2 decimals)."""
        leaves = self.spec.leaves
        return [(row, [display(row.cells.get(leaf.key), leaf.kind) for leaf in leaves]) for row in self.rows]


def display(value, kind: str) -> str:
    if kind == AMOUNT:
        return format_wan(value) if isinstance(value, Decimal) else ""
    return "" if value is None else str(value)


class Names:
    """Catalog names of the disclosure's year, with the published 类 list as a fallback."""

    def __init__(self, book: dict[tuple[str, str], ClassificationCode]):
        self.book = book

    def function(self, code: str) -> str:
        entry = self.book.get((Scheme.FUNCTION, code))
        if entry:
            return entry.name
        return dict(FUNCTION_CLASSES).get(code, code)

    def economic(self, code: str) -> str:
        entry = self.book.get((Scheme.ECON_DEPT, code))
        return entry.name if entry else code

    def function_classes(self) -> list[str]:
        """The function 类 of the year's catalog in code order (the published list when it has none)."""
        codes = sorted(code for scheme, code in self.book if scheme == Scheme.FUNCTION and len(code) == 3)
        return codes or [code for code, _name in FUNCTION_CLASSES]


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _org_rows(
    data: DisclosureData,
    cells_of: Callable[[DisclosureData], dict[str, object]],
    items_of: Callable[[DisclosureData], list[Row]] = lambda organisation: [],
    code_key: str = "org_code",
) -> list[Row]:
    """合计 / department / each unit (the unit itself, or a department's included units), each unit's items
    under its row; a unit's document prints the same figures on its three rows."""
    whole = cells_of(data)
    rows = [
        Row(TOTAL, {**whole, "name": _("合计")}),
        Row(DEPARTMENT, {**whole, code_key: data.department_code, "name": data.department_name}),
    ]
    for organisation in data.organisations:
        rows.append(
            Row(UNIT, {**cells_of(organisation), code_key: organisation.unit_code, "name": organisation.unit_name})
        )
        rows.extend(items_of(organisation))
    return rows


def _lines_by_code(lines: Iterable[Line]) -> dict[str, list[Line]]:
    grouped: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        grouped[line.function_code].append(line)
    return dict(sorted(grouped.items()))


def _expenditure_cells(lines: list[Line]) -> dict[str, Decimal]:
    return {
        "total": _sum(line.total for line in lines),
        "basic": _sum(line.basic for line in lines),
        "personnel": _sum(line.personnel for line in lines),
        "public": _sum(line.public for line in lines),
        "project": _sum(line.project for line in lines),
        "carry_forward": _sum(line.carry_forward for line in lines),
    }


def _expenditure_table(
    table: TableSpec, data: DisclosureData, names: Names, select: Callable[[DisclosureData], list[Line]]
) -> BuiltTable:
    """An expenditure table of the lines ``select`` takes from a disclosure (and from each of its units)."""

    def items(organisation: DisclosureData) -> list[Row]:
        return [
            Row(ITEM, {"function_code": code, "name": names.function(code), **_expenditure_cells(group)})
            for code, group in _lines_by_code(select(organisation)).items()
        ]

    lines = select(data)
    rows = _org_rows(data, lambda organisation: _expenditure_cells(select(organisation)), items)
    if not lines:
        rows = rows[:1]
    return _finish(table, data, rows, is_empty=not lines)


def _finish(table: TableSpec, data: DisclosureData, rows: list[Row], *, is_empty: bool) -> BuiltTable:
    note = str(table.empty_note) % {"year": data.year} if is_empty and table.empty_note else ""
    return BuiltTable(table, rows, is_empty, note)


def _class_totals(lines: Iterable[Line]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        totals[line.function_code[:3]] += line.total
    return totals


def _class_items(lines: list[Line], names: Names, numbering: Callable[[int], str]) -> list[tuple[str, Decimal]]:
    totals = _class_totals(lines)
    listed = names.function_classes()
    extra = sorted(code for code in totals if code not in listed)  # a 类 the catalog lacks, when used
    return [
        (numbering(index) + names.function(code), totals.get(code, ZERO))
        for index, code in enumerate([*listed, *extra], start=1)
    ]


def _two_sided(income: list[tuple[str, Decimal, str, str]], expenditure: list[tuple[str, Decimal]]) -> list[Row]:
    """Table 1 and 4 print income and expenditure side by side, row by row."""
    rows = []
    for index in range(max(len(income), len(expenditure))):
        cells: dict[str, object] = {}
        entered = {}
        kind = ITEM
        if index < len(income):
            label, amount, income_kind, entry_field = income[index]
            cells.update(income_item=label, income_amount=amount)
            kind = income_kind
            if entry_field:
                entered["income_amount"] = entry_field
        if index < len(expenditure):
            label, amount = expenditure[index]
            cells.update(expenditure_item=label, expenditure_amount=amount)
        rows.append(Row(kind, cells, entered))
    return rows


def table_1(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    amount = data.income_amount
    income_sources = [
        (f"一、{_('一般公共预算拨款')}", ["general_budget_superior", "general_budget_local", "general_budget_bond"],
         [_("上级补助"), _("本级"), _("一般债券收入")]),
        (f"二、{_('政府性基金预算拨款')}", ["gov_fund_superior", "gov_fund_local", "gov_fund_bond"],
         [_("上级补助"), _("本级"), _("专项债券收入")]),
        (f"三、{_('国有资本经营预算拨款')}", ["state_capital_superior", "state_capital_local"],
         [_("上级补助"), _("本级")]),
        (f"四、{_('财政专户管理资金')}", ["special_account"], []),
        (f"五、{_('单位资金')}", ["unit_business", "unit_operating", "unit_superior", "unit_affiliated", "unit_other"],
         [_("事业收入"), _("事业单位经营收入"), _("上级补助收入"), _("附属单位上缴收入"), _("其他收入")]),
    ]  # fmt: skip
    income: list[tuple[str, Decimal, str, str]] = []
    for label, fields, parts in income_sources:
        income.append((label, _sum(amount(name) for name in fields), SECTION, "" if parts else fields[0]))
        income.extend(
            (f"（{chinese_number(i)}）{part}", amount(name), SUB, name)
            for i, (part, name) in enumerate(zip(parts, fields, strict=bool(parts)), start=1)
        )
    expenditure = _class_items(data.lines, names, lambda i: f"{chinese_number(i)}、")
    rows = _two_sided(income, expenditure)
    income_total = _sum(amount(name) for _label, fields, _parts in income_sources for name in fields)
    carryover = _sum(amount(f"carryover_{fund}") for fund in Fund.values)
    spent = _sum(line.total for line in data.lines)
    carried = _sum(line.carry_forward for line in data.lines)
    rows += [
        Row(TOTAL, {"income_item": _("本年收入合计"), "income_amount": income_total,
                    "expenditure_item": _("本年支出合计"), "expenditure_amount": spent}),
        Row(SECTION, {"income_item": _("上年结转结余"), "income_amount": carryover,
                      "expenditure_item": _("结转下年支出"), "expenditure_amount": carried}),
        Row(TOTAL, {"income_item": _("收入总计"), "income_amount": income_total + carryover,
                    "expenditure_item": _("支出总计"), "expenditure_amount": spent + carried}),
    ]  # fmt: skip
    return _finish(table, data, rows, is_empty=False)


def _income_cells(data: DisclosureData) -> dict[str, object]:
    amount = data.income_amount
    current = {
        Fund.GENERAL_BUDGET: _sum(amount(n) for n in ("general_budget_superior", "general_budget_local",
                                                       "general_budget_bond")),
        Fund.GOV_FUND: _sum(amount(n) for n in ("gov_fund_superior", "gov_fund_local", "gov_fund_bond")),
        Fund.STATE_CAPITAL: amount("state_capital_superior") + amount("state_capital_local"),
        Fund.SPECIAL_ACCOUNT: amount("special_account"),
        Fund.UNIT_FUNDS: _sum(amount(n) for n in ("unit_business", "unit_operating", "unit_superior",
                                                   "unit_affiliated", "unit_other")),
    }  # fmt: skip
    cells: dict[str, object] = {f"current_{fund}": value for fund, value in current.items()}
    cells |= {f"carryover_{fund}": amount(f"carryover_{fund}") for fund in Fund.values}
    cells["current_total"] = _sum(current.values())
    cells["carryover_total"] = _sum(amount(f"carryover_{fund}") for fund in Fund.values)
    cells["total"] = cells["current_total"] + cells["carryover_total"]
    return cells


def table_2(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _finish(table, data, _org_rows(data, _income_cells), is_empty=False)


def _lines_of_fund(fund: str) -> Callable[[DisclosureData], list[Line]]:
    return lambda organisation: [line for line in organisation.lines if line.fund == fund]


def table_3(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _expenditure_table(table, data, names, lambda organisation: organisation.lines)


def table_4(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    amount = data.income_amount
    fiscal_lines = [line for line in data.lines if line.fund in FISCAL_FUNDS]
    parts = [
        (_("一般公共预算"), ["general_budget_superior", "general_budget_local", "general_budget_bond"],
         [_("上级补助"), _("本级"), _("一般债券收入")]),
        (_("政府性基金预算"), ["gov_fund_superior", "gov_fund_local", "gov_fund_bond"],
         [_("上级补助"), _("本级"), _("专项债券收入")]),
        (_("国有资本经营预算"), ["state_capital_superior", "state_capital_local"], [_("上级补助"), _("本级")]),
    ]  # fmt: skip
    current_total = _sum(amount(name) for _label, fields, _sub in parts for name in fields)
    carryover = {fund: amount(f"carryover_{fund}") for fund in FISCAL_FUNDS}
    income: list[tuple[str, Decimal, str, str]] = [(f"一、{_('本年收入')}", current_total, SECTION, "")]
    for index, (label, fields, sub_labels) in enumerate(parts, start=1):
        income.append((f"（{chinese_number(index)}）{label}", _sum(amount(n) for n in fields), SUB, ""))
        income.extend(
            (f"{i}、{sub}", amount(name), ITEM, "")
            for i, (sub, name) in enumerate(zip(sub_labels, fields, strict=True), start=1)
        )
    income.append((f"二、{_('上年结转结余')}", _sum(carryover.values()), SECTION, ""))
    income.extend(
        (f"（{chinese_number(i)}）{label}", carryover[fund], SUB, "")
        for i, ((label, _f, _s), fund) in enumerate(zip(parts, FISCAL_FUNDS, strict=True), start=1)
    )
    spent = _sum(line.total for line in fiscal_lines)
    carried = _sum(line.carry_forward for line in fiscal_lines)
    expenditure = [
        (f"一、{_('本年支出')}", spent),
        *_class_items(fiscal_lines, names, lambda i: f"（{chinese_number(i)}）"),
        (f"二、{_('结转下年支出')}", carried),
    ]
    rows = _two_sided(income, expenditure)
    rows.append(
        Row(TOTAL, {"income_item": _("收入总计"), "income_amount": current_total + _sum(carryover.values()),
                    "expenditure_item": _("支出总计"), "expenditure_amount": spent + carried})
    )  # fmt: skip
    return _finish(table, data, rows, is_empty=False)


def table_5(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _expenditure_table(table, data, names, _lines_of_fund(Fund.GENERAL_BUDGET))


def table_6(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    def cells(rows) -> dict[str, Decimal]:
        return {
            "personnel": _sum(r.personnel for r in rows),
            "public": _sum(r.public for r in rows),
            "total": _sum(r.total for r in rows),
        }

    by_class: dict[str, list] = defaultdict(list)
    for row in sorted(data.basic, key=lambda r: r.economic_code):
        by_class[row.economic_code[:3]].append(row)
    rows = [Row(TOTAL, {"name": _("合计"), **cells(data.basic)})]
    for class_code, members in sorted(by_class.items()):
        rows.append(Row(GROUP, {"economic_code": class_code, "name": names.economic(class_code), **cells(members)}))
        rows.extend(
            Row(ITEM, {"economic_code": r.economic_code, "name": names.economic(r.economic_code), **cells([r])})
            for r in members
        )
    return _finish(table, data, rows, is_empty=not data.basic)


def table_7(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    keys = ["abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training_local",
            "training_superior", "vehicle", "three_public_total", "training"]  # fmt: skip

    def cells(rows) -> dict[str, Decimal]:
        return {key: _sum(getattr(r, key) for r in rows) for key in keys}

    def fund_label(fund: str) -> str:
        return Fund(fund).label + _("资金")

    # Each 资金性质's part of the 合计 is named in the name column too: a row with an empty name read as an
    # unexplained subtotal.
    rows = [Row(TOTAL, {"name": _("合计"), **cells(data.three_public)})]
    rows += [
        Row(GROUP, {"name": PART_OF_TOTAL + fund, "fund": fund, **cells([r])})
        for r, fund in ((r, fund_label(r.fund)) for r in data.three_public)
    ]
    rows.append(Row(DEPARTMENT, {"org_code": data.department_code, "name": data.department_name,
                                 **cells(data.three_public)}))  # fmt: skip
    rows += [
        Row(UNIT, {"org_code": unit.unit_code, "name": unit.unit_name, "fund": fund_label(r.fund), **cells([r])})
        for unit in data.organisations
        for r in unit.three_public
    ]
    is_empty = not any(cells(data.three_public).values())
    return _finish(table, data, rows if data.three_public else rows[:1], is_empty=is_empty)


def table_8(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _expenditure_table(table, data, names, _lines_of_fund(Fund.GOV_FUND))


def table_9(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _expenditure_table(table, data, names, _lines_of_fund(Fund.STATE_CAPITAL))


def _funded_cells(items: list[FundedRow]) -> dict[str, Decimal]:
    cells = {name: _sum(item.fund(name) for item in items) for name in FUND_FIELDS}
    cells["fund_total"] = _sum(item.total for item in items)
    return cells


def _procurement_cells(items: list[FundedRow]) -> dict[str, Decimal]:
    cells = _funded_cells(items)
    cells["type_total"] = cells["fund_total"]
    for mode in ProcurementMode.values:
        cells[mode] = _sum(item.total for item in items if item.mode == mode)
        for category in ProcurementCategory.values:
            cells[f"{mode}_{category}"] = _sum(
                item.total for item in items if item.mode == mode and item.category == category
            )
    return cells


def _funded_table(
    table: TableSpec,
    data: DisclosureData,
    names: Names,
    items_of: Callable[[DisclosureData], list[FundedRow]],
    cells_of,
) -> BuiltTable:
    def item_rows(organisation: DisclosureData) -> list[Row]:
        return [
            Row(ITEM, {"function_code": item.function_code, "name": names.function(item.function_code),
                       "project": item.project, **cells_of([item])})
            for item in items_of(organisation)
        ]  # fmt: skip

    rows = _org_rows(data, lambda organisation: cells_of(items_of(organisation)), item_rows)
    return _finish(table, data, rows if items_of(data) else rows[:1], is_empty=not items_of(data))


def table_10(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _funded_table(table, data, names, lambda organisation: organisation.procurement, _procurement_cells)


def table_11(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    return _funded_table(table, data, names, lambda organisation: organisation.service_purchases, _funded_cells)


def table_12(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    total = _sum(target.amount for target in data.targets)
    # 序号 numbers the projects only (1…8 for seed 002's 项目8个), not the 合计 and department rows above them.
    rows = [
        Row(TOTAL, {"name": _("合计"), "amount": total}),
        Row(DEPARTMENT, {"org_code": data.department_code, "name": data.department_name, "amount": total}),
    ]
    units_targets = [(unit, target) for unit in data.organisations for target in unit.targets]
    for index, (unit, target) in enumerate(units_targets, start=1):
        cells: dict[str, object] = {
            "seq": str(index),
            "org_code": unit.unit_code,
            "name": unit.unit_name,
            "project": target.project,
            "amount": target.amount,
            "goal": target.goal,
        }
        for category in IndicatorCategory:
            cells[category.value] = "\n".join(
                f"{category.label}：{item.text}" for item in target.indicators if item.category == category.value
            )
        rows.append(Row(UNIT, cells))
    return _finish(table, data, rows if data.targets else rows[:1], is_empty=not data.targets)


BUILDERS = {
    "income_expenditure": table_1, "income": table_2, "expenditure": table_3, "fiscal": table_4,
    "general_budget": table_5, "basic_by_economic": table_6, "three_public": table_7, "gov_fund": table_8,
    "state_capital": table_9, "procurement": table_10, "service_purchases": table_11, "performance": table_12,
}  # fmt: skip


def _builder(key: str) -> Callable[[TableSpec, DisclosureData, Names], BuiltTable]:
    from disclosures.tables.final_builders import FINAL_BUILDERS  # here: it builds on this module

    return BUILDERS.get(key) or FINAL_BUILDERS[key]


def build_table(table: TableSpec, data: DisclosureData, book: dict) -> BuiltTable:
    """``table`` as its set publishes it (or as declared), laid out from ``data``."""
    return _builder(table.key)(table, data, Names(book))


def build_tables(data: DisclosureData, book: dict, tables: TableSet | None = None) -> list[BuiltTable]:
    """The tables of ``tables`` in its order; without a set, every declared table of the data's kind (a 决算
    reuses some of the budget's), as the facts need them."""
    names = Names(book)
    declared = TABLES if data.is_final else BUDGET_TABLES
    chosen = list(tables) if tables is not None else list(declared.values())
    return [_builder(table.key)(table, data, names) for table in chosen]
