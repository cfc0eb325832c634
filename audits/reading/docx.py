"""A Word document: its paragraphs and tables in body order (a .docx has no fixed pages)."""

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from audits.reading.blocks import COVERED, Block, Grid, Line, UnreadableDocument, clean_cell


def _grid(table: Table) -> Grid:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it covers, as the same element.
            cells.append(COVERED if id(cell._tc) in seen else clean_cell(cell.text))
            seen.add(id(cell._tc))
        rows.append(cells)
    return Grid(rows, None, True)


def read_docx(content: bytes) -> list[Block]:
    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:
        raise UnreadableDocument("文件不是有效的Word文档（.docx）。") from exc
    blocks: list[Block] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(element, document).text.strip()
            if text:
                blocks.append(Line(text))
        elif tag == "tbl":
            blocks.append(_grid(Table(element, document)))
    return blocks
