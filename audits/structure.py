"""From blocks to the document: its title, year and kind, sections with their sentences, and tables.

A table is a grid with the lines printed just above it: its code or number (预算公开05表, 表五),
its title, 单位名称 and the 单位 line (元 or 万元); a grid that follows a table with nothing but a
repeated header in between continues it (a table broken over pages). The lines under a table that
start with 注 are its notes. Every other line is narrative: it belongs to the section whose heading
(一、…) came last, and is cut into sentences at 。；！？. PDF lines wrap inside sentences, so a
PDF's lines are joined before cutting; a text file's lines are paragraphs.
"""

import re
from dataclasses import dataclass, field

from audits.layouts import GENERIC, AuditLayout, detect_layout, get_layout
from audits.printed import PrintedTable
from audits.reading import Block, Grid, Line

PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分[：:\s]*(.*)$")
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、\s*(.+)$")
HEADING_MAX = 40
TABLE_CODE = re.compile(r"预算公开\d{1,2}表|^表\s*[一二三四五六七八九十\d]+\s*[：:、.]?|^附表\s*\d+")
TABLE_NAME = re.compile(r"(?:表|决算|明细表)$")
UNIT_LINE = re.compile(r"单位[：:]\s*(万元|元)")
UNIT_NAME_LINE = re.compile(r"单位名称[：:]\s*(\S+)")
NOTE = re.compile(r"^注[：:]")
CONTENTS_ENTRY = re.compile(r"(?:\.{4,}|…{2,})\s*\d+$")  # 目录: 一、主要职责........3
SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年度?")


@dataclass
class Sentence:
    text: str
    page: int | None
    section: str  # the heading it is under, “” before the first


@dataclass
class Section:
    title: str
    part: str
    page: int | None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class AuditDocument:
    name: str
    title: str
    year: int | None
    kind: str  # budget / final
    unit_name: str
    layout: AuditLayout
    sections: list[Section]
    tables: list[PrintedTable]
    lines: list[Line]  # every narrative line as printed, for the word rules
    has_pages: bool

    @property
    def sentences(self) -> list[Sentence]:
        return [sentence for section in self.sections for sentence in section.sentences]

    @property
    def is_unit_document(self) -> bool:
        """A unit's own document (单位预算/决算), in which “我部门” is a leftover of a department's template."""
        return "部门" not in self.title

    def table_keyed(self, key: str) -> PrintedTable | None:
        """The printed table the layout declares under ``key`` (whatever number it prints it under)."""
        return next((table for table in self.tables if table.key == key), None)


def _is_title_line(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    if UNIT_LINE.search(compact) or UNIT_NAME_LINE.search(compact) or TABLE_CODE.search(compact):
        return len(compact) <= 80
    return len(compact) <= 40 and bool(TABLE_NAME.search(compact)) and "。" not in compact


def _heading(text: str) -> tuple[str, str] | None:
    """("part"|"section", title) for a heading line."""
    compact = text.strip()
    if PART_HEADING.match(compact):
        return "part", compact
    if len(compact) <= HEADING_MAX and "。" not in compact and "：" not in compact[:-1]:
        if SECTION_HEADING.match(compact):
            return "section", compact
    return None


class _Assembler:
    def __init__(self, wraps: bool):
        self.wraps = wraps
        self.sections: list[Section] = [Section("", "", None)]
        self.tables: list[PrintedTable] = []
        self.lines: list[Line] = []
        self.titles: list[Line] = []
        self.last_was_table = False
        self.part = ""
        self.buffer: list[Line] = []

    def flush(self):
        """Cut what was read of the current paragraph(s) into sentences."""
        if not self.buffer:
            return
        section = self.sections[-1]
        pieces = [self.buffer] if self.wraps else [[line] for line in self.buffer]
        for piece in pieces:
            text = "".join(line.text.strip() for line in piece)
            pages = [line.page for line in piece]
            offset = 0
            starts = []
            for line in piece:
                starts.append(offset)
                offset += len(line.text.strip())
            position = 0
            for sentence in SENTENCE_END.split(text):
                if sentence.strip():
                    index = max(i for i, start in enumerate(starts) if start <= position)
                    section.sentences.append(Sentence(sentence.strip(), pages[index], section.title))
                position += len(sentence)
        self.buffer = []

    def line(self, line: Line):
        text = line.text.strip()
        if CONTENTS_ENTRY.search(text):
            return
        if self.last_was_table and NOTE.match(text):
            self.tables[-1].notes.append(text)
            self.lines.append(line)
            return
        if _is_title_line(text) and not _heading(text):
            self.titles.append(line)
            self.last_was_table = False
            return
        heading = _heading(text)
        self.titles = []
        self.last_was_table = False
        self.lines.append(line)
        if heading is not None:
            self.flush()
            kind, title = heading
            if kind == "part":
                self.part = title
            self.sections.append(Section(title, self.part, line.page))
            return
        self.buffer.append(line)

    def grid(self, grid: Grid):
        self.flush()
        titles = [line.text for line in self.titles]
        if self.last_was_table and not any(TABLE_CODE.search(t) or TABLE_NAME.search(t) for t in titles):
            self.tables[-1].extend(grid)
        else:
            self.tables.append(PrintedTable.from_grid(grid, titles, self.part))
        self.titles = []
        self.last_was_table = True


def assemble(name: str, blocks: list[Block], layout_key: str | None = None, year: int | None = None) -> AuditDocument:
    wraps = any(isinstance(block, Line) and block.page is not None for block in blocks)
    assembler = _Assembler(wraps)
    for block in blocks:
        if isinstance(block, Grid):
            assembler.grid(block)
        else:
            assembler.line(block)
    assembler.flush()
    lines = [block.text for block in blocks if isinstance(block, Line)]
    title = _title(lines)
    headings = [section.title for section in assembler.sections if section.title]
    table_titles = [table.heading for table in assembler.tables] + lines
    layout = get_layout(layout_key) if layout_key else detect_layout(title, headings, table_titles)
    for table in assembler.tables:
        table.identify(layout)
    return AuditDocument(
        name=name,
        title=title,
        year=year or _year(title, lines),
        kind="final" if "决算" in title else "budget",
        unit_name=_unit_name(title, lines, assembler.tables),
        layout=layout,
        sections=[section for section in assembler.sections if section.sentences or section.title],
        tables=assembler.tables,
        lines=assembler.lines,
        has_pages=wraps,
    )


def _title(lines: list[str]) -> str:
    """The first line naming the year and 预算 or 决算 (the cover or the heading of the narrative)."""
    for text in lines[:60]:
        compact = re.sub(r"\s+", "", text)
        if TITLE_YEAR.search(compact) and ("预算" in compact or "决算" in compact) and len(compact) <= 80:
            return compact
    return re.sub(r"\s+", "", lines[0]) if lines else ""


def _year(title: str, lines: list[str]) -> int | None:
    for text in [title, *lines[:80]]:
        if match := TITLE_YEAR.search(text):
            return int(match.group(1))
    return None


def _unit_name(title: str, lines: list[str], tables: list[PrintedTable]) -> str:
    for table in tables:
        if table.unit_name:
            return table.unit_name
    match = re.match(r"^(.+?)(?:(?:19|20)\d{2}|\d{3})年", title)
    return match.group(1) if match else ""


__all__ = ["GENERIC", "AuditDocument", "Section", "Sentence", "assemble"]
