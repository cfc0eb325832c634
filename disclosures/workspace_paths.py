"""The workspace URLs of a unit's disclosure, for each kind: a budget's at ``units/<unit>/<year>/…`` (as they
always were), its 决算's at the same paths with ``final/`` after the year.

Each page is declared once (``unit_paths``) and answers both; its view takes ``kind`` (the budget's when the
URL names none). ``Disclosure.workspace_args`` gives the arguments that name a disclosure's pages, so that
``reverse(name, args=[*disclosure.workspace_args, …])`` (or ``{% workspace_url %}`` in a template) reaches
the right kind without the caller knowing it.
"""

from django.urls import path, register_converter

from disclosures.choices import Kind

UNIT_YEAR = "units/<str:unit_code>/<int:year>/"


class FinalKindConverter:
    """``final`` in a URL: the 决算 of the unit and year (a budget's URL has no kind segment)."""

    regex = Kind.FINAL.value

    def to_python(self, value: str) -> str:
        return Kind.FINAL

    def to_url(self, value: str) -> str:
        if value != Kind.FINAL:
            raise ValueError(value)  # a budget is reversed without the segment
        return Kind.FINAL.value


register_converter(FinalKindConverter, "final_kind")


def workspace_args(unit_code: str, year: int, kind: str) -> tuple:
    """The arguments naming a unit's disclosure of ``kind`` in these URLs; a page's own arguments follow."""
    return (unit_code, year, Kind.FINAL.value) if kind == Kind.FINAL else (unit_code, year)


def unit_paths(suffix: str, view, name: str) -> list:
    """The page at ``units/<unit>/<year>/<suffix>`` for a budget and at ``…/<year>/final/<suffix>`` for a 决算."""
    return [
        path(f"{UNIT_YEAR}{suffix}", view, name=name),
        path(f"{UNIT_YEAR}<final_kind:kind>/{suffix}", view, name=name),
    ]
