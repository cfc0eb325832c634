"""A table as printed: its titles and 单位, header columns, and body rows of cells.

Headers are read back into column paths (本年收入 › 小计) from the merged cells: a cell covered by
a merge (None from a PDF or Word, empty in a text file) belongs to its left neighbour when the row
below starts new cells under it, and to the cell above otherwise. The body starts at the first row
with a figure that has decimals (the 栏次 row 1 2 3 … is header). Side-by-side tables (收入 | 支出,
人员经费 | 公用经费) are split into sides, each with its own label, code and amount columns.
"""

import re
from dataclasses import dataclass, field

from audits.figures import Figure, parse_figure
from audits.reading import Grid

CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
CODE_NUMBER = re.compile(r"预算公开(\d{1,2})表|^表\s*([一二三四五六七八九十\d]+)|^附表\s*(\d+)")
UNIT_LINE = re.compile(r"单位[：:]\s*(万元|元)")
UNIT_NAME = re.compile(r"单位名称[：:]\s*(\S+)")
CLASSIFICATION_CODE_LABEL = re.compile(r"科目编码|编码")
ORG_CODE_LABEL = re.compile(r"代码")
NOT_AMOUNT_LABEL = re.compile(r"编码|代码|序号|行次|栏次")
PROJECT_LABEL = re.compile(r"项目名称")
ITEM_LABEL = re.compile(r"^项\s*目(?:（|\(|$)")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
DECIMAL = re.compile(r"^\s*[-−]?[\d,]*\d\.\d+\s*$")


def chinese_to_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in CHINESE_DIGITS for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _ten, ones = text.partition("十")
        return (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)
    return CHINESE_DIGITS[text] if len(text) == 1 else None


