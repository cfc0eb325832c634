"""The entered tables read back: table 1's income, table 2's carry-over, tables 3, 6, 7, 10, 11, 12 and 绩效指标.

Only entry rows are read. The 合计, department, unit, 类 and fund (其中：…) rows of a published table print
derived figures in the same columns, so they are recognised by what identifies them (the name
合计, the department's or unit's code, a 3-digit 类 code) and skipped; blank rows are skipped too.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from catalogs.missing import CodeCheck
from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Fund, Kind, Operator
from disclosures.excel.cells import CellReader, Place, is_blank, normal
from disclosures.excel.layout import (
    CHOICES,
    FINAL_LINE_AMOUNTS,
    FINAL_LINE_COLUMNS,
    FINAL_LINES_SHEET,
    FUND_AMOUNT_KEYS,
    INDICATOR_CATEGORIES,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    OPERATORS,
    THREE_PUBLIC_KEYS,
    YES_NO,
    SheetLayout,
)
from disclosures.excel.reading import SheetValues
from disclosures.excel.sheets import SheetReader, Table, TableRow
from disclosures.models import PerformanceIndicator, PerformanceTarget, ProcurementItem
from disclosures.money import WAN, ZERO
from disclosures.snapshot import BasicRow, DisclosureData, FundedRow, Indicator, Line, Target, ThreePublicRow
from disclosures.tables.builders import PART_OF_TOTAL, build_table
from disclosures.tables.declaration import TableKey

TOTAL_NAME = "合计"
MAX_LENGTHS = {
    "project": ProcurementItem._meta.get_field("project").max_length,
    "target": PerformanceTarget._meta.get_field("project").max_length,
    "indicator_name": PerformanceIndicator._meta.get_field("name").max_length,
    "indicator_value": PerformanceIndicator._meta.get_field("value").max_length,
    "indicator_unit": PerformanceIndicator._meta.get_field("unit").max_length,
}
INDICATOR_INDEX = {column.key: index for index, column in enumerate(INDICATOR_COLUMNS)}


class EntryReader:
    """Reads the entered tables of one workbook into ``data`` (which already holds its identity)."""

    def __init__(
        self,
        sheets: dict[str, SheetValues],
        cells: CellReader,
        data: DisclosureData,
        book: dict,
        layouts: dict[str, SheetLayout],
    ):
        self.sheets = sheets
        self.cells = cells
        self.data = data
        self.book: dict[tuple[str, str], ClassificationCode] = book
        self.layouts = layouts  # the sheets of the disclosure's layout, by table key
        self.tables: dict[str, Table] = {}  # the tables found, for comparing their grey cells afterwards
        self.codes = CodeCheck(data.year, book)  # remembers the codes the year's catalog lacks

    def read(self) -> None:
        data = self.data
        data.income = self._income()
        data.lines = self._final_lines() if data.kind == Kind.FINAL else self._lines()
        data.basic = self._basic()
        data.three_public = self._three_public()
        data.procurement = self._funded(TableKey.PROCUREMENT)
        data.service_purchases = self._funded(TableKey.SERVICE_PURCHASES)
        data.targets = self._targets()

    # -- finding the entry rows -------------------------------------------------------------

    def _table(self, table: str) -> Table | None:
        layout = self.layouts.get(table)
        if layout is None:  # the layout does not publish this table
            return None
        sheet = self.sheets.get(layout.sheet_name)
        if sheet is None:
            return None
        found = SheetReader(sheet, self.cells).table(layout.header_rows(), layout.columns)
        if found is not None:
            self.tables[table] = found
        return found

    def _entry_rows(self, table: str) -> tuple[str, list[TableRow]]:
        found = self._table(table)
        if found is None:
            return WAN, []
        keys = self.layouts[table].entry_keys
        return found.unit, [row for row in found.rows if not row.is_blank(keys) and not self._is_summary(table, row)]

    def _is_summary(self, table: str, row: TableRow) -> bool:
        """合计, department, unit, 类 and fund rows: derived figures printed in the entered columns."""
        org = row.text("org_code")
        if row.text("name") == TOTAL_NAME or (org and org == self.data.department_code):
            return True
        if table in (TableKey.EXPENDITURE, TableKey.PROCUREMENT, TableKey.SERVICE_PURCHASES):
            return bool(org)  # the department and unit rows carry a code; items do not
        if table == TableKey.BASIC_BY_ECONOMIC:
            return len(row.text("economic_code")) == 3
        if table == TableKey.THREE_PUBLIC:  # one row per 资金性质 above the department, named 其中：… (blank before)
            return not org and (not row.text("name") or row.text("name").startswith(PART_OF_TOTAL))
        return False

    # -- typed cells of an entry row --------------------------------------------------------

    def _where(self, table: str, row: TableRow, key: str) -> Place:
        layout = self.layouts[table]
        return Place(layout.sheet_name, row.number, layout.column_index(key))

    def _amounts(self, table: str, row: TableRow, keys, unit: str) -> dict[str, Decimal]:
        return {key: self.cells.amount(row.cells[key], self._where(table, row, key), unit) for key in keys}

    def _text(self, table: str, row: TableRow, key: str, **options) -> str:
        return self.cells.text(row.cells[key], self._where(table, row, key), **options)

    def _flag(self, table: str, row: TableRow, key: str) -> bool:
        where = self._where(table, row, key)
        if is_blank(row.cells[key]):
            return False
        return bool(self.cells.choice(row.cells[key], where, YES_NO, _("“是”或“否”")))

    def _fund(self, table: str, row: TableRow) -> str:
        where = self._where(table, row, "fund")
        return self.cells.choice(row.cells["fund"], where, CHOICES["fund"], _("资金性质"), default=Fund.GENERAL_BUDGET)

    def _code(self, table: str, row: TableRow, key: str, scheme: str, level: int) -> str:
        where = self._where(table, row, key)
        code = self.cells.text(row.cells[key], where, required=True)
        if not code:
            return ""
        problem = self.codes.problem(scheme, code, level)
        if problem:
            self.cells.error(where, problem)
        return code

    def _unique(self, table: str, row: TableRow, key: str, seen: dict, value, message: str, **params) -> None:
        if value in seen:
            self.cells.error(self._where(table, row, key), message % {**params, "row": seen[value]})
        seen.setdefault(value, row.number)

    # -- the tables -------------------------------------------------------------------------

    def _income(self) -> dict[str, Decimal]:
        """Table 1's income rows (fixed, checked by their labels) and table 2's unit row of carry-over."""
        income: dict[str, Decimal] = {}
        table = self._table(TableKey.INCOME_EXPENDITURE)
        if table is not None:
            spec = self.layouts[TableKey.INCOME_EXPENDITURE].spec
            for index, expected in enumerate(build_table(spec, self.data, self.book).rows):
                name = expected.entered.get("income_amount")
                if not name:
                    continue
                label = str(expected.cells["income_item"])
                row = table.rows[index] if index < len(table.rows) else None
                if row is None or normal(row.cells["income_item"]) != normal(label):
                    self.cells.error(
                        Place(spec.code, row.number if row else None, 0 if row else None),
                        _("应为“%(label)s”，实际为“%(found)s”；请不要插入、删除或移动行")
                        % {"label": label, "found": row.text("income_item") if row else ""},
                    )
                    continue
                income[name] = self.cells.amount(
                    row.cells["income_amount"],
                    self._where(TableKey.INCOME_EXPENDITURE, row, "income_amount"),
                    table.unit,
                )
        unit, rows = self._entry_rows(TableKey.INCOME)
        for extra in rows[1:]:
            self.cells.error(
                Place(self.layouts[TableKey.INCOME].sheet_name, extra.number), _("只能有一行本单位的上年结转结余")
            )
        for fund in Fund.values:
            key = f"carryover_{fund}"
            income[key] = self._amounts(TableKey.INCOME, rows[0], [key], unit)[key] if rows else ZERO
        return income

    def _lines(self) -> list[Line]:
        unit, rows = self._entry_rows(TableKey.EXPENDITURE)
        lines, seen = [], {}
        for row in rows:
            line = Line(
                function_code=self._code(TableKey.EXPENDITURE, row, "function_code", Scheme.FUNCTION, 3),
                fund=self._fund(TableKey.EXPENDITURE, row),
                purpose=self._text(TableKey.EXPENDITURE, row, "purpose"),
                **self._amounts(TableKey.EXPENDITURE, row, ("personnel", "public", "project", "carry_forward"), unit),
            )
            self._unique(
                3, row, "function_code", seen, (line.function_code, line.fund),
                _("科目“%(code)s”的%(fund)s已在第%(row)d行填写（同一科目同一资金性质只能填一行）"),
                code=line.function_code, fund=Fund(line.fund).label if line.fund else "",
            )  # fmt: skip
            lines.append(line)
        return lines

    def _final_lines(self) -> list[Line]:
        """A 决算's 决算明细 sheet: one row per 项 and fund (its 年初预算数 are replaced by the budget's when the
        决算 is linked to it: see ``final_accounts.linked_budget``)."""
        sheet = self.sheets.get(FINAL_LINES_SHEET)
        if sheet is None:
            return []
        reader = SheetReader(sheet, self.cells)
        start = reader.header(str(FINAL_LINE_COLUMNS[0].label))
        if start is None:
            return []
        index = {column.key: number for number, column in enumerate(FINAL_LINE_COLUMNS)}
        entered = [key for key in index if key != "name"]
        lines, seen = [], {}
        for row in reader.rows(list(FINAL_LINE_COLUMNS), start + 1, notes=False):
            if row.is_blank(entered):
                continue
            where = {key: Place(FINAL_LINES_SHEET, row.number, number) for key, number in index.items()}
            code = self.cells.text(row.cells["function_code"], where["function_code"], required=True)
            if code and (problem := self.codes.problem(Scheme.FUNCTION, code, 3)):
                self.cells.error(where["function_code"], problem)
            fund = self.cells.choice(
                row.cells["fund"], where["fund"], CHOICES["fund"], _("资金性质"), default=Fund.GENERAL_BUDGET
            )
            source = ""
            if not is_blank(row.cells["income_source"]):
                source = self.cells.choice(
                    row.cells["income_source"], where["income_source"], CHOICES["income_source"], _("收入来源")
                )
            amounts = {key: self.cells.amount(row.cells[key], where[key]) for key, _label in FINAL_LINE_AMOUNTS}
            line = Line(
                function_code=code, fund=fund, income_source=source,
                purpose=self.cells.text(row.cells["purpose"], where["purpose"]), **amounts,
            )  # fmt: skip
            if (code, fund) in seen:
                self.cells.error(
                    where["function_code"],
                    _("科目“%(code)s”的%(fund)s已在第%(row)d行填写（同一科目同一资金性质只能填一行）")
                    % {"code": code, "fund": Fund(fund).label if fund else "", "row": seen[(code, fund)]},
                )
            seen.setdefault((code, fund), row.number)
            lines.append(line)
        return lines

    def _basic(self) -> list[BasicRow]:
        unit, rows = self._entry_rows(TableKey.BASIC_BY_ECONOMIC)
        basic, seen = [], {}
        for row in rows:
            item = BasicRow(
                economic_code=self._code(TableKey.BASIC_BY_ECONOMIC, row, "economic_code", Scheme.ECON_DEPT, 2),
                **self._amounts(TableKey.BASIC_BY_ECONOMIC, row, ("personnel", "public"), unit),
            )
            message = _("科目“%(code)s”已在第%(row)d行填写")
            self._unique(
                TableKey.BASIC_BY_ECONOMIC,
                row,
                "economic_code",
                seen,
                item.economic_code,
                message,
                code=item.economic_code,
            )
            basic.append(item)
        return basic

    def _three_public(self) -> list[ThreePublicRow]:
        unit, rows = self._entry_rows(TableKey.THREE_PUBLIC)
        items, seen = [], {}
        for row in rows:
            item = ThreePublicRow(
                fund=self._fund(TableKey.THREE_PUBLIC, row),
                **self._amounts(TableKey.THREE_PUBLIC, row, THREE_PUBLIC_KEYS, unit),
            )
            label = Fund(item.fund).label if item.fund else ""
            self._unique(
                TableKey.THREE_PUBLIC,
                row,
                "fund",
                seen,
                item.fund,
                _("资金性质“%(fund)s”已在第%(row)d行填写"),
                fund=label,
            )
            items.append(item)
        return items

    def _funded(self, table: str) -> list[FundedRow]:
        unit, rows = self._entry_rows(table)
        items = []
        for row in rows:
            item = FundedRow(
                function_code=self._code(table, row, "function_code", Scheme.FUNCTION, 3),
                project=self._text(table, row, "project", required=True, max_length=MAX_LENGTHS["project"]),
                funds=self._amounts(table, row, FUND_AMOUNT_KEYS, unit),
            )
            if table == TableKey.PROCUREMENT:
                for key, label in (("mode", _("采购方式")), ("category", _("采购类型"))):
                    where = self._where(TableKey.PROCUREMENT, row, key)
                    setattr(item, key, self.cells.choice(row.cells[key], where, CHOICES[key], label))
            items.append(item)
        return items

    def _targets(self) -> list[Target]:
        unit, rows = self._entry_rows(TableKey.PERFORMANCE)
        targets = []
        target_rows: dict[str, list[int]] = {}
        for row in rows:
            target = Target(
                project=self._text(
                    TableKey.PERFORMANCE, row, "project", required=True, max_length=MAX_LENGTHS["target"]
                ),
                amount=self._amounts(TableKey.PERFORMANCE, row, ["amount"], unit)["amount"],
                goal=self._text(TableKey.PERFORMANCE, row, "goal"),
                key_project=self._flag(TableKey.PERFORMANCE, row, "key_project"),
            )
            target_rows.setdefault(target.project, []).append(row.number)
            targets.append(target)
        self._indicators(targets, target_rows)
        return targets

    def _indicators(self, targets: list[Target], target_rows: dict[str, list[int]]) -> None:
        """绩效指标: each row's 项目名称 names its target; a blank one continues the row above's project."""
        sheet = self.sheets.get(INDICATOR_SHEET)
        if sheet is None:
            return
        reader = SheetReader(sheet, self.cells)
        start = reader.header(str(INDICATOR_COLUMNS[0].label))
        if start is None:
            return
        by_project = {target.project: target for target in targets}
        targets_sheet = self.layouts[TableKey.PERFORMANCE].sheet_name if TableKey.PERFORMANCE in self.layouts else ""
        project = ""
        for row in reader.rows(list(INDICATOR_COLUMNS), start + 1, notes=False):
            if row.is_blank(INDICATOR_INDEX):
                continue
            where = {key: Place(INDICATOR_SHEET, row.number, index) for key, index in INDICATOR_INDEX.items()}
            project = self.cells.text(row.cells["project"], where["project"]) or project
            indicator = self._indicator(row, where)
            found = target_rows.get(project, [])
            if not project:
                self.cells.error(where["project"], _("请填写指标所属的项目名称"))
            elif not found:
                self.cells.error(
                    where["project"],
                    _("项目“%(project)s”不在%(table)s中") % {"project": project, "table": targets_sheet},
                )
            elif len(found) > 1:
                self.cells.error(
                    where["project"],
                    _("%(table)s第%(rows)s行的项目同名，无法确定指标属于哪个项目")
                    % {"table": targets_sheet, "rows": "、".join(map(str, found))},
                )
            else:
                by_project[project].indicators.append(indicator)

    def _indicator(self, row: TableRow, where: dict[str, str]) -> Indicator:
        cells = self.cells
        operator = ""
        if not is_blank(row.cells["operator"]):
            operator = cells.choice(
                row.cells["operator"], where["operator"], OPERATORS, _("比较符"), options=Operator.values
            )
        return Indicator(
            category=cells.choice(row.cells["category"], where["category"], INDICATOR_CATEGORIES, _("指标类别")),
            name=cells.text(row.cells["name"], where["name"], required=True, max_length=MAX_LENGTHS["indicator_name"]),
            operator=operator,
            value=cells.text(  # a qualitative indicator may have no value; a comparison needs one
                row.cells["value"], where["value"], required=bool(operator), max_length=MAX_LENGTHS["indicator_value"]
            ),
            unit=cells.text(row.cells["unit"], where["unit"], max_length=MAX_LENGTHS["indicator_unit"]),
        )
