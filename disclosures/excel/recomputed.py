"""Grey cells that disagree with the recomputed figures: a warning that what was typed there is not imported.

A unit that overwrites a 合计 instead of its parts would otherwise see its figure silently replaced.
The sheet's non-blank rows are matched one to one with the rows the export would write for the
imported data; when their numbers differ (rows added or removed) the comparison is skipped.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from disclosures.excel.cells import CellReader, Place, plain
from disclosures.excel.export import sheet_rows
from disclosures.excel.layout import SheetLayout
from disclosures.excel.sheets import Table
from disclosures.money import CENT, TEN_THOUSAND, YUAN, wan_2dp
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names, build_table
from disclosures.tables.declaration import AMOUNT


def warn_recomputed(
    tables: dict[str, Table],
    data: DisclosureData,
    book: dict,
    cells: CellReader,
    layouts: dict[str, SheetLayout],
    before: DisclosureData | None = None,
) -> None:
    """One line about the grey cells whose figure differs from the recomputed one, if any.

    A grey cell that still holds what the portal computed from the data stored ``before`` the import (the
    workbook it exported, with some entered figure changed since) is no difference: its parts changed,
    and it follows them. Only figures someone typed over a grey cell are reported.
    """
    names = Names(book)
    differences = []
    for key, table in tables.items():
        layout = layouts[key]
        # A row is there by its labels and entries: a blank row of the template still has its grey totals.
        keys = [column.key for column in layout.columns if column.kind != AMOUNT or column.key in layout.entry_keys]
        found = [row for row in table.rows if not row.is_blank(keys)]
        expected = _expected(layout, data, book, names, len(found))
        if expected is None:
            continue
        exported = _expected(layout, before, book, names, len(found)) if before is not None else None
        for position, (row, wanted) in enumerate(zip(found, expected, strict=True)):
            for index, column in enumerate(layout.columns):
                computed = wanted.cells.get(column.key)
                if column.kind != AMOUNT or column.key in wanted.entered or not isinstance(computed, Decimal):
                    continue
                typed = _typed_wan(row.cells[column.key], table.unit)
                if typed is None or typed == wan_2dp(computed):
                    continue
                stale = exported[position].cells.get(column.key) if exported is not None else None
                if isinstance(stale, Decimal) and typed == wan_2dp(stale):
                    continue
                differences.append((Place(layout.sheet_name, row.number, index), typed, wan_2dp(computed)))
    if not differences:
        return
    where, typed, computed = differences[0]
    figures = {"found": f"{typed:.2f}", "computed": f"{computed:.2f}"}
    message = _("表中为%(found)s，按填报数据自动计算为%(computed)s") % figures
    if len(differences) > 1:
        sheets = "、".join(dict.fromkeys(place.sheet for place, _typed, _computed in differences))
        message += _("；另有%(count)d个灰色单元格与计算数不同（%(sheets)s）") % {
            "count": len(differences) - 1,
            "sheets": sheets,
        }
    cells.warn(where, message + _("；灰色单元格不导入，以计算数为准"))


def _expected(layout: SheetLayout, data: DisclosureData, book: dict, names: Names, rows: int):
    """The rows the export writes for ``data``; None when their number differs from the sheet's (no comparison)."""
    expected = sheet_rows(layout, build_table(layout.spec, data, book), data, names, template=False)
    return expected if len(expected) == rows else None


def _typed_wan(value, unit: str) -> Decimal | None:
    """A number typed in a grey cell, in 万元 to the cent; None for anything else (blank, text)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        typed = Decimal(plain(value))
        if unit == YUAN:
            typed /= TEN_THOUSAND
        return typed.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # not finite, or too large to hold to the cent (1e308)
        return None
