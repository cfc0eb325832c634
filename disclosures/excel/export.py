"""Write a disclosure as a workbook that reads like the published tables and imports back unchanged.

Amounts are written in 万元 as exact numbers (up to 6 decimals, so every 元 cent survives) and shown
with 2 decimals; codes are text so that leading zeros and 7-digit codes stay as typed. Derived cells
are filled in grey and locked, totals as formulas over the sheet's cells (disclosures.excel.formulas);
entered cells are white and unlocked, and every sheet is protected (without a password) so that only
they can be typed in.
"""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from disclosures.choices import Fund, IncomeSource, IndicatorCategory, Kind, ProcurementCategory, ProcurementMode
from disclosures.excel import styles
from disclosures.excel.final_figures import COUNT, FIGURE_COLUMNS, FINAL_FIGURES_SHEET, figures
from disclosures.excel.formulas import Total, column_letters, sheet_totals
from disclosures.excel.layout import (
    FINAL_LINE_AMOUNTS,
    FINAL_LINE_COLUMNS,
    FINAL_LINE_TEMPLATE_ROWS,
    FINAL_LINES_SHEET,
    FIRST_HEADER_ROW,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INDICATOR_TEMPLATE_ROWS,
    INFO_COLUMNS,
    INFO_SHEET,
    LEGEND,
    OPERATORS,
    OPTIONAL_AMOUNT,
    PRIOR_CODE_GROUPS,
    SheetLayout,
    info_sections,
    sheet_layouts,
)
from disclosures.final_accounts import budget_of
from disclosures.formula_guard import inert
from disclosures.layouts import get_layout, is_layout, layout_of_data
from disclosures.models import Disclosure
from disclosures.money import to_wan
from disclosures.snapshot import DisclosureData, Line, code_book, load
from disclosures.tables.builders import DEPARTMENT, ITEM, SECTION, TOTAL, UNIT, BuiltTable, Names, Row, build_tables
from disclosures.tables.declaration import AMOUNT, CODE, ROUNDING_NOTE, TEXT, Column, TableKey
from units.models import Unit

# Choice columns get a drop-down of the labels the export itself writes.
DROP_DOWNS = {
    (TableKey.EXPENDITURE, "fund"): [str(label) for label in Fund.labels],
    (TableKey.THREE_PUBLIC, "fund"): [f"{label}资金" for label in Fund.labels],
    (TableKey.PROCUREMENT, "mode"): [str(label) for label in ProcurementMode.labels],
    (TableKey.PROCUREMENT, "category"): [str(label) for label in ProcurementCategory.labels],
}
BOLD_KINDS = {TOTAL, SECTION}
ENTRY_COLUMN_NOTE = gettext_lazy("公开表不显示此列，用于填报和导入。")


def export_bytes(disclosure: Disclosure) -> bytes:
    """The disclosure's tables as an .xlsx file (the "xlsx" format of disclosures.formats)."""
    return workbook_bytes(load(disclosure), code_book(disclosure.year), linked=is_linked(disclosure))


def is_linked(disclosure: Disclosure) -> bool:
    """Whether a 决算's 年初预算数 are its budget's (read-only in the workbook)."""
    return disclosure.kind == Kind.FINAL and budget_of(disclosure.unit_id, disclosure.year) is not None


def workbook_bytes(data: DisclosureData, book: dict, *, template: bool = False, linked: bool = False) -> bytes:
    buffer = BytesIO()
    build_workbook(data, book, template=template, linked=linked).save(buffer)
    return buffer.getvalue()


