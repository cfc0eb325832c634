"""Open an uploaded workbook without trusting it, and hand back plain cell values.

Before openpyxl sees the file: the size limit, that it is an .xlsx at all (an old .xls, an
encrypted workbook or a renamed file is refused with a message that says so), and the total
uncompressed size of its zip members (a zip bomb expands a few kilobytes into gigabytes; Python's
zipfile never returns more than a member's declared size, so checking the declared sizes is enough).
openpyxl then reads in read-only mode only the sheets the import needs, and only as many rows and
columns as a table can have. Formulas are never evaluated: a formula's value is the one the
spreadsheet program cached when it saved the file, and a formula without one is reported as such.
"""

import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from disclosures.excel.markup import count_markup
from disclosures.interchange import InterchangeError

MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_ROWS = 10000
EXTRA_COLUMNS = 8  # read a few columns past a table, to warn that what is typed there is not imported
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx encrypted with a password


class WorkbookError(InterchangeError):
    """A rejected workbook: every problem found, each with its sheet, row and column."""


@dataclass(frozen=True)
class UncachedFormula:
    """A formula whose result the file does not hold (it was never opened and saved in a spreadsheet program)."""

    formula: str


@dataclass
class SheetValues:
    name: str
    rows: list[tuple] = field(default_factory=list)  # rows[0] is Excel row 1; trailing blank rows dropped
    hidden: bool = False
    too_long: bool = False


@dataclass
class WorkbookValues:
    sheets: dict[str, SheetValues]
    other_sheets: list[str]


def check_container(raw: bytes) -> None:
    """Refuse what is too big, not an .xlsx, or expands to far more than it weighs."""
    limit = settings.UPLOAD_MAX_BYTES
    if len(raw) > limit:
        raise WorkbookError(
            [
                _("文件大小为%(size)s，超过上限%(limit)s。")
                % {"size": filesizeformat(len(raw)), "limit": filesizeformat(limit)}
            ]
        )
    if raw.startswith(OLE_SIGNATURE):
        raise WorkbookError(
            [
                _(
                    "这是旧版Excel（.xls）文件或设置了打开密码的工作簿；请在Excel中另存为不加密的“Excel工作簿（*.xlsx）”后再上传。"
                )
            ]
        )
    not_xlsx = WorkbookError([_("文件不是Excel工作簿（.xlsx），或者已经损坏。")])
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise not_xlsx
            expanded = sum(member.file_size for member in members)
            if len(members) > MAX_MEMBERS or expanded > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookError(
                    [_("文件解压后达%(size)s，超过上限%(limit)s，已拒绝（可能是异常文件）。")
                     % {"size": filesizeformat(expanded), "limit": filesizeformat(MAX_UNCOMPRESSED_BYTES)}]
                )  # fmt: skip
            too_much = count_markup(archive).problems()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise not_xlsx from exc
    if too_much:
        raise WorkbookError(too_much)


def read_workbook(raw: bytes, widths: dict[str, int]) -> WorkbookValues:
    """The values of the sheets named in ``widths`` (name → number of columns of the table)."""
    check_container(raw)
    sheets, others, formulas = _read(raw, widths, data_only=False)
    if formulas:
        # Only files with formulas are read twice: the second pass gives the cached results.
        cached, _others, _formulas = _read(raw, {name: widths[name] for name in formulas}, data_only=True)
        for name, cells in formulas.items():
            rows = [list(row) for row in sheets[name].rows]
            for row, column in cells:
                value = cached[name].rows[row][column] if row < len(cached[name].rows) else None
                if value is not None:
                    rows[row][column] = value
            sheets[name].rows = [tuple(row) for row in rows]
    return WorkbookValues(sheets, others)


def _read(raw: bytes, widths: dict[str, int], *, data_only: bool):
    wanted = {name.strip(): name for name in widths}
    try:
        workbook = load_workbook(BytesIO(raw), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds of errors (KeyError, XML, zip) on a damaged file
        raise WorkbookError([_("文件不是有效的Excel工作簿，或者已经损坏，无法打开。")]) from exc
    sheets: dict[str, SheetValues] = {}
    others: list[str] = []
    formulas: dict[str, list[tuple[int, int]]] = {}
    try:
        for title in workbook.sheetnames:
            name = wanted.get(title.strip())
            if name is None:
                others.append(title)
                continue
            worksheet = workbook[title]
            if not hasattr(worksheet, "iter_rows"):
                raise WorkbookError([_("“%(sheet)s”不是普通工作表（可能是图表页）。") % {"sheet": title}])
            sheet, cells = _values(worksheet, widths[name] + EXTRA_COLUMNS)
            sheet.name = name
            sheets[name] = sheet
            if cells:
                formulas[name] = cells
    except WorkbookError:
        raise
    except Exception as exc:  # a damaged sheet part fails only when it is read
        raise WorkbookError([_("文件已经损坏，无法读取其中的工作表。")]) from exc
    finally:
        workbook.close()
    return sheets, others, formulas


def _values(worksheet, width: int) -> tuple[SheetValues, list[tuple[int, int]]]:
    rows: list[tuple] = []
    formulas: list[tuple[int, int]] = []
    for index, cells in enumerate(worksheet.iter_rows(max_row=MAX_ROWS + 1, max_col=width)):
        values = []
        for column, cell in enumerate(cells):
            if cell.data_type == "f":
                formulas.append((index, column))
                values.append(UncachedFormula(str(cell.value)))
            else:
                values.append(cell.value)
        rows.append(tuple(values))
    while rows and all(value is None or value == "" for value in rows[-1]):
        rows.pop()
    sheet = SheetValues(worksheet.title, rows, hidden=worksheet.sheet_state != "visible", too_long=len(rows) > MAX_ROWS)
    return sheet, formulas
