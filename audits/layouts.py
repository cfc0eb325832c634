"""The one place the audits app reads layout knowledge: which tables and sections a layout prints.

Everything else in ``audits`` asks this module, which reads the portal's layout declarations
(``disclosures.layouts``: title, parts and section titles, and each table's number, printed code,
title and key), so that a layout added to the portal is recognised here too.

Documents of layouts the portal does not declare (a 2017 决算, another county's budget) are read
with ``GENERIC``: headings such as “一、…说明”, table titles such as “表1：…” or “表一：…”, and
“单位：万元” lines are recognised by their pattern alone.
"""

import re
from dataclasses import dataclass

from disclosures.choices import Kind
from disclosures.layouts import registry

GENERIC_KEY = "generic"


@dataclass(frozen=True)
class TableTitle:
    number: int
    code: str  # as printed above the table: 预算公开01表
    title: str  # 单位收支总体情况表
    key: str  # income_expenditure


@dataclass(frozen=True)
class AuditLayout:
    key: str
    kind: str  # budget / final
    title_pattern: re.Pattern  # matches the document's title
    section_titles: tuple[str, ...]  # 情况说明 sections as printed, without their numbers
    tables: tuple[TableTitle, ...]

    def table_by_title(self, text: str) -> TableTitle | None:
        """The declared table whose printed code or title the text names."""
        compact = re.sub(r"\s+", "", text)
        for table in self.tables:
            if names_code(compact, table.code):
                return table
        return next((table for table in self.tables if compact.endswith(table.title)), None)

    @property
    def declares_tables(self) -> bool:
        return bool(self.tables)


def names_code(text: str, code: str) -> bool:
    """Whether ``text`` prints the table code itself: 表1 is not in 表12 nor in 附表1."""
    return re.search(rf"(?<!\w){re.escape(code)}(?!\d)", text) is not None


def _section_titles(layout) -> tuple[str, ...]:
    names = {"unit_code": "", "unit_name": "", "year": "", "level": "单位"}
    return tuple(
        str(section.title).replace("%(year)s年", "") % names
        for part in layout.parts
        for section in part.sections
        if section.title
    )


def _portal_layout(layout) -> AuditLayout:
    # The title names the unit and the year: 309002柳州市信息化建设管理中心2025年单位预算公开说明.
    title = str(layout.title).replace("%(year)s年", "") % {"unit_code": "", "unit_name": "", "level": "单位"}
    pattern = re.compile(r"(\d{4})年" + re.escape(title))
    tables = tuple(TableTitle(spec.number, spec.code, str(spec.title), spec.key) for spec in layout.tables)
    return AuditLayout(layout.key, layout.kind, pattern, _section_titles(layout), tables)


GENERIC = AuditLayout(
    GENERIC_KEY,
    Kind.BUDGET,
    re.compile(r"(\d{4})年度?(?:单位|部门)?(?:预算|决算)"),
    (),
    (),
)

LAYOUTS: dict[str, AuditLayout] = {
    **{key: _portal_layout(layout) for key, layout in registry().items()},
    GENERIC_KEY: GENERIC,
}


def get_layout(key: str) -> AuditLayout:
    return LAYOUTS[key]


def detect_layout(title: str, headings: list[str], table_titles: list[str]) -> AuditLayout:
    """The declared layout whose title, section titles and table codes the document prints, else GENERIC."""
    compact_headings = {re.sub(r"\s+", "", heading) for heading in headings}
    compact_tables = " ".join(re.sub(r"\s+", "", text) for text in table_titles)
    best, best_score = GENERIC, 0
    for layout in LAYOUTS.values():
        if not layout.declares_tables:
            continue
        score = 2 if layout.title_pattern.search(re.sub(r"\s+", "", title)) else 0
        score += sum(1 for section in layout.section_titles if any(h.endswith(section) for h in compact_headings))
        score += sum(2 for table in layout.tables if names_code(compact_tables, table.code))
        # Half the sections and half the tables, or the title and a third of the tables.
        needed = (len(layout.section_titles) + 2 * len(layout.tables)) // 2
        if score >= needed and score > best_score:
            best, best_score = layout, score
    return best


__all__ = ["GENERIC", "GENERIC_KEY", "LAYOUTS", "AuditLayout", "TableTitle", "detect_layout", "get_layout"]