def build_workbook(data: DisclosureData, book: dict, *, template: bool = False, linked: bool = False) -> Workbook:
    """The workbook for ``data``.

    A ``template`` leaves derived figures blank and adds empty entry rows. Every workbook protects its sheets
    (without a password), so that only the white entry cells can be typed in. A 决算's
    lines are on its 决算明细 sheet, 年初预算数 read-only when ``linked`` to its budget.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles.register(workbook)
    workbook.properties.title = f"{data.unit_code}{data.unit_name}{data.year}年单位{Kind(data.kind).label}公开"
    workbook.properties.creator = _("单位预算公开平台")
    names = Names(book)
    layouts = sheet_layouts(layout_of_data(data).tables)
    for table in build_tables(data, book, layout_of_data(data).tables):
        layout = layouts[table.spec.key]
        sheet = workbook.create_sheet(layout.sheet_name)
        _TableWriter(sheet, layout, data, template).write(table, sheet_rows(layout, table, data, names, template))
    if data.kind == Kind.FINAL:
        _write_final_lines(workbook.create_sheet(FINAL_LINES_SHEET), data, names, template, linked)
        _write_final_figures(workbook.create_sheet(FINAL_FIGURES_SHEET), data, template)
    _write_indicators(workbook.create_sheet(INDICATOR_SHEET), data, template)
    _write_info(workbook.create_sheet(INFO_SHEET), data, book, template)
    for sheet in workbook.worksheets:
        _protect(sheet)  # derived cells are locked, entered ones not: only they can be typed in
    return workbook


def sheet_rows(layout: SheetLayout, table: BuiltTable, data: DisclosureData, names: Names, template: bool):
    """The table's rows as built for publication, with entry rows marked (and blank ones for the template)."""
    rows = list(table.rows)
    if layout.spec.key == TableKey.EXPENDITURE:
        # The published table merges a code's funds into one row; entry needs one row per code and fund.
        rows = [row for row in rows if row.kind != ITEM] + [_line_row(line, names) for line in data.lines]
    if layout.spec.key == TableKey.PROCUREMENT:
        items = [row for row in rows if row.kind == ITEM]
        for row, item in zip(items, data.procurement, strict=True):
            row.cells |= {
                "mode": ProcurementMode(item.mode).label,
                "category": ProcurementCategory(item.category).label,
            }
    if layout.spec.key == TableKey.PERFORMANCE:
        items = [row for row in rows if row.kind == UNIT]
        for row, target in zip(items, data.targets, strict=True):
            row.cells["key_project"] = _("是") if target.key_project else ""
    if template:
        rows += _template_rows(layout, data)
    entry = {key: key for key in layout.entry_keys}
    for row in rows:
        if row.kind in layout.entry_kinds:
            row.entered = entry
    return rows


def _line_row(line: Line, names: Names) -> Row:
    return Row(
        ITEM,
        {
            "function_code": line.function_code,
            "name": names.function(line.function_code),
            "total": line.total,
            "basic": line.basic,
            "project": line.project,
            "carry_forward": line.carry_forward,
            "fund": Fund(line.fund).label,
            "personnel": line.personnel,
            "public": line.public,
            "purpose": line.purpose,
        },
    )


def _template_rows(layout: SheetLayout, data: DisclosureData) -> list[Row]:
    if not layout.template_rows:
        return []
    if UNIT not in layout.entry_kinds:
        return [Row(ITEM, {}) for _row in range(layout.template_rows)]
    unit = {"org_code": data.unit_code, "name": data.unit_name}
    department = Row(DEPARTMENT, {"org_code": data.department_code, "name": data.department_name})
    if layout.spec.key == TableKey.PERFORMANCE:
        department.cells["seq"] = "2"
    return [department, *(Row(UNIT, dict(unit)) for _row in range(layout.template_rows))]


def _text(value) -> str:
    # Characters XML cannot hold (control characters pasted from other programs) are dropped.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _put(sheet: Worksheet, row: int, column: int, value, kind: str, *, entered: bool):
    cell = sheet.cell(row, column)
    cell.style = styles.cell_style(kind, entered=entered)
    if value is None or value == "":
        return cell
    if kind == AMOUNT:
        cell.value = to_wan(value)
    else:
        cell.value = inert(_text(value))  # a text such as "=SUM(…)" is written '=SUM(…)
        cell.data_type = "s"  # and stays text, never a formula
    return cell


