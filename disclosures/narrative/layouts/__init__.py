"""Layouts: how one jurisdiction words its disclosure in a given year, as a set of templates.

A layout lists the document's parts and their sections (key, title, template, and the places
where the unit's own words go, as :class:`~disclosures.narrative.reasons.Slot` s). The wording is
in ``templates/narrative/<layout>/``; every template gets the same context: ``facts`` (see
``facts.Facts``), ``layout`` and ``tables`` (the 12 TableSpecs). A new layout (the Liujiang
district's 10 sections of seeds 000/004, Chongqing's 6 of seed 003) is a new template folder and
an entry in ``LAYOUTS``; it may fall back on another layout's templates through ``template_dirs``.
The facts are never touched for it.

The layout is chosen by jurisdiction, kind and year: the portal's jurisdiction is the setting
``DEFAULT_JURISDICTION`` until layouts are chosen per disclosure.
"""

from django.conf import settings

from disclosures.choices import Kind
from disclosures.narrative.layouts.base import Layout, PartSpec, SectionSpec
from disclosures.narrative.layouts.liuzhou_2025 import LIUZHOU_2025

LAYOUTS: dict[str, Layout] = {layout.key: layout for layout in (LIUZHOU_2025,)}
DEFAULT_LAYOUT = LIUZHOU_2025


def portal_jurisdiction() -> str:
    return settings.DEFAULT_JURISDICTION[0]


def layout_for(year: int, kind: str = Kind.BUDGET, jurisdiction: str | None = None) -> Layout:
    """The jurisdiction's newest layout for the kind that is in force in ``year``; the default otherwise."""
    jurisdiction = jurisdiction or portal_jurisdiction()
    candidates = [
        layout
        for layout in LAYOUTS.values()
        if layout.jurisdiction == jurisdiction and layout.kind == kind and layout.first_year <= year
    ]
    return max(candidates, key=lambda layout: layout.first_year, default=DEFAULT_LAYOUT)


__all__ = ["DEFAULT_LAYOUT", "LAYOUTS", "LIUZHOU_2025", "Layout", "PartSpec", "SectionSpec", "layout_for"]
