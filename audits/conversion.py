"""The printed tables of a declared layout read back into ``disclosures.snapshot.DisclosureData``.

The entered tables are taken as printed: table 1's income, table 3's lines by 项 (their fund from
tables 5, 8 and 9, their 人员经费/公用经费 from table 5), table 6 by 款, table 7 by 资金性质,
tables 10 and 11 by item, table 12 by project. Amounts become exact 元 from the printed 万元 (or
元, as the 单位 line says). The derived tables are not read: the authoring rules and the builders
recompute them. Used for the cross-table rules and to import an audited document.
"""

import re
from decimal import Decimal

from audits.figures import parse_figure
from audits.printed import BodyRow, PrintedTable, Side, compact
from audits.structure import AuditDocument
from disclosures.choices import Fund, IndicatorCategory, Kind, ProcurementCategory, ProcurementMode
from disclosures.snapshot import (
    FUND_FIELDS,
    BasicRow,
    DisclosureData,
    FundedRow,
    Indicator,
    Line,
    Target,
    ThreePublicRow,
)
from disclosures.tables.declaration import TableKey
from units.models import Unit

ZERO = Decimal(0)
TEN_THOUSAND = Decimal(10000)
FUND_WORDS = (
    ("一般公共预算", Fund.GENERAL_BUDGET),
    ("政府性基金", Fund.GOV_FUND),
    ("国有资本经营", Fund.STATE_CAPITAL),
    ("财政专户", Fund.SPECIAL_ACCOUNT),
    ("单位资金", Fund.UNIT_FUNDS),
)
INCOME_PARTS = (("上级补助", "superior"), ("本级", "local"), ("债券", "bond"))
UNIT_INCOME = (("事业单位经营", "unit_operating"), ("事业收入", "unit_business"), ("上级补助", "unit_superior"),
               ("附属单位", "unit_affiliated"), ("其他收入", "unit_other"))  # fmt: skip
THREE_PUBLIC_COLUMNS = (("因公出国", "abroad"), ("购置费", "vehicle_purchase"), ("运行维护费", "vehicle_operation"),
                        ("公务接待费", "reception"), ("会议费", "meeting"), ("本级资金", "training_local"),
                        ("上级补助资金", "training_superior"))  # fmt: skip
INDICATOR = re.compile(r"^(?P<name>.+?)\((?P<operator>[=≥≤><])?(?P<value>[\d.]*)(?P<unit>[^)]*)\)$")


class NotConvertible(Exception):
    """The document does not print the tables of a declared layout; the message says what is missing."""


def _yuan(table: PrintedTable, text: str) -> Decimal:
    figure = parse_figure(text)
    if figure is None:
        return ZERO
    return (figure.value if table.unit == "元" else figure.value * TEN_THOUSAND).quantize(Decimal("0.01"))


def _fund(text: str) -> str | None:
    return next((fund for word, fund in FUND_WORDS if word in text), None)


def _column(side: Side, *words: str, group: str = ""):
    for column in side.amount_columns:
        path = "".join(column.path)
        if all(word in column.label for word in words) and group in path:
            return column
    return None


def _amount(table: PrintedTable, row: BodyRow, column) -> Decimal:
    return _yuan(table, row.cell(column.index)) if column is not None else ZERO


def _income(document: AuditDocument) -> dict[str, Decimal]:
    income: dict[str, Decimal] = {}
    table = document.table_keyed(TableKey.INCOME_EXPENDITURE)
    side = table.sides()[0]
    fund = None
    for row in table.rows:
        label = compact(side.label(row))
        value = _amount(table, row, side.amount_columns[0])
        if re.match(r"^[一二三四五六七八九十]+、", label):
            fund = _fund(label)
            if fund == Fund.SPECIAL_ACCOUNT:
                income["special_account"] = value
        elif fund in (Fund.GENERAL_BUDGET, Fund.GOV_FUND, Fund.STATE_CAPITAL):
            part = next((key for word, key in INCOME_PARTS if word in label), None)
            if part:
                income[f"{fund}_{part}"] = value
        elif fund == Fund.UNIT_FUNDS:
            key = next((key for word, key in UNIT_INCOME if word in label), None)
            if key:
                income[key] = value
    incomes = document.table_keyed(TableKey.INCOME)
    if incomes is not None and incomes.rows:
        side = incomes.sides()[0]
        for column in side.amount_columns:
            if column.path and "上年结转" in column.path[0] and (fund := _fund(column.label)):
                income[f"carryover_{fund}"] = _amount(incomes, incomes.rows[0], column)
    return income


