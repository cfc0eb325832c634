"""What an uploaded workbook holds, counted before openpyxl parses it: sheets, cells and XML elements.

openpyxl's cost grows with the XML it parses, one Python step per element, and a few kilobytes of a
zip can expand into millions of cells (an 88 KB file once held a worker for 40 s). Counting costs
only a decompression and a byte scan, so the workbook is refused when it holds far more than any
disclosure needs (the largest sheets of a real disclosure hold a few thousand cells). With these
limits no accepted file costs more than about a second of CPU (``manage.py bench_untrusted``).
"""

import re
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_SHEETS = 50
MAX_CELLS = 100_000  # every <c> element of every worksheet
MAX_ELEMENTS = 600_000  # every XML element of every part (a cell is 2 to 4 of them)
CHUNK = 1024 * 1024
_SHEET = re.compile(rb"<(?:\w+:)?sheet\s")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


@dataclass
class Markup:
    sheets: int = 0
    cells: int = 0
    elements: int = 0

    def problems(self) -> list[str]:
        found = []
        if self.sheets > MAX_SHEETS:
            found.append(_("工作簿有%(count)d张工作表，超过上限%(limit)d张。") % {"count": self.sheets,
                                                                                 "limit": MAX_SHEETS})  # fmt: skip
        if self.cells > MAX_CELLS:
            found.append(_("工作簿共有%(count)d个单元格，超过上限%(limit)d个（可能是异常文件）。")
                         % {"count": self.cells, "limit": MAX_CELLS})  # fmt: skip
        if self.elements > MAX_ELEMENTS:
            found.append(_("工作簿的内容结构过于庞大（%(count)d个XML元素，上限%(limit)d个），已拒绝（可能是异常文件）。")
                         % {"count": self.elements, "limit": MAX_ELEMENTS})  # fmt: skip
        return found


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, markup: Markup) -> None:
    is_sheet = bool(_WORKSHEET.fullmatch(member.filename))
    pattern = _CELL if is_sheet else _SHEET if member.filename == "xl/workbook.xml" else None
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            markup.elements += chunk.count(b"<")
            if pattern is not None:
                # A tag split between two chunks is counted once: with the chunk in which it ends.
                window = tail + chunk
                found = sum(1 for match in pattern.finditer(window) if match.end() > len(tail))
                if is_sheet:
                    markup.cells += found
                else:
                    markup.sheets += found
                tail = chunk[-16:]
            if markup.problems():
                return


def count_markup(archive: zipfile.ZipFile) -> Markup:
    """The counts, stopping as soon as one is over its limit; raises zipfile.BadZipFile on a damaged member."""
    markup = Markup()
    for member in archive.infolist():
        try:
            _scan(archive, member, markup)
        except (zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise zipfile.BadZipFile(str(exc)) from exc
        if markup.problems():
            break
    return markup
