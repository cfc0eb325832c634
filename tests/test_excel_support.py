"""Helpers shared by the Excel tests: editing a workbook as a unit (or a broken program) would.

This module holds no tests of its own; the test_excel_* modules import from it.
"""

import zipfile
from io import BytesIO

from openpyxl import load_workbook

from disclosures.excel.layout import SheetLayout, sheet_layouts
from disclosures.snapshot import load
from tests.tables import LIUZHOU


def edited(raw: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    """The workbook with cells set, e.g. {("预算公开06表", "D12"): "abc"}, saved as a spreadsheet program would."""
    workbook = load_workbook(BytesIO(raw))
    for (sheet, coordinate), value in changes.items():
        workbook[sheet][coordinate].value = value
    return saved(workbook)


def saved(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def opened(raw: bytes):
    return load_workbook(BytesIO(raw))


def letter(number: int, key: str) -> str:
    """The column letter of a table's column, by its key in the layout."""
    layout: SheetLayout = sheet_layouts(LIUZHOU)[LIUZHOU.by_number(number).key]
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[layout.column_index(key)]


def row_of(raw: bytes, sheet: str, column: str, value: str) -> int:
    """The first row whose cell in ``column`` holds ``value``."""
    worksheet = opened(raw)[sheet]
    for cell in worksheet[column]:
        if cell.value == value:
            return cell.row
    raise AssertionError(f"{value} not found in {sheet} column {column}")


def content(disclosure):
    """The disclosure's content as stored, read fresh from the database."""
    disclosure.refresh_from_db()
    return load(disclosure)


def rezipped(raw: bytes, member: str, transform) -> bytes:
    """The workbook with one zip member's text rewritten, for files no spreadsheet library would write."""
    source = zipfile.ZipFile(BytesIO(raw))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = transform(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return buffer.getvalue()


def sheet_member(raw: bytes, sheet: str) -> str:
    """The zip member holding a sheet (sheetN.xml in the workbook's order)."""
    return f"xl/worksheets/sheet{opened(raw).sheetnames.index(sheet) + 1}.xml"
