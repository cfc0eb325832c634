"""Reading a catalog file (CSV or XLSX) into (line, code, name) entries, without the database.

Finance bureaus receive the official catalog as a spreadsheet with a title block above the
header; the header is found by its labels (科目编码/科目名称 or code/name), extra columns are
ignored, and a code typed as a number is read as its digits.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

CODE_HEADERS = {"科目编码", "编码", "code", "科目代码"}
NAME_HEADERS = {"科目名称", "名称", "name"}
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class CatalogEntry:
    line: int
    code: str
    name: str


class CatalogFileError(Exception):
    """The file cannot be read as a catalog at all (not the content of one row)."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def _normalise_code(text: str) -> str:
    return "".join(text.split())


def _normalise_name(text: str) -> str:
    return text.replace("\u3000", " ").strip()


def _entries_from_rows(rows) -> list[CatalogEntry]:
    code_col = name_col = None
    entries: list[CatalogEntry] = []
    for line, row in enumerate(rows, start=1):
        cells = [_cell_text(value).strip() for value in row]
        if code_col is None:
            labels = [cell.lower() for cell in cells]
            code_col = next((i for i, label in enumerate(labels) if label in CODE_HEADERS), None)
            name_col = next((i for i, label in enumerate(labels) if label in NAME_HEADERS), None)
            if code_col is None or name_col is None:
                code_col = name_col = None
                if line >= HEADER_SEARCH_ROWS:
                    break
            continue
        code = _normalise_code(cells[code_col]) if code_col < len(cells) else ""
        name = _normalise_name(cells[name_col]) if name_col < len(cells) else ""
        if not code and not name:
            continue
        entries.append(CatalogEntry(line=line, code=code, name=name))
    if code_col is None:
        raise CatalogFileError(_("找不到表头：需要“科目编码”和“科目名称”两列（或 code 和 name）。"))
    return entries


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogFileError(_("无法识别文件编码：请保存为 UTF-8 或 GBK 编码的 CSV 文件。"))


def read_catalog(data: bytes, filename: str) -> list[CatalogEntry]:
    """Parse a CSV or XLSX catalog from its bytes; raises CatalogFileError for an unreadable file."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise CatalogFileError(_("无法读取 Excel 文件：%(error)s") % {"error": exc}) from exc
        try:
            sheet = workbook.worksheets[0]
            return _entries_from_rows(sheet.iter_rows(values_only=True))
        finally:
            workbook.close()
    if filename.lower().endswith(".csv"):
        return _entries_from_rows(csv.reader(io.StringIO(_decode(data))))
    raise CatalogFileError(_("只支持 CSV 或 XLSX 文件。"))
