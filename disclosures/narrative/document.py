"""The generated text of a disclosure: parts of sections, each section a piece of safe HTML.

The rendering of the whole document (目录, the parts, 第五部分 附件 with the 12 tables) is the
document templates' job; these objects only carry what to print and where to link:

- ``Document.title``: 309002柳州市信息化建设管理中心2025年单位预算公开说明
- ``Part.number`` (1…4), ``Part.label`` (第一部分), ``Part.title``, ``Part.heading`` (both), ``Part.anchor``
- ``Section.number`` (一, 二, … or "" for a part with one untitled section), ``Section.title``,
  ``Section.heading`` (一、单位收支总体情况说明, or "" when untitled), ``Section.anchor``,
  ``Section.html``: the body paragraphs without the heading, HTML-escaped where the unit wrote it.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from disclosures.narrative.facts import Facts
from disclosures.narrative.layouts import Layout
from disclosures.tables.builders import chinese_number


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    anchor: str
    html: SafeString

    @property
    def heading(self) -> str:
        if not self.title:
            return ""
        return f"{self.number}、{self.title}" if self.number else self.title


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    anchor: str
    sections: list[Section]

    @property
    def label(self) -> str:
        return _("第%(number)s部分") % {"number": chinese_number(self.number)}

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}"


@dataclass(frozen=True)
class Document:
    title: str
    parts: list[Part]
    layout: Layout
    facts: Facts

    def section(self, key: str) -> Section | None:
        return next((section for part in self.parts for section in part.sections if section.key == key), None)
