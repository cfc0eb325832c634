"""The generated text of a disclosure: parts of sections, each section a piece of safe HTML.

The rendering of the whole document (目录, the parts, the attached tables) is the document templates'
job; these objects only carry what to print and where to link:

- ``Document.title``: 309002柳州市信息化建设管理中心2025年单位预算公开说明
- ``Part.number`` (1…4; 0 for the one part of a document without parts), ``Part.label`` (第一部分),
  ``Part.title``, ``Part.heading`` (as the layout joins them, "" for an unlabelled part), ``Part.anchor``
- ``Section.number`` (一, 二, … or "" for a part with one untitled section), ``Section.title``,
  ``Section.heading`` (一、单位收支总体情况说明, or "" when untitled), ``Section.anchor``,
  ``Section.html``: the body paragraphs without the heading, HTML-escaped where the unit wrote it.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from disclosures.narrative.facts import Facts
from disclosures.tables.builders import chinese_number

if TYPE_CHECKING:
    from disclosures.layouts import Layout


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
    heading_format: str = "%(label)s %(title)s"

    @property
    def label(self) -> str:
        return _("第%(number)s部分") % {"number": chinese_number(self.number)} if self.number else ""

    @property
    def heading(self) -> str:
        if not self.number:
            return self.title
        return self.heading_format % {"label": self.label, "title": self.title}


@dataclass(frozen=True)
class Document:
    title: str
    parts: list[Part]
    layout: "Layout"
    facts: Facts

    def section(self, key: str) -> Section | None:
        return next((section for part in self.parts for section in part.sections if section.key == key), None)