def compact(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass(frozen=True)
class Column:
    index: int
    path: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def title(self) -> str:
        """The column as a finding names it: 基本支出 › 小计."""
        return " › ".join(self.path)


@dataclass
class BodyRow:
    cells: list[str]
    page: int | None

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    def figure(self, index: int) -> Figure | None:
        return parse_figure(self.cell(index))


@dataclass(frozen=True)
class Side:
    """The columns of one side of a table: what names a row, its codes, its amounts."""

    label_columns: tuple[Column, ...]
    code_column: Column | None
    org_column: Column | None
    amount_columns: tuple[Column, ...]
    project_column: Column | None = None

    def label(self, row: BodyRow) -> str:
        parts = [row.cell(column.index) for column in self.label_columns]
        return "".join(part for part in parts if part)

    def project(self, row: BodyRow) -> str:
        return row.cell(self.project_column.index) if self.project_column else ""

    def code(self, row: BodyRow) -> str:
        text = compact(row.cell(self.code_column.index)) if self.code_column else ""
        return text if text.isdigit() else ""

    def org(self, row: BodyRow) -> str:
        text = compact(row.cell(self.org_column.index)) if self.org_column else ""
        return text if text.isdigit() else ""


def _is_numbering_row(row: list[str | None]) -> bool:
    """The 栏次 row under a header: 1 2 3 …, naming no column."""
    texts = [compact(cell) for cell in row if cell and compact(cell)]
    return bool(texts) and all(text.isdigit() or text in ("栏次", "行次") for text in texts)


def _stacked_header(header_rows: list[list[str | None]], width: int) -> list[Column]:
    """A text file's header: each column is what is printed above it (merges are not known)."""
    columns = []
    for j in range(width):
        path: list[str] = []
        for row in header_rows:
            cell = compact(row[j]) if j < len(row) and row[j] else ""
            if cell and (not path or path[-1] != cell):
                path.append(cell)
        columns.append(Column(j, tuple(path)))
    return columns


def _resolve_header(header_rows: list[list[str | None]], width: int) -> list[Column]:
    resolved: list[list[str | None]] = []
    for r, row in enumerate(header_rows):
        below = header_rows[r + 1 :]
        out: list[str | None] = []
        for j in range(width):
            cell = compact(row[j]) if j < len(row) and row[j] else ""
            if cell:
                out.append(cell)
            elif j and out[j - 1] and any(j < len(lower) and lower[j] for lower in below):
                out.append(out[j - 1])  # covered by the merge on its left: a group over several columns
            else:
                out.append(None)  # covered from above, or empty
        resolved.append(out)
    columns = []
    for j in range(width):
        path: list[str] = []
        for row in resolved:
            if row[j] and (not path or path[-1] != row[j]):
                path.append(row[j])
        columns.append(Column(j, tuple(path)))
    return columns


@dataclass
class PrintedTable:
    heading: str  # the title lines as printed, joined
    part: str
    header_rows: list[list[str | None]] = field(default_factory=list)
    rows: list[BodyRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = ""  # 万元 or 元, from the 单位 line
    unit_name: str = ""
    number: int | None = None
    key: str = ""
    title: str = ""
    code: str = ""
    pages: list[int] = field(default_factory=list)
    knows_merges: bool = False

    @classmethod
    def from_grid(cls, grid: Grid, titles: list[str], part: str) -> "PrintedTable":
        heading = " ".join(compact(title) for title in titles)
        table = cls(heading=heading, part=part, knows_merges=grid.knows_merges)
        for title in titles:
            if match := UNIT_LINE.search(compact(title)):
                table.unit = match.group(1)
            if match := UNIT_NAME.search(compact(title)):
                table.unit_name = re.sub(r"单位[：:].*$", "", match.group(1))
        if match := CODE_NUMBER.search(heading):
            table.code = match.group(0)
            table.number = chinese_to_int(next(group for group in match.groups() if group))
        table.extend(grid)
        return table

    def extend(self, grid: Grid) -> None:
        """Add a grid's rows: the first, or a continuation whose repeated header is dropped."""
        if grid.page is not None and grid.page not in self.pages:
            self.pages.append(grid.page)
        for raw in grid.rows:
            cells = [compact(cell) if cell is not None else None for cell in raw]
            texts = [cell for cell in cells if cell]
            if texts and all(UNIT_LINE.search(text) for text in texts):
                self.unit = UNIT_LINE.search(texts[0]).group(1)
                continue
            if not self.rows and not any(DECIMAL.match(cell or "") for cell in cells):
                self.header_rows.append(raw)
                continue
            repeated_header = [compact(c) for c in raw] in [[compact(c) for c in h] for h in self.header_rows]
            if texts and not repeated_header:
                self.rows.append(BodyRow([cell or "" for cell in cells], grid.page))

    def identify(self, layout) -> None:
        declared = layout.table_by_title(self.heading) if layout.declares_tables and self.heading else None
        if declared is not None:
            self.number, self.key, self.title, self.code = declared.number, declared.key, declared.title, declared.code
        elif not self.title:
            words = [word for word in self.heading.split(" ") if not UNIT_LINE.search(word)]
            text = " ".join(word for word in words if not UNIT_NAME.search(word))
            self.title = re.sub(CODE_NUMBER, "", text).strip(" ：:、.")

    @property
    def name(self) -> str:
        """How findings name the table: 预算公开05表 一般公共预算支出情况表, 表五 一般公共预算财政拨款支出决算表."""
        return " ".join(part for part in (self.code, self.title) if part) or "（无标题的表格）"

    @property
    def width(self) -> int:
        return max([len(row) for row in self.header_rows] + [len(row.cells) for row in self.rows] + [0])

    @property
    def columns(self) -> list[Column]:
        rows = [row for row in self.header_rows if not _is_numbering_row(row)]
        if self.knows_merges:
            return _resolve_header(rows, self.width)
        return _stacked_header(rows, self.width)

    def is_amount_column(self, column: Column) -> bool:
        if NOT_AMOUNT_LABEL.search(column.label):
            return False
        values = [row.cell(column.index) for row in self.rows if row.cell(column.index)]
        return any(DECIMAL.match(value) for value in values) and all(parse_figure(v) for v in values)

    def sides(self) -> list[Side]:
        """The table split where a new label column (项目, a code column) follows amount columns."""
        groups: list[list[Column]] = [[]]
        seen_amount = False
        for column in self.columns:
            amount = self.is_amount_column(column)
            starts_side = ITEM_LABEL.match(column.label) or CLASSIFICATION_CODE_LABEL.search(column.label)
            if starts_side and seen_amount:
                groups.append([])
                seen_amount = False
            groups[-1].append(column)
            seen_amount = seen_amount or amount
        sides = []
        for columns in groups:
            amounts = tuple(column for column in columns if self.is_amount_column(column))
            others = [column for column in columns if column not in amounts]
            code = next((c for c in others if CLASSIFICATION_CODE_LABEL.search(c.label)), None)
            org = next((c for c in others if ORG_CODE_LABEL.search(c.label) and c is not code), None)
            if code is None and org is None:
                code = next((c for c in others if self._holds_codes(c)), None)
            labels = tuple(c for c in others if c is not code and c is not org and not NOT_AMOUNT_LABEL.search(c.label))
            project = next((c for c in labels if PROJECT_LABEL.search(c.label)), None)
            sides.append(Side(labels, code, org, amounts, project))
        return [side for side in sides if side.amount_columns]

    def _holds_codes(self, column: Column) -> bool:
        values = [compact(row.cell(column.index)) for row in self.rows if row.cell(column.index)]
        return bool(values) and sum(1 for value in values if CODE.match(value)) >= len(values) / 2

    @property
    def has_figures(self) -> bool:
        """Whether any amount of the table is not zero."""
        columns = [column.index for column in self.columns if self.is_amount_column(column)]
        return any((figure := row.figure(index)) and figure.value for row in self.rows for index in columns)

    def page_of(self, row: BodyRow | None = None) -> int | None:
        if row is not None and row.page is not None:
            return row.page
        return self.pages[0] if self.pages else None