def _items(table: PrintedTable | None) -> list[tuple[Side, BodyRow]]:
    if table is None:
        return []
    side = table.sides()[0]
    return [(side, row) for row in table.rows if len(side.code(row)) == 7]


def _lines(document: AuditDocument) -> list[Line]:
    by_fund = {}
    for key, fund in (
        (TableKey.GENERAL_BUDGET, Fund.GENERAL_BUDGET),
        (TableKey.GOV_FUND, Fund.GOV_FUND),
        (TableKey.STATE_CAPITAL, Fund.STATE_CAPITAL),
    ):
        for side, row in _items(document.table_keyed(key)):
            by_fund[(side.code(row), fund)] = (document.table_keyed(key), side, row)
    lines = []
    for side, row in _items(document.table_keyed(TableKey.EXPENDITURE)):
        table = document.table_keyed(TableKey.EXPENDITURE)
        code = side.code(row)
        basic, project = _amount(table, row, _column(side, "基本支出")), _amount(table, row, _column(side, "项目支出"))
        carry = _amount(table, row, _column(side, "结转下年"))
        remaining_basic, remaining_project = basic, project
        for (line_code, fund), (fund_table, fund_side, fund_row) in by_fund.items():
            if line_code != code:
                continue
            personnel = _column(fund_side, "人员经费")
            public = _column(fund_side, "公用经费")
            fund_basic = _amount(fund_table, fund_row, _column(fund_side, "基本支出") or _column(fund_side, "小计"))
            fund_project = _amount(fund_table, fund_row, _column(fund_side, "项目支出"))
            line = Line(code, fund, project=fund_project)
            if personnel is not None:
                line.personnel, line.public = (
                    _amount(fund_table, fund_row, personnel),
                    _amount(fund_table, fund_row, public),
                )
            else:
                line.personnel = fund_basic
            lines.append(line)
            remaining_basic -= line.basic
            remaining_project -= fund_project
        if remaining_basic > 0 or remaining_project > 0 or carry:
            lines.append(
                Line(
                    code,
                    Fund.UNIT_FUNDS,
                    personnel=max(remaining_basic, ZERO),
                    project=max(remaining_project, ZERO),
                    carry_forward=carry,
                )
            )
    return lines


def _basic(document: AuditDocument) -> list[BasicRow]:
    table = document.table_keyed(TableKey.BASIC_BY_ECONOMIC)
    if table is None:
        return []
    side = table.sides()[0]
    return [
        BasicRow(
            side.code(row),
            _amount(table, row, _column(side, "人员经费")),
            _amount(table, row, _column(side, "公用经费")),
        )
        for row in table.rows
        if len(side.code(row)) == 5
    ]


def _three_public(document: AuditDocument) -> list[ThreePublicRow]:
    table = document.table_keyed(TableKey.THREE_PUBLIC)
    if table is None or not table.rows:
        return []
    side = table.sides()[0]
    fund_rows = [row for row in table.rows if not side.org(row) and _fund(side.label(row))]
    rows = []
    for row in fund_rows or table.rows[:1]:
        values = {key: _amount(table, row, _column(side, word)) for word, key in THREE_PUBLIC_COLUMNS}
        rows.append(ThreePublicRow(fund=_fund(side.label(row)) or Fund.GENERAL_BUDGET, **values))
    return rows


