"""Import a workbook: parse it into a DisclosureData without touching the content, then apply it.

Parsing (reading, info, entries) checks every entered cell and collects every problem with its
sheet, row and column; the workbook is rejected whole if there is any, so that the unit fixes
everything at once and nothing already saved is lost. Derived cells (grey in the workbook) are not
read: the tables are recomputed from what was entered. Harmless differences are tolerated: blank
rows, codes typed as numbers, amounts stated in 元, merged cells, hidden sheets, extra columns.

apply() replaces the disclosure's content in one transaction, and only while it is still the
content the preview was computed against.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from disclosures.choices import Kind
from disclosures.excel.cells import CellReader
from disclosures.excel.entries import EntryReader
from disclosures.excel.final_figures import FIGURE_COLUMNS, FINAL_FIGURES_SHEET, read_figures
from disclosures.excel.info import adopt_identity, read_info
from disclosures.excel.layout import (
    FINAL_LINE_COLUMNS,
    FINAL_LINES_SHEET,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INFO_COLUMNS,
    INFO_SHEET,
    sheet_layouts,
)
from disclosures.excel.reading import WorkbookError, read_workbook
from disclosures.excel.recomputed import warn_recomputed
from disclosures.final_accounts import linked_budget
from disclosures.interchange import dumps
from disclosures.layouts import layout_of_data, registry
from disclosures.models import Disclosure
from disclosures.services import DisclosureRefused
from disclosures.snapshot import DisclosureData, code_book, load, replace_content

FIXED_SHEETS = {
    INDICATOR_SHEET: len(INDICATOR_COLUMNS),
    INFO_SHEET: len(INFO_COLUMNS),
    FINAL_LINES_SHEET: len(FINAL_LINE_COLUMNS),  # a 决算's only
    FINAL_FIGURES_SHEET: len(FIGURE_COLUMNS),  # a 决算's only
}


def _sheets_of_every_layout() -> tuple[dict[str, int], set[str]]:
    """The sheets any layout's import reads, with their widest width, and every sheet a layout writes.

    Which layout a workbook is in is known only once its 说明与其他 sheet is read, so every sheet that
    some layout reads is read (purely derived tables are recomputed, not read)."""
    read, known = dict(FIXED_SHEETS), set(FIXED_SHEETS)
    for layout in registry().values():
        for sheet in sheet_layouts(layout.tables).values():
            known.add(sheet.sheet_name)
            if sheet.is_read:
                read[sheet.sheet_name] = max(read.get(sheet.sheet_name, 0), len(sheet.columns))
    return read, known


@dataclass
class ParsedWorkbook:
    data: DisclosureData
    warnings: list[str] = field(default_factory=list)


def parse_workbook(raw: bytes, *, disclosure: Disclosure | None = None) -> ParsedWorkbook:
    """Parse and check a workbook; raises WorkbookError listing every problem with its place.

    With ``disclosure`` the workbook must be its unit's, year's and kind's, and the unit's names
    are the portal's; without it (the command line) the workbook says which unit it is.
    """
    readable, known = _sheets_of_every_layout()
    values = read_workbook(raw, readable)
    cells = CellReader()
    for name in values.other_sheets:
        if name.strip() not in known:
            cells.warn(name, _("不是本平台的工作表，未读取"))
    _check_sheets(values, [INFO_SHEET], cells)
    data = read_info(values.sheets.get(INFO_SHEET), cells, disclosure)
    if data is not None:
        layouts = sheet_layouts(layout_of_data(data).tables)
        own = [FINAL_LINES_SHEET, FINAL_FIGURES_SHEET] if data.kind == Kind.FINAL else []
        _check_sheets(
            values, [*(sheet.sheet_name for sheet in layouts.values() if sheet.is_read), INDICATOR_SHEET, *own], cells
        )
        book = code_book(data.year)
        entries = EntryReader(values.sheets, cells, data, book, layouts)
        entries.read()
        if data.kind == Kind.FINAL:
            read_figures(values.sheets.get(FINAL_FIGURES_SHEET), cells, data)
        if not cells.errors:
            before = load(disclosure) if disclosure is not None else None
            warn_recomputed(entries.tables, data, book, cells, layouts, before)
    if data is None:
        raise WorkbookError(cells.errors)
    if cells.errors:
        raise WorkbookError(cells.errors, missing_codes=entries.codes.missing)
    if disclosure is not None:
        data = linked_budget(disclosure, data)  # a linked 决算's 年初预算数 are its budget's, whatever is typed
    return ParsedWorkbook(data, cells.warnings)


def _check_sheets(values, names: list[str], cells: CellReader) -> None:
    """Each sheet the import reads is there, within its limits; a hidden one is read with a warning."""
    for name in names:
        sheet = values.sheets.get(name)
        if sheet is None:
            cells.error(name, _("工作簿中缺少这张工作表；请使用本平台导出的工作簿或模板"))
        elif sheet.too_long:
            cells.error(name, _("行数超过上限，未读取"))
            del values.sheets[name]
        elif sheet.hidden:
            cells.warn(name, _("工作表是隐藏的，仍已读取"))


def content_digest(data: DisclosureData) -> str:
    """A fingerprint of a disclosure's content, to tell whether it changed since a preview."""
    return hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()


@transaction.atomic
def apply(disclosure: Disclosure, data: DisclosureData, *, lock_version: int, base: str) -> Disclosure:
    """Replace the disclosure's content with an imported workbook's, if nothing changed since the preview.

    ``lock_version`` and ``base`` (the content_digest of the content the preview compared against)
    must both still match, so that the changes applied are exactly the changes the unit saw.
    """
    # The conditional update is the lock: of two confirmations of the same preview, one matches.
    claimed = Disclosure.objects.filter(pk=disclosure.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1
    )
    current = Disclosure.objects.select_related("unit__department__jurisdiction").get(pk=disclosure.pk)
    if not current.is_editable:
        raise DisclosureRefused(
            _("本公开材料当前状态为“%(status)s”，不能导入修改。") % {"status": current.get_status_display()}
        )
    if not claimed or content_digest(load(current)) != base:
        raise DisclosureRefused(_("预览之后，本单位的数据已被修改；请重新上传工作簿，核对变更后再确认导入。"))
    replace_content(current, adopt_identity(data, current))
    return current
