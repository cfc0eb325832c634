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

MAX_PER_SHEET = 10


def warn_recomputed(
    tables: dict[str, Table], data: DisclosureData, book: dict, cells: CellReader, layouts: dict[str, SheetLayout]
) -> None:
    names = Names(book)
    for key, table in tables.items():
        layout = layouts[key]
        expected = sheet_rows(layout, build_table(layout.spec, data, book), data, names, template=False)
        keys = [column.key for column in layout.columns]
        found = [row for row in table.rows if not row.is_blank(keys)]
        if len(found) != len(expected):
            continue
        differences = [
            (row.number, index, wan_2dp(wanted.cells[column.key]), typed)
            for row, wanted in zip(found, expected, strict=True)
            for index, column in enumerate(layout.columns)
            if column.kind == AMOUNT and column.key not in wanted.entered
            and isinstance(wanted.cells.get(column.key), Decimal)
            and (typed := _typed_wan(row.cells[column.key], table.unit)) is not None
            and typed != wan_2dp(wanted.cells[column.key])
        ]  # fmt: skip
        for row_number, index, computed, typed in differences[:MAX_PER_SHEET]:
            cells.warn(
                Place(layout.sheet_name, row_number, index),
                _("表中为%(found)s，按填报数据自动计算为%(computed)s；灰色单元格不导入，以计算数为准")
                % {"found": f"{typed:.2f}", "computed": f"{computed:.2f}"},
            )
        if len(differences) > MAX_PER_SHEET:
            cells.warn(
                layout.sheet_name,
                _("另有%(count)d个灰色单元格与计算数不同") % {"count": len(differences) - MAX_PER_SHEET},
            )


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