def _funded(table: PrintedTable | None, with_type: bool) -> list[FundedRow]:
    rows = []
    for side, row in _items(table):
        funds = {key: _amount(table, row, _column(side, word, group="资金")) for key, word in
                 (("general_budget", "一般公共"), ("gov_fund", "政府性基"), ("state_capital", "国有资本"),
                  ("special_account", "财政专户"), ("unit_funds", "单位资金"), ("carryover", "上年结转"))}  # fmt: skip
        item = FundedRow(side.code(row), side.project(row), {k: v for k, v in funds.items() if k in FUND_FIELDS})
        if with_type:
            for mode, mode_label in ProcurementMode.choices:
                for category, category_label in ProcurementCategory.choices:
                    column = _column(side, str(category_label), group=str(mode_label))
                    if column is not None and _amount(table, row, column):
                        item.mode, item.category = mode, category
        rows.append(item)
    return rows


def _indicators(side: Side, row: BodyRow) -> list[Indicator]:
    indicators = []
    for category, label in IndicatorCategory.choices:
        column = next((c for c in side.label_columns if c.label.startswith(str(label)[:2])), None)
        text = row.cell(column.index) if column is not None else ""
        for part in re.split(r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续效益|满意度)指标[：:]", text):
            if match := INDICATOR.match(part.strip()):
                indicators.append(
                    Indicator(category, match["name"], match["operator"] or "", match["value"], match["unit"])
                )
    return indicators


def _targets(document: AuditDocument) -> list[Target]:
    table = document.table_keyed(TableKey.PERFORMANCE)
    if table is None:
        return []
    side = table.sides()[0]
    goal = next((c for c in side.label_columns if "绩效目标" in c.label), None)
    return [
        Target(side.project(row), _amount(table, row, side.amount_columns[0]), row.cell(goal.index) if goal else "",
               _indicators(side, row))
        for row in table.rows
        if side.project(row)
    ]  # fmt: skip


def _organisation(document: AuditDocument) -> tuple[str, str, str, str]:
    table = document.table_keyed(TableKey.INCOME) or document.table_keyed(TableKey.EXPENDITURE)
    if table is not None:
        side = table.sides()[0]
        orgs = [(side.org(row), compact(side.label(row))) for row in table.rows if side.org(row)]
        departments = [org for org in orgs if len(org[0]) == 3]
        units = [org for org in orgs if len(org[0]) > 3]
        if departments and units:
            return departments[0][0], departments[0][1], units[0][0], units[0][1]
    raise NotConvertible("表中没有印出部门和单位的代码（如“309 柳州市大数据发展局”“309002 …”），无法确定单位。")


def _unit_type(document: AuditDocument) -> str:
    text = "".join(sentence.text for sentence in document.sentences)
    if "参公" in text or "参照公务员" in text:
        return Unit.Type.CIVIL_SERVICE_MANAGED
    if "行政单位" in text or "行政机关" in text:
        return Unit.Type.ADMINISTRATIVE
    return Unit.Type.PUBLIC_INSTITUTION if "事业单位" in text else Unit.Type.OTHER


def to_disclosure_data(document: AuditDocument) -> DisclosureData:
    """The document's entered tables as a DisclosureData; raises NotConvertible."""
    if not document.layout.declares_tables:
        raise NotConvertible("文档的版式没有登记报表（无法识别预算公开01–12表），不能转换为公开材料的数据。")
    missing = [key for key in (TableKey.INCOME_EXPENDITURE, TableKey.EXPENDITURE) if document.table_keyed(key) is None]
    if missing or document.year is None:
        raise NotConvertible("文档缺少收支总表或支出总表（表1、表3），或没有年度，不能转换。")
    department_code, department_name, unit_code, unit_name = _organisation(document)
    return DisclosureData(
        year=document.year,
        kind=Kind.FINAL if document.kind == "final" else Kind.BUDGET,
        department_code=department_code,
        department_name=department_name,
        unit_code=unit_code,
        unit_name=unit_name,
        unit_type=_unit_type(document),
        income=_income(document),
        lines=_lines(document),
        basic=_basic(document),
        three_public=_three_public(document),
        procurement=_funded(document.table_keyed(TableKey.PROCUREMENT), True),
        service_purchases=_funded(document.table_keyed(TableKey.SERVICE_PURCHASES), False),
        targets=_targets(document),
    )
