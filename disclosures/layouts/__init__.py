"""Layouts: each jurisdiction's document of each kind, declared as data (see ``base``).

Every module of ``disclosures/layouts/declarations/`` declares one ``LAYOUT``; adding a jurisdiction's
document is adding such a module and its template folder, nothing else. A disclosure records its
layout's key when it is created (``Disclosure.layout``), so a published document never changes when
a newer layout arrives; a new disclosure gets the newest layout of its department's jurisdiction, kind
and year (``layout_for``).
"""

import importlib
import pkgutil
from functools import cache

from disclosures.choices import Kind
from disclosures.layouts import declarations
from disclosures.layouts.base import (
    OPERATING_COSTS_OF_AGENCIES,
    OPERATING_COSTS_OF_EVERY_UNIT,
    SHARE_OF_EXPENDITURE,
    SHARE_OF_GENERAL_BUDGET,
    GlossaryEntry,
    Layout,
    PartSpec,
    Rules,
    SectionSpec,
)

DEFAULT_LAYOUT_KEY = "liuzhou-2025"
# A 决算 of a jurisdiction without a 决算 layout of its own gets this one.
DEFAULT_FINAL_LAYOUT_KEY = "national-final-2021"


class UnknownLayout(KeyError):
    """No layout is declared under this key."""


@cache
def registry() -> dict[str, Layout]:
    """Every declared layout by key, in the order of their modules."""
    found: dict[str, Layout] = {}
    for module in sorted(pkgutil.iter_modules(declarations.__path__), key=lambda module: module.name):
        layout = importlib.import_module(f"{declarations.__name__}.{module.name}").LAYOUT
        if layout.key in found:
            raise ValueError(f"two layouts are declared as {layout.key!r}")
        found[layout.key] = layout
    return found


def get_layout(key: str) -> Layout:
    try:
        return registry()[key]
    except KeyError:
        raise UnknownLayout(key) from None


def is_layout(key: str) -> bool:
    return key in registry()


def layout_for(jurisdiction: str, kind: str, year: int) -> Layout:
    """The jurisdiction's newest layout of ``kind`` in force in ``year``; the default layout otherwise."""
    candidates = [
        layout
        for layout in registry().values()
        if layout.jurisdiction == jurisdiction and layout.kind == kind and layout.first_year <= year
    ]
    if not candidates:  # a year before the jurisdiction's first layout: its oldest one of the kind
        candidates = [
            layout for layout in registry().values() if layout.jurisdiction == jurisdiction and layout.kind == kind
        ]
        if candidates:
            return min(candidates, key=lambda layout: layout.first_year)
    fallback = DEFAULT_FINAL_LAYOUT_KEY if kind == Kind.FINAL else DEFAULT_LAYOUT_KEY
    return max(candidates, key=lambda layout: layout.first_year, default=None) or get_layout(fallback)


def layout_of_data(data) -> Layout:
    """The layout a disclosure's data is written in: its recorded one, else its jurisdiction's for its year."""
    if data.layout and is_layout(data.layout):
        return get_layout(data.layout)
    return layout_for(data.jurisdiction_code, data.kind, data.year)


def layout_choices(kind: str) -> list[tuple[str, str]]:
    """(key, name) of every layout of ``kind``, for the reviewer's choice of a draft's layout."""
    return [(layout.key, layout.name) for layout in registry().values() if layout.kind == kind]


__all__ = [
    "DEFAULT_LAYOUT_KEY", "OPERATING_COSTS_OF_AGENCIES", "OPERATING_COSTS_OF_EVERY_UNIT", "SHARE_OF_EXPENDITURE",
    "SHARE_OF_GENERAL_BUDGET", "GlossaryEntry", "Layout", "PartSpec", "Rules", "SectionSpec", "UnknownLayout",
    "get_layout", "is_layout", "layout_choices", "layout_for", "layout_of_data", "registry",
]  # fmt: skip
