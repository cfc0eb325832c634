"""Lay a 决算's data out as the tables only a 决算 publishes (``final_declaration``), as ``builders`` does
for the budget's: every sum is computed here from the entered rows, so no printed total can disagree."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.choices import FISCAL_FUNDS, Fund, IncomeSource
from disclosures.snapshot import CARRYOVER_KEYS, DisclosureData, Line
from disclosures.tables.builders import (
    GROUP,
    ITEM,
    SECTION,
    TOTAL,
    BuiltTable,
    Names,
    Row,
    _class_items,
    _finish,
    _lines_by_code,
    _sum,
    _two_sided,
    chinese_number,
)
from disclosures.tables.declaration import TableSpec

# The income of table 1 by source, in its order: 财政拨款 (the three fiscal funds), then each other source.
FISCAL_INCOME_FIELDS = {
    Fund.GENERAL_BUDGET: ("general_budget_superior", "general_budget_local", "general_budget_bond"),
    Fund.GOV_FUND: ("gov_fund_superior", "gov_fund_local", "gov_fund_bond"),
    Fund.STATE_CAPITAL: ("state_capital_superior", "state_capital_local"),
}
OTHER_SOURCES = (
    ("unit_superior", gettext_lazy("上级补助收入")),
    ("special_account_and_business", gettext_lazy("事业收入")),
    ("unit_operating", gettext_lazy("事业单位经营收入")),
    ("unit_affiliated", gettext_lazy("附属单位上缴收入")),
    ("unit_other", gettext_lazy("其他收入")),
)


def fiscal_income(data: DisclosureData, fund: str) -> Decimal:
    """本年收入 of one fiscal fund (its 财政拨款收入)."""
    return _sum(data.income_amount(name) for name in FISCAL_INCOME_FIELDS[fund])


def source_income(data: DisclosureData, source: str) -> Decimal:
    """本年收入 of a non-fiscal source; 财政专户管理资金 is 事业收入 in a 决算."""
    if source == "special_account_and_business":
        return data.income_amount("special_account") + data.income_amount("unit_business")
    return data.income_amount(source)


def income_total(data: DisclosureData) -> Decimal:
    fiscal = _sum(fiscal_income(data, fund) for fund in FISCAL_FUNDS)
    return fiscal + _sum(source_income(data, source) for source, _label in OTHER_SOURCES)


def opening(data: DisclosureData, funds=tuple(Fund.values)) -> Decimal:
    """年初结转和结余 (the budget's 上年结转结余) of the given funds."""
    return _sum(data.income_amount(CARRYOVER_KEYS[fund]) for fund in funds)


def closing(data: DisclosureData, funds=tuple(Fund.values)) -> Decimal:
    """年末结转和结余 of the given funds."""
    return _sum(data.final_figure(f"closing_{fund}") for fund in funds)


def _class_total(lines: list[Line], code: str) -> Decimal:
    return _sum(line.total for line in lines if line.function_code.startswith(code))


def _used_classes(lines: list[Line], names: Names) -> list[str]:
    """The catalog's 类 in code order, and any 类 the lines use that it lacks."""
    listed = names.function_classes()
    return [*listed, *sorted({line.function_code[:3] for line in lines} - set(listed))]


def final_table_1(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """收入支出决算总表: income by source, spending by 类, and the balances below them."""
    fiscal = _sum(fiscal_income(data, fund) for fund in FISCAL_FUNDS)
    income = [(f"{chinese_number(1)}、{_('财政拨款收入')}", fiscal, SECTION, "")]
    income += [
        (f"{chinese_number(number)}、{label}", source_income(data, source), SECTION, "")
        for number, (source, label) in enumerate(OTHER_SOURCES, start=2)
    ]
    rows = _two_sided(income, _class_items(data.lines, names, lambda i: f"{chinese_number(i)}、"))
    current = income_total(data)
    spent = _sum(line.total for line in data.lines)
    drawdown = data.final_figure("fund_drawdown")
    distribution = data.final_figure("surplus_distribution")
    rows += [
        Row(TOTAL, {"income_item": _("本年收入合计"), "income_amount": current,
                    "expenditure_item": _("本年支出合计"), "expenditure_amount": spent}),
        Row(SECTION, {"income_item": _("用事业基金弥补收支差额"), "income_amount": drawdown,
                      "expenditure_item": _("结余分配"), "expenditure_amount": distribution}),
        Row(SECTION, {"income_item": _("年初结转和结余"), "income_amount": opening(data),
                      "expenditure_item": _("年末结转和结余"), "expenditure_amount": closing(data)}),
        Row(TOTAL, {"income_item": _("总计"), "income_amount": current + drawdown + opening(data),
                    "expenditure_item": _("总计"), "expenditure_amount": spent + distribution + closing(data)}),
    ]  # fmt: skip
    return _finish(table, data, rows, is_empty=False)


def _income_cells(lines: list[Line]) -> dict[str, Decimal]:
    cells = {"fiscal": _sum(line.income for line in lines if line.fund in FISCAL_FUNDS)}
    for source in IncomeSource.values:
        cells[source] = _sum(
            line.income
            for line in lines
            if line.fund not in FISCAL_FUNDS and (line.income_source or IncomeSource.OTHER) == source
        )
    cells["total"] = _sum(line.income for line in lines)
    return cells


def _spending_cells(lines: list[Line]) -> dict[str, Decimal]:
    names = ("personnel", "public", "project", "remittance", "operating", "subsidy", "opening_balance", "income",
             "closing_balance")  # fmt: skip
    cells = {name: _sum(getattr(line, name) for line in lines) for name in names}
    cells["basic"] = cells["personnel"] + cells["public"]
    cells["total"] = _sum(line.total for line in lines)
    return cells


def _by_function(table: TableSpec, data: DisclosureData, names: Names, lines: list[Line], cells_of) -> BuiltTable:
    """合计, then each 类, 款 and 项 of ``lines`` with their sums (the 决算 tables list all three levels)."""
    rows = [Row(TOTAL, {"name": _("合计"), **cells_of(lines)})]
    by_code = _lines_by_code(lines)

    def group(prefix: str) -> Row:
        members = [line for code, group in by_code.items() if code.startswith(prefix) for line in group]
        return Row(GROUP, {"function_code": prefix, "name": names.function(prefix), **cells_of(members)})

    for class_code in sorted({code[:3] for code in by_code}):
        rows.append(group(class_code))
        for kind_code in sorted({code[:5] for code in by_code if code.startswith(class_code)}):
            rows.append(group(kind_code))
            rows.extend(
                Row(ITEM, {"function_code": code, "name": names.function(code), **cells_of(group)})
                for code, group in by_code.items()
                if code.startswith(kind_code)
            )
    return _finish(table, data, rows, is_empty=not lines)


def final_table_2(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """收入决算表: each 项's income by source."""
    return _by_function(table, data, names, [line for line in data.lines if line.income], _income_cells)


def final_table_3(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """支出决算表: each 项's spending by column."""
    return _by_function(table, data, names, [line for line in data.lines if line.total], _spending_cells)


def final_table_4(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """财政拨款收入支出决算总表: the three fiscal funds' income, balances and spending by 类."""
    labels = {Fund.GENERAL_BUDGET: _("一般公共预算财政拨款"), Fund.GOV_FUND: _("政府性基金预算财政拨款"),
              Fund.STATE_CAPITAL: _("国有资本经营预算财政拨款")}  # fmt: skip
    lines = [line for line in data.lines if line.fund in FISCAL_FUNDS]
    income = [
        (f"{chinese_number(number)}、{labels[fund]}", fiscal_income(data, fund), SECTION, "")
        for number, fund in enumerate(FISCAL_FUNDS, start=1)
    ]
    codes = _used_classes(lines, names)
    expenditure = [(f"{chinese_number(i)}、{names.function(code)}", _class_total(lines, code))
                   for i, code in enumerate(codes, start=1)]  # fmt: skip
    rows = _two_sided(income, expenditure)
    for row, code in zip(rows, codes, strict=False):  # each 类 also by fund
        for fund in FISCAL_FUNDS:
            row.cells[f"expenditure_{fund}"] = _class_total([line for line in lines if line.fund == fund], code)
    current = _sum(fiscal_income(data, fund) for fund in FISCAL_FUNDS)
    spent = _sum(line.total for line in lines)
    rows.append(Row(TOTAL, {"income_item": _("本年收入合计"), "income_amount": current,
                            "expenditure_item": _("本年支出合计"), "expenditure_amount": spent,
                            **{f"expenditure_{fund}": _sum(line.total for line in lines if line.fund == fund)
                               for fund in FISCAL_FUNDS}}))  # fmt: skip
    rows.append(Row(SECTION, {"income_item": _("年初财政拨款结转和结余"), "income_amount": opening(data, FISCAL_FUNDS),
                              "expenditure_item": _("年末财政拨款结转和结余"),
                              "expenditure_amount": closing(data, FISCAL_FUNDS),
                              **{f"expenditure_{fund}": closing(data, (fund,)) for fund in FISCAL_FUNDS}}))  # fmt: skip
    rows += [Row(ITEM, {"income_item": labels[fund], "income_amount": opening(data, (fund,))}) for fund in FISCAL_FUNDS]
    rows.append(Row(TOTAL, {"income_item": _("总计"), "income_amount": current + opening(data, FISCAL_FUNDS),
                            "expenditure_item": _("总计"),
                            "expenditure_amount": spent + closing(data, FISCAL_FUNDS)}))  # fmt: skip
    return _finish(table, data, rows, is_empty=False)


def final_table_7(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """“三公”经费 budget against actual: one row, the 一般公共预算财政拨款 rows summed."""
    rows_of_fund = [row for row in data.three_public if row.fund == Fund.GENERAL_BUDGET]
    keys = ("three_public_total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
    cells: dict[str, object] = {key: _sum(getattr(row, key) for row in rows_of_fund) for key in keys}
    cells |= {f"budget_{key}": _sum(getattr(row, f"budget_{key}") for row in rows_of_fund) for key in keys}
    is_empty = not any(cells.values())
    return _finish(table, data, [Row(TOTAL, cells)], is_empty=is_empty)


def final_table_8(table: TableSpec, data: DisclosureData, names: Names) -> BuiltTable:
    """政府性基金预算财政拨款收入支出决算表: each 项 with its balances, income and spending."""
    lines = [line for line in data.lines if line.fund == Fund.GOV_FUND]
    return _by_function(table, data, names, lines, _spending_cells)


FINAL_BUILDERS = {
    "final_income_expenditure": final_table_1, "final_income": final_table_2, "final_expenditure": final_table_3,
    "final_fiscal": final_table_4, "final_three_public": final_table_7, "final_gov_fund": final_table_8,
}  # fmt: skip
