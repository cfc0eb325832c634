"""A PDF's text layer with pdfplumber: ruled tables cell by cell, the other text line by line.

A draft watermark (草稿, printed huge across the page) and the page footer are left out.
"""

import io
import re
import statistics

import pdfplumber
from django.conf import settings

from audits.reading.blocks import Block, Grid, Line, UnreadableDocument, clean_cell

FOOTER = re.compile(r"^第\s*\d+\s*页[，,]?\s*共\s*\d+\s*页$|^-?\s*\d+\s*-?$")
WATERMARK_SCALE = 4  # a character this many times the median size is a watermark, not text


def _inside(obj: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _page_blocks(page, number: int, watermark: float) -> list[tuple[float, Block]]:
    page = page.filter(lambda obj: obj.get("object_type") != "char" or obj["size"] <= watermark)
    tables = page.find_tables()
    placed: list[tuple[float, Block]] = [
        (table.bbox[1], Grid([[clean_cell(cell) for cell in row] for row in table.extract()], number, True))
        for table in tables
    ]
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    for line in outside.extract_text_lines():
        text = line["text"].strip()
        if text and not FOOTER.match(text):
            placed.append((line["top"], Line(text, number)))
    return sorted(placed, key=lambda item: item[0])


def read_pdf(content: bytes) -> list[Block]:
    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except Exception as exc:
        raise UnreadableDocument("文件不是有效的PDF。") from exc
    with pdf:
        if len(pdf.pages) > settings.AUDIT_MAX_PAGES:
            raise UnreadableDocument(f"PDF共{len(pdf.pages)}页，超过上限{settings.AUDIT_MAX_PAGES}页。")
        sizes = [char["size"] for page in pdf.pages for char in page.chars]
        if not sizes:
            raise UnreadableDocument("PDF没有文字层（可能是扫描件），无法核查；请提供带文字层的PDF或文本文件。")
        watermark = statistics.median(sizes) * WATERMARK_SCALE
        blocks: list[Block] = []
        for number, page in enumerate(pdf.pages, start=1):
            blocks += [block for _top, block in _page_blocks(page, number, watermark)]
            page.close()
    return blocks
