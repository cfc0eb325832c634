"""Changing a disclosure from the workspace: start a year's draft, save one table, import an upload.

Every change bumps ``Disclosure.lock_version``; a page that spans the whole disclosure names the version
it was based on and is refused when someone saved in between (optimistic locking). A table page is
locked per table: its save names the rows it was based on and is refused only when someone else changed
one of those rows (disclosures.table_conflicts), so that nobody silently overwrites another person's work
while two people can fill two tables at once. A save writes only the rows of its table that changed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode
from disclosures.choices import Kind
from disclosures.models import Disclosure
from disclosures.services import import_disclosure, layout_for_unit
from disclosures.snapshot import DisclosureData, code_book, load
from disclosures.table_conflicts import ConflictingRow, conflicting_rows, table_base, with_content
from disclosures.table_writers import WRITERS, BasicContent
from units.models import Unit

__all__ = [
    "BasicContent", "EditConflict", "EditRefused", "TableConflict", "import_upload", "save_table", "start_draft",
]  # fmt: skip


class EditRefused(Exception):
    """The change is not allowed as asked; the message says why."""


class EditConflict(EditRefused):
    """Someone saved the disclosure after the editor read it."""

    def __init__(self, current_lock_version: int):
        self.current_lock_version = current_lock_version
        super().__init__(
            _("保存失败：在您打开本页之后，其他人已保存过本单位的数据。您的输入仍保留在页面上，请核对后再次保存。")
        )


class TableConflict(EditRefused):
    """Someone else changed rows of the table since the page was read; ``rows`` are those the save would undo."""

    def __init__(self, rows: list[ConflictingRow], current_base: str):
        self.rows = rows
        self.current_base = current_base
        super().__init__(
            _(
                "保存冲突：在您打开本页之后，其他人已保存了本表，其中%(count)d行与您的输入不同。"
                "请对照下面双方的值：采用对方的值，或确认用您的值覆盖。您的输入仍保留在页面上。"
            )
            % {"count": len(rows)}
        )


def claim_for_edit(disclosure: Disclosure, expected_lock_version: int | None = None) -> Disclosure:
    """Take the right to change the disclosure's content in the current transaction; returns it as stored now.

    Raises EditConflict when it was saved after ``expected_lock_version`` was read (the conditional update
    is the lock: of two saves based on the same version, one matches), EditRefused when it is not editable.
    Without a version the update only queues this change behind any other one in progress.
    """
    claiming = Disclosure.objects.filter(pk=disclosure.pk)
    if expected_lock_version is not None:
        claiming = claiming.filter(lock_version=expected_lock_version)
    claimed = claiming.update(lock_version=F("lock_version") + 1)
    current = Disclosure.objects.select_related("unit__department__jurisdiction").get(pk=disclosure.pk)
    if not current.is_editable:
        raise EditRefused(_("本公开材料当前状态为“%(status)s”，不能修改。") % {"status": current.get_status_display()})
    if not claimed:
        raise EditConflict(current.lock_version)
    return current


def save_table(
    disclosure: Disclosure,
    table: str,
    content,
    *,
    based_on: str,
    entry_unit: str | None = None,
    book: dict | None = None,
) -> Disclosure:
    """Make entered table ``table`` (its key) hold ``content``, in one transaction; returns the saved disclosure.

    ``based_on`` is the table_base of the rows the page showed. Raises TableConflict when someone else
    changed rows since that this save would set otherwise, and EditRefused when the disclosure is no longer
    editable (submitted, approved or published). Other tables stay exactly as stored. Codes must exist in
    the year's catalog (the entry forms check them).
    """
    write = WRITERS[table]
    with transaction.atomic():
        current = claim_for_edit(disclosure)
        book = code_book(current.year) if book is None else book
        stored = load(current)
        current_base = table_base(table, stored, book)
        if current_base != based_on:
            rows = conflicting_rows(table, based_on, stored, with_content(stored, table, content), book)
            if rows:
                raise TableConflict(rows, current_base)
        write(current, content, book)
        if entry_unit and entry_unit != current.entry_unit:
            Disclosure.objects.filter(pk=current.pk).update(entry_unit=entry_unit)
            current.entry_unit = entry_unit
    return current


@transaction.atomic
def import_upload(disclosure: Disclosure, data: DisclosureData, *, replace: bool) -> Disclosure:
    """Import an uploaded document into the page's disclosure; the document must be for that unit and year."""
    expected = (disclosure.unit.code, disclosure.year, disclosure.kind)
    if (data.unit_code, data.year, data.kind) != expected:
        raise EditRefused(
            _(
                "上传的文件是%(unit)s %(year)d年%(kind)s的数据，"
                "与本页（%(page_unit)s %(page_year)d年%(page_kind)s）不符，未导入。"
            )
            % {
                "unit": data.unit_code,
                "year": data.year,
                "kind": Kind(data.kind).label,
                "page_unit": disclosure.unit.code,
                "page_year": disclosure.year,
                "page_kind": disclosure.get_kind_display(),
            }
        )
    return import_disclosure(data=data, replace=replace)


def _already_started(unit: Unit, year: int) -> EditRefused:
    return EditRefused(_("%(unit)s %(year)d年已有公开材料，不能重复新建。") % {"unit": unit.code, "year": year})


def start_draft(*, unit: Unit, year: int, kind: str = Kind.BUDGET) -> Disclosure:
    """Create an empty draft for a year in which the unit has no disclosure at all."""
    if Disclosure.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise _already_started(unit, year)
    if not ClassificationCode.objects.filter(year=year).exists():
        raise EditRefused(_("%(year)d年的分类科目目录尚未导入，请先联系财政部门导入该年度目录。") % {"year": year})
    disclosure = Disclosure(unit=unit, year=year, kind=kind, layout=layout_for_unit(unit, year, kind))
    try:
        with transaction.atomic():
            disclosure.full_clean()
            disclosure.save()
    except IntegrityError as exc:  # started by someone else at the same moment
        raise _already_started(unit, year) from exc
    except ValidationError as exc:
        raise EditRefused("；".join(exc.messages)) from exc
    return disclosure