class _TableWriter:
    """Writes one published table: code, title, unit line, merged headers, rows, notes."""

    def __init__(self, sheet: Worksheet, layout: SheetLayout, data: DisclosureData, template: bool):
        self.sheet = sheet
        self.layout = layout
        self.data = data
        self.template = template
        self.columns = layout.columns
        self.width = len(self.columns)

    def write(self, table: BuiltTable, rows: list[Row]) -> None:
        self._preface()
        first_data_row = self._header()
        totals = sheet_totals(self.layout, rows)
        for offset, row in enumerate(rows):
            self._row(first_data_row + offset, row)
        self._totals(rows, totals, first_data_row)
        last_row = first_data_row + len(rows) - 1
        self._notes(table, last_row + 2)
        self._drop_downs(rows, first_data_row)
        self._frame(first_data_row)

    def _preface(self) -> None:
        sheet, spec = self.sheet, self.layout.spec
        code = sheet.cell(1, 1, spec.code)
        code.style = "sheet_code"
        code.comment = Comment(str(spec.source_note), _("单位预算公开平台"), width=320, height=90)
        sheet.cell(2, 1, str(spec.title)).style = "sheet_title"
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=self.width)
        sheet.row_dimensions[2].height = 30
        unit_line = _("单位名称：%(code)s%(name)s") % {"code": self.data.unit_code, "name": self.data.unit_name}
        sheet.cell(3, 1, unit_line).style = "sheet_info"
        sheet.cell(3, self.width, _("单位：万元")).style = "sheet_unit"

    def _header(self) -> int:
        header_rows = self.layout.header_rows()
        depth = len(header_rows)
        entry_start = len(self.layout.spec.leaves)
        # Merge before styling: openpyxl copies an anchor's borders cell by cell when it merges, slowly.
        for level, cells in enumerate(header_rows):
            for header in cells:
                row, column = FIRST_HEADER_ROW + level, header.column + 1
                if header.colspan > 1 or header.rowspan > 1:
                    self.sheet.merge_cells(
                        start_row=row,
                        start_column=column,
                        end_row=row + header.rowspan - 1,
                        end_column=column + header.colspan - 1,
                    )
        for column in range(1, self.width + 1):
            for level in range(depth):
                cell = self.sheet.cell(FIRST_HEADER_ROW + level, column)
                cell.style = "entry_header" if column > entry_start else "header"
        for level, cells in enumerate(header_rows):
            for header in cells:
                cell = self.sheet.cell(FIRST_HEADER_ROW + level, header.column + 1, header.label)
                if header.column >= entry_start:
                    cell.comment = Comment(str(ENTRY_COLUMN_NOTE), _("单位预算公开平台"), width=220, height=50)
        return FIRST_HEADER_ROW + depth

    def _row(self, number: int, row: Row) -> None:
        for index, column in enumerate(self.columns, start=1):
            entered = column.key in row.entered
            value = row.cells.get(column.key)
            if self.template and column.kind == AMOUNT:
                value = None  # a blank form: figures are typed, totals computed on import
            cell = _put(self.sheet, number, index, value, column.kind, entered=entered)
            if row.kind in BOLD_KINDS:
                cell.font = styles.BOLD

    def _totals(self, rows: list[Row], totals: dict[tuple[int, str], Total], first_data_row: int) -> None:
        """Totals as formulas over the sheet's own cells; in a filled workbook, only where they give the figure."""
        letters = column_letters(self.layout)
        for (offset, key), total in totals.items():
            figure = rows[offset].cells.get(key)
            if not self.template and (not isinstance(figure, Decimal) or total.value(rows) != figure):
                continue  # not a sum of what the sheet shows (it comes from another table): the figure stays
            self.sheet[f"{letters[key]}{first_data_row + offset}"].value = total.formula(first_data_row, letters)

    def _notes(self, table: BuiltTable, first: int) -> None:
        notes = [table.note] if table.note else []
        if self.layout.spec.number == 1:  # the note on rounding goes under the first table
            notes.append(str(ROUNDING_NOTE))
        notes.append(str(LEGEND))
        if self.layout.where_entered:
            notes.append(_("填报：%(text)s") % {"text": self.layout.where_entered})
        for offset, note in enumerate(notes):
            self.sheet.cell(first + offset, 1, note).style = "note"

    def _drop_downs(self, rows: list[Row], first_data_row: int) -> None:
        for (table, key), options in DROP_DOWNS.items():
            if table != self.layout.spec.key:
                continue
            column = get_column_letter(self.layout.column_index(key) + 1)
            entry_rows = [first_data_row + offset for offset, row in enumerate(rows) if key in row.entered]
            if entry_rows:
                _drop_down(self.sheet, options, f"{column}{entry_rows[0]}:{column}{entry_rows[-1]}")

    def _frame(self, first_data_row: int) -> None:
        sheet = self.sheet
        for index, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = styles.column_width(column.key, column.kind)
        keys = [column.key for column in self.columns]
        frozen_columns = keys.index("name") + 1 if "name" in keys else 0
        sheet.freeze_panes = sheet.cell(first_data_row, frozen_columns + 1)
        sheet.print_title_rows = f"{FIRST_HEADER_ROW}:{first_data_row - 1}"
        landscape = self.layout.spec.landscape or self.width > 8
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _drop_down(sheet: Worksheet, options: list[str], cells: str) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    validation.add(cells)
    sheet.add_data_validation(validation)


