"""A plain-text disclosure: lines, and tables as tab-separated rows.

Two table shapes occur in text copied out of published documents: one row per line with the cells
separated by tabs (seed 002), and one cell per line, each led by a tab, with a blank line after
each row (seed 001, copied from Word); a line without a tab inside such a row continues the cell
above (a header wrapped in its cell).
"""

import re

from audits.reading.blocks import Block, Grid, Line, UnreadableDocument, clean_cell

DECIMAL = re.compile(r"^[-−]?[\d,]*\d\.\d+$")


def decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("文本文件的编码无法识别（请使用UTF-8或GB18030）。")


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _is_row_line(line: str) -> bool:
    return line.count("\t") >= 2 or ("\t" in line and not line.startswith("\t"))


def _aligned(rows: list[list[str]]) -> list[list[str | None]]:
    """Rows of one cell per line widened to the table's width.

    A shorter row either began with a cell spanning the first columns (合计 over 科目编码 and
    科目名称) or left out its blank cells at the end: it is shifted to where its figures fall under
    the columns that hold figures in the full rows. A header row is aligned to the right, a body
    row without figures to the left.
    """
    width = max(len(row) for row in rows)
    full = [row for row in rows if len(row) == width]
    amount = {j for row in full for j, cell in enumerate(row) if DECIMAL.match(cell)}

    def score(row: list[str], offset: int) -> int:
        total = 0
        for j, cell in enumerate(row):
            if DECIMAL.match(cell):
                total += 1 if j + offset in amount else -1
            elif cell and j + offset in amount:
                total -= 1
        return total

    aligned = []
    in_body = False
    for row in rows:
        offsets = range(width - len(row) + 1)
        if any(DECIMAL.match(cell) for cell in row):
            in_body = True
            offset = max(offsets, key=lambda candidate: (score(row, candidate), -candidate))
        else:
            offset = 0 if in_body else width - len(row)
        aligned.append([""] * offset + row + [""] * (width - len(row) - offset))
    return aligned


def _padded(rows: list[list[str]]) -> list[list[str | None]]:
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def read_text(content: bytes) -> list[Block]:
    blocks: list[Block] = []
    tab_rows: list[list[str]] = []
    cell_rows: list[list[str]] = []
    current: list[str] = []

    def close_tab_rows():
        if tab_rows:
            blocks.append(Grid(_padded(tab_rows)))
            tab_rows.clear()

    def close_cell_rows():
        if current:
            cell_rows.append(list(current))
            current.clear()
        if cell_rows:
            blocks.append(Grid(_aligned(cell_rows)))
            cell_rows.clear()

    for raw in decode(content).splitlines():
        line = raw.rstrip("\r\n")
        if _is_cell_line(line):
            close_tab_rows()
            current.append(clean_cell(line))
        elif not line.strip():
            close_tab_rows()
            if current:
                cell_rows.append(list(current))
                current.clear()
        elif current and "\t" not in line:
            current[-1] += clean_cell(line)
        elif _is_row_line(line):
            close_cell_rows()
            tab_rows.append([clean_cell(cell) for cell in line.split("\t")])
        else:
            close_tab_rows()
            close_cell_rows()
            blocks.append(Line(line.strip()))
    close_tab_rows()
    close_cell_rows()
    return blocks
