"""Reading a block of cells copied from Excel into rows of an entry grid.

Excel puts tab-separated text on the clipboard: one line per row, a tab between cells, and a cell
that holds a tab, a line break or a quote wrapped in quotes (with inner quotes doubled). Columns are
read in the order of the table's entry fields; static/js/entry.js does the same in the browser.
"""

from disclosures.forms.entry import CHOICE, CODE_SCHEMES, code_from_text
from disclosures.tables.declaration import EntryField


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


def is_header(fields: tuple[EntryField, ...], cells: list[str]) -> bool:
    """A copied header row: a cell holds its column's label."""
    return any(cell.strip() == str(declared.label) for declared, cell in zip(fields, cells, strict=False))


def pasted_rows(fields: tuple[EntryField, ...], text: str) -> list[dict[str, str]]:
    """Each non-blank, non-header line as {entry field name: text}; extra cells to the right are ignored."""
    rows = []
    for cells in read_cells(text):
        if not any(cell.strip() for cell in cells) or is_header(fields, cells):
            continue
        rows.append({declared.name: cell_value(declared, cell) for declared, cell in zip(fields, cells, strict=False)})
    return rows