def _preface(sheet: Worksheet, title: str, lines: list[str]) -> None:
    sheet.cell(1, 1, title).style = "sheet_code"
    for offset, line in enumerate(lines, start=2):
        sheet.cell(offset, 1, line).style = "note"


def _header_row(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.cell(FIRST_HEADER_ROW, index, str(column.label)).style = "entry_header"


def _write_final_lines(sheet: Worksheet, data: DisclosureData, names: Names, template: bool, linked: bool) -> None:
    note = _("每行填写一个功能分类“项”和一种资金性质；各张决算表由本表汇总生成。")
    if linked:
        note += _("年初预算数取自本单位本年度的预算，不能修改（灰色），导入时不读取。")
    _preface(sheet, _("决算明细（各决算表的填报数据）"), [note, _("单位：万元")])
    _header_row(sheet, FINAL_LINE_COLUMNS)
    read_only = {"name"} | ({"budget_initial"} if linked else set())
    first = FIRST_HEADER_ROW + 1
    rows = [
        {**{key: getattr(line, key) for key, _label in FINAL_LINE_AMOUNTS},
         "function_code": line.function_code, "name": names.function(line.function_code),
         "fund": Fund(line.fund).label, "purpose": line.purpose,
         "income_source": IncomeSource(line.income_source).label if line.income_source else ""}
        for line in data.lines
    ]  # fmt: skip
    if template:
        rows += [{}] * FINAL_LINE_TEMPLATE_ROWS
    for offset, values in enumerate(rows):
        for index, column in enumerate(FINAL_LINE_COLUMNS, start=1):
            value = values.get(column.key)
            _put(sheet, first + offset, index, value, column.kind, entered=column.key not in read_only)
    last = first + max(len(rows), 1) - 1
    for key, options in (("fund", Fund.labels), ("income_source", IncomeSource.labels)):
        letter = get_column_letter(next(i for i, c in enumerate(FINAL_LINE_COLUMNS, 1) if c.key == key))
        _drop_down(sheet, [str(label) for label in options], f"{letter}{first}:{letter}{last}")
    for index, column in enumerate(FINAL_LINE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = styles.column_width(column.key, column.kind)
    sheet.freeze_panes = sheet.cell(first, 3)


def _write_final_figures(sheet: Worksheet, data: DisclosureData, template: bool) -> None:
    _preface(
        sheet,
        _("决算其他（收入、结转和结余、“三公”经费及其数量、政府采购、国有资产、绩效评价）"),
        [
            _("每行一项，导入时按C列的“字段代码”识别，请勿修改C列；绩效评价项目可按同样的字段代码续行。"),
            _("单位：万元"),
        ],
    )
    _header_row(sheet, FIGURE_COLUMNS)
    for row, figure in enumerate(figures(data, template=template), start=FIRST_HEADER_ROW + 1):
        _put(sheet, row, 1, figure.label, TEXT, entered=False)
        value = figure.value
        if figure.kind == COUNT:
            cell = _put(sheet, row, 2, None, TEXT, entered=True)
            cell.value = value
        else:
            _put(sheet, row, 2, value, figure.kind, entered=True)
        _put(sheet, row, 3, figure.key, CODE, entered=False)
    for letter, width in zip("ABC", (44, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(FIRST_HEADER_ROW + 1, 1)


def _write_indicators(sheet: Worksheet, data: DisclosureData, template: bool) -> None:
    _preface(
        sheet,
        _("项目绩效指标（预算公开12表各项目的指标明细）"),
        [
            _("每行一个指标；“项目名称”须与预算公开12表中的项目名称一致，连续几行属于同一项目时可只填第一行。"),
            _("比较符为 =、≥、≤、>、< 之一；定性指标（如“前10名”“不超过30分钟”）比较符留空，整段写在“指标值”中。"),
        ],
    )
    _header_row(sheet, INDICATOR_COLUMNS)
    categories = {value: str(label) for value, label in IndicatorCategory.choices}
    rows = [
        (target.project, categories[item.category], item.name, item.operator, item.value, item.unit)
        for target in data.targets
        for item in target.indicators
    ]
    if template:
        rows += [("",) * len(INDICATOR_COLUMNS)] * INDICATOR_TEMPLATE_ROWS
    first = FIRST_HEADER_ROW + 1
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            _put(sheet, first + offset, index, value, TEXT, entered=True)
    last = first + max(len(rows), INDICATOR_TEMPLATE_ROWS) - 1  # rows a unit adds get the drop-downs too
    _drop_down(sheet, list(categories.values()), f"B{first}:B{last}")
    _drop_down(sheet, sorted(set(OPERATORS.values())), f"D{first}:D{last}")
    for letter, width in zip("ABCDEF", (36, 14, 40, 8, 14, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(first, 1)


def info_values(data: DisclosureData) -> dict[str, object]:
    """Every 说明与其他 field of ``data`` by 字段代码 (amounts in 元, None for an unknown prior figure)."""
    prior = data.prior
    values: dict[str, object] = {
        "year": data.year,
        "kind": Kind(data.kind).label,
        "department.code": data.department_code,
        "department.name": data.department_name,
        "jurisdiction.code": data.jurisdiction_code,
        "jurisdiction.name": data.jurisdiction_name,
        "unit.code": data.unit_code,
        "unit.name": data.unit_name,
        "layout": str(get_layout(data.layout).name) if is_layout(data.layout) else data.layout,
        "unit.type": Unit.Type(data.unit_type).label if data.unit_type in Unit.Type.values else data.unit_type,
        "overview.duties": data.duties,
        "overview.organisation": data.organisation,
        "overview.annual_tasks": data.annual_tasks,
        "operating_costs": data.operating_costs,
        "state_assets": data.state_assets,
        "contact.person": data.contact_person,
        "contact.phone": data.contact_phone,
        "prior.year": prior.year if prior else None,
    }
    if prior is not None:
        values |= {f"prior.{name}": value for name, value in prior.figures.items()}
        for group in PRIOR_CODE_GROUPS:
            values |= {f"prior.{group}.{code}": value for code, value in getattr(prior, group).items()}
    values |= {f"explanations.{key}": text for key, text in data.explanations.items()}
    return values


def _write_info(sheet: Worksheet, data: DisclosureData, book: dict, template: bool) -> None:
    _preface(
        sheet,
        _("说明与其他（报表以外的文字、上年数和情况说明）"),
        [_("每行一项，导入时按C列的“字段代码”识别，请勿修改C列；空白的上年数表示未知。"), _("单位：万元")],
    )
    _header_row(sheet, INFO_COLUMNS)
    values = info_values(data)
    prior_codes = {group: list(getattr(data.prior, group)) for group in PRIOR_CODE_GROUPS} if data.prior else {}
    names = Names(book)
    economic_names = {code: names.economic(code) for code in prior_codes.get("economic", [])}
    row = FIRST_HEADER_ROW + 1
    for title, fields in info_sections(prior_codes, list(data.explanations), economic_names):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(INFO_COLUMNS))
        for column in range(1, len(INFO_COLUMNS) + 1):
            sheet.cell(row, column).style = "section"
        sheet.cell(row, 1, str(title))
        row += 1
        for field in fields:
            kind = AMOUNT if field.kind in (AMOUNT, OPTIONAL_AMOUNT) else CODE if field.kind == CODE else TEXT
            value = values.get(field.key)
            if template and not field.identity:
                value = None
            _put(sheet, row, 1, str(field.label), TEXT, entered=False)
            _put(sheet, row, 2, value, kind, entered=not field.identity)
            _put(sheet, row, 3, field.key, CODE, entered=False)
            row += 1
    for letter, width in zip("ABC", (44, 90, 34), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(FIRST_HEADER_ROW + 1, 1)


def _protect(sheet: Worksheet) -> None:
    """Sheet protection without a password: it guards against slips, not against the unit itself."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
