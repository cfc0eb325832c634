"""The narrative of a disclosure (概况, 情况说明, the list of tables, 名词解释), generated from its data.

``compose(data, book, previous=None, layout=None)`` computes the facts once (``facts``) and renders
them through the templates of the data's layout (``disclosures.layouts``), or of the one given. The
unit's own words — its reasons, what a line is 主要用于, its overview texts — are printed where it
wrote them and never invented; ``reasons`` documents the explanation keys they are stored under.
"""

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from catalogs.models import ClassificationCode
from disclosures.narrative.document import Document, Part, Section
from disclosures.narrative.facts import Facts, compute_facts
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import chinese_number

if TYPE_CHECKING:
    from disclosures.layouts import Layout


def layout_of(data: DisclosureData, layout: "Layout | str | None" = None) -> "Layout":
    # The layouts' declarations build on this package (facts, reasons): they are read when used.
    from disclosures.layouts import get_layout, layout_of_data

    if isinstance(layout, str):
        return get_layout(layout)
    return layout or layout_of_data(data)


def compose(
    data: DisclosureData,
    book: dict[tuple[str, str], ClassificationCode],
    previous: DisclosureData | None = None,
    layout: "Layout | str | None" = None,
) -> Document:
    """The generated parts of ``data``'s disclosure; ``previous`` is last year's published data, if any."""
    layout = layout_of(data, layout)
    facts = compute_facts(data, book, previous)
    context = {"facts": facts, "layout": layout, "tables": layout.tables.at_level(data.level)}
    names = {"unit_code": data.unit_code, "unit_name": data.unit_name, "year": data.year, "level": facts.level_word}
    parts = []
    for part_spec in layout.parts:
        anchor = f"part-{part_spec.number}"
        shown = [spec for spec in part_spec.sections if spec.shown(facts)]
        sections = [
            Section(
                key=spec.key,
                number=chinese_number(index) if spec.title else "",
                title=str(spec.title) % names if spec.title else "",
                anchor=f"{anchor}-{spec.key}",
                html=mark_safe(render_to_string(layout.template_names(spec.template), context).strip()),
            )
            for index, spec in enumerate(shown, start=1)
        ]
        title = str(part_spec.title) % names if part_spec.title else ""
        parts.append(Part(part_spec.number, title, anchor, sections, str(layout.part_heading)))
    return Document(str(layout.title) % names, parts, layout, facts)


__all__ = ["Document", "Facts", "Part", "Section", "compose", "compute_facts", "layout_of"]
