"""Finding a table in an uploaded sheet: its header, the unit its amounts are in, its rows.

The header is looked for, not assumed at a fixed row, so a title line more or less does not matter;
its labels must then be the declared ones, column by column, because columns are read by position.
Rows are read down to the notes under the table; the sheet's "单位：元" line, when it says so, makes
the amounts 元 instead of 万元.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from disclosures.excel.cells import CellReader, Place, is_blank, normal, plain
from disclosures.excel.reading import SheetValues
from disclosures.money import WAN, YUAN
from disclosures.tables.declaration import Column, HeaderCell

HEADER_SEARCH_ROWS = 20
UNIT_STATEMENT = re.compile(r"单位\s*[:：]\s*(万元|元)")
NOTE_PREFIXES = ("注：", "注:", "说明：", "说明:", "填报：")


@dataclass
class TableRow:
    number: int  # the Excel row number
    cells: dict[str, object]  # column key → value

    def text(self, key: str) -> str:
        return plain(self.cells.get(key))

    def is_blank(self, keys) -> bool:
        return all(is_blank(self.cells.get(key)) for key in keys)


@dataclass
class Table:
    unit: str  # WAN or YUAN
    rows: list[TableRow]


class SheetReader:
    def __init__(self, sheet: SheetValues, cells: CellReader):
        self.sheet = sheet
        self.name = sheet.name
        self.cells = cells

    def header(self, first_label: str) -> int | None:
        """The index of the row whose first cell is ``first_label``; reported when there is none."""
        for index, row in enumerate(self.sheet.rows[:HEADER_SEARCH_ROWS]):
            if row and normal(row[0]) == normal(first_label):
                return index
        self.cells.error(
            self.name, _("找不到表头（A列应有“%(label)s”）；请使用本平台导出的工作簿或模板") % {"label": first_label}
        )
        return None

    def amount_unit(self, before: int) -> str:
        """万元 unless a line above the header states "单位：元"."""
        for row in self.sheet.rows[:before]:
            for value in row:
                match = UNIT_STATEMENT.search(value) if isinstance(value, str) else None
                if match:
                    if match.group(1) == YUAN:
                        self.cells.warn(self.name, _("表头注明“单位：元”，金额按元读取"))
                    return match.group(1)
        return WAN

    def rows(self, columns: list[Column], start: int, *, notes: bool = True) -> list[TableRow]:
        """Rows from index ``start`` (down to the notes under a table), blank rows included."""
        width = len(columns)
        rows = []
        warned = False
        for index, values in enumerate(self.sheet.rows[start:], start=start + 1):
            if notes and values and plain(values[0]).startswith(NOTE_PREFIXES):
                break
            extra = [column for column, value in enumerate(values) if column >= width and not is_blank(value)]
            if extra and not warned:
                self.cells.warn(Place(self.name, index, extra[0]), _("表格右侧的内容不属于本表，未读取"))
                warned = True
            cells = {column.key: values[i] if i < len(values) else None for i, column in enumerate(columns)}
            rows.append(TableRow(index, cells))
        return rows

    def table(self, header_rows: list[list[HeaderCell]], columns: list[Column]) -> Table | None:
        """The table under a header that must be exactly ``header_rows``; None (reported) otherwise."""
        start = self.header(header_rows[0][0].label)
        if start is None:
            return None
        fits = True
        for level, header_cells in enumerate(header_rows):
            row = self.sheet.rows[start + level] if start + level < len(self.sheet.rows) else ()
            for header in header_cells:
                found = row[header.column] if header.column < len(row) else None
                if normal(found) != normal(header.label):
                    self.cells.error(
                        Place(self.name, start + level + 1, header.column),
                        _("表头应为“%(expected)s”，实际为“%(found)s”；请不要插入、删除或移动列")
                        % {"expected": header.label, "found": plain(found)},
                    )
                    fits = False
        if not fits:
            return None
        return Table(self.amount_unit(start), self.rows(columns, start + len(header_rows)))
