"""Reading a block of cells copied from Excel, from the downloaded workbook or from the grid itself into rows.

Excel puts tab-separated text on the clipboard: one line per row, a tab between cells, and a cell
that holds a tab, a line break or a quote wrapped in quotes (with inner quotes doubled).

Which column is which: a copied header row (a line of column titles, one level of a multi-level header
included) names the columns, so read-only columns (名称, 合计, 序号) and any column order are understood.
Without one, a block as wide as the grid is read in the grid's column order (its read-only columns
skipped), any other in the order of the table's entry fields. 合计 rows are skipped. static/js/entry.js
reads a block pasted into a cell the same way.
"""

from dataclasses import dataclass

from disclosures.forms.entry import CHOICE, CODE_SCHEMES, code_from_text
from disclosures.tables.declaration import EntryField

# Header titles of the grid's own columns that hold no entered value: its row number and its row actions.
UNENTERED_TITLES = {"序号", "操作"}
TOTAL_TITLES = ("合计", "总计")


@dataclass(frozen=True)
class GridColumns:
    """A grid's columns as a block copied from it has them: each leaf's title and entry field ("" read-only)."""

    leaves: tuple[tuple[str, str], ...] = ()
    group_titles: frozenset[str] = frozenset()  # titles of the upper header rows
    printed: tuple[tuple[str, str], ...] = ()  # the published table's leaf titles (the workbook's header)


def read_cells(text: str) -> list[list[str]]:
    """The rows of cells of Excel's clipboard text (quoted cells may hold tabs and line breaks)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted = False
    at_cell_start = True
    index = 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"' and text[index + 1 : index + 2] == '"':
                cell.append('"')
                index += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and at_cell_start:
            quoted = True
        elif char == "\t":
            row.append("".join(cell))
            cell = []
            at_cell_start = True
            index += 1
            continue
        elif char == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
            index += 1
            continue
        else:
            cell.append(char)
        at_cell_start = False
        index += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _choice_value(declared: EntryField, text: str) -> str:
    """A choice typed as its label (一般公共预算) or its value (general_budget)."""
    for value, label in declared.choices:
        if text in (value, str(label)):
            return value
    return text


def cell_value(declared: EntryField, text: str) -> str:
    text = text.strip()
    if declared.kind in CODE_SCHEMES:
        return code_from_text(text)
    if declared.kind == CHOICE:
        return _choice_value(declared, text)
    return text


def _titles(fields: tuple[EntryField, ...], columns: GridColumns) -> dict[str, str]:
    """Column title → entry field name ("" for a read-only column)."""
    titles = {title: name for title, name in (*columns.printed, *columns.leaves)}
    titles |= {str(declared.label): declared.name for declared in fields}
    return titles


def pasted_rows(fields: tuple[EntryField, ...], text: str, columns: GridColumns | None = None) -> list[dict[str, str]]:
    """Each data line as {entry field name: text}: blank, header and 合计 lines are skipped (see the module)."""
    columns = columns or GridColumns()
    by_name = {declared.name: declared for declared in fields}
    titles = _titles(fields, columns)
    known = set(titles) | columns.group_titles | UNENTERED_TITLES
    named: dict[int, str] = {}  # column index → entry field, from the header lines
    header_width = 0
    rows = []
    for cells in read_cells(text):
        filled = [cell.strip() for cell in cells if cell.strip()]
        if not filled:
            continue
        if all(cell in known for cell in filled):
            named |= {index: titles[cell.strip()] for index, cell in enumerate(cells) if cell.strip() in titles}
            header_width = max(header_width, len(cells))
            continue
        if filled[0] in TOTAL_TITLES:
            continue
        order = _order(cells, fields, columns, named if header_width == len(cells) else {})
        present = {index: name for index, name in order.items() if index < len(cells)}
        rows.append({name: cell_value(by_name[name], cells[index]) for index, name in present.items()})
    return rows


def _order(cells: list[str], fields, columns: GridColumns, named: dict[int, str]) -> dict[int, str]:
    """Which entry field each cell of a data line holds.

    ``named`` comes from header lines as wide as the line. A header copied from a web page drops the cells
    its merged titles span, so a line as wide as the grid (with its 序号 and 操作 columns, or without) is
    read in the grid's order instead.
    """
    if named:
        return {index: name for index, name in named.items() if name}
    leaves = [name for _title, name in columns.leaves]
    for layout in (leaves, ["", *leaves], ["", *leaves, ""]):
        if leaves and len(cells) == len(layout):
            return {index: name for index, name in enumerate(layout) if name}
    return {index: declared.name for index, declared in enumerate(fields)}
