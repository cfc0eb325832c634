"""The table tabs of a disclosure, one per table of its layout, numbered as the layout numbers them:
entered tables as editable grids, derived ones computed and read-only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode, Scheme
from disclosures.access import current_disclosure_or_404
from disclosures.choices import Kind
from disclosures.completion import overview
from disclosures.editing import EditRefused, TableConflict, save_table
from disclosures.forms.entry import code_from_text
from disclosures.forms.entry_editor import PastingEditor
from disclosures.forms.entry_final import entry_page, sheet_editor
from disclosures.layouts import get_layout
from disclosures.save_effects import SaveEffect, saved_message
from disclosures.snapshot import code_book, load, load_previous
from disclosures.table_conflicts import with_content
from disclosures.tables.builders import BuiltTable
from disclosures.tables.declaration import AMOUNT, ROUNDING_NOTE
from disclosures.views.hub import linked
from units.permissions import can_edit_unit_data

SEARCH_LIMIT = 20


@login_required
def table(request, unit_code: str, year: int, number: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    table_spec = get_layout(disclosure.layout).tables.by_number(number)
    if table_spec is None:
        raise Http404
    page = entry_page(disclosure, table_spec)
    may_edit = can_edit_unit_data(request.user, disclosure.unit)
    posted = request.method == "POST"
    if posted and not (may_edit and page.sheet):
        raise PermissionDenied
    data, book = load(disclosure), code_book(disclosure.year)
    editor = None
    if page.sheet and may_edit and (disclosure.is_editable or posted):
        editor = sheet_editor(
            page.sheet, disclosure=disclosure, data=data, book=book, post=request.POST if posted else None
        )
    problems: list[str] = []
    status, conflict = 200, None
    if posted and request.POST.get("action") == "paste":
        if not isinstance(editor, PastingEditor):  # table 1 has one figure per row: no block to paste
            raise BadRequest
        editor = editor.with_paste(request.POST.get("paste", ""), replace=bool(request.POST.get("paste_replace")))
        messages.info(request, _("已从粘贴的内容读入%(count)d行，核对无误后请点击“保存”。") % {"count": editor.pasted})
        problems = editor.errors() if editor.pasted and not editor.is_valid() else []
    elif posted:
        problems, status, conflict = _save(editor, disclosure, overwrite=request.POST.get("action") == "overwrite")
        if not problems and conflict is None:
            effect = SaveEffect.of(data, with_content(data, editor.table.key, editor.content()), book,
                                   load_previous(disclosure))  # fmt: skip
            message = saved_message(disclosure, table_spec.code, effect)
            (messages.warning if effect.errors else messages.success)(request, message)
            return redirect("disclosures:table", *disclosure.workspace_args, number)
    summary = overview(disclosure, data=data, book=book)
    built = summary.tables[number - 1]
    context = {
        "disclosure": disclosure,
        "active_tab": "tables",
        "overview": summary,
        "spec": table_spec,
        "sheet": page.sheet,
        "host": page.host,
        "built": built,
        "printed": printed_rows(built),
        "tab": summary.completion[number - 1],
        "editor": editor,
        "problems": problems,
        "conflict": conflict,
        "findings": linked(disclosure, [finding for finding in summary.findings if finding.table == table_spec.key]),
        "may_edit": may_edit,
        "rounding_note": ROUNDING_NOTE,
        "search_url": reverse("disclosures:code_search", args=[disclosure.year]),
    }
    return render(request, "disclosures/table.html", context, status=status)


def printed_rows(built: BuiltTable) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Each row's kind and its cells as printed, each with whether it is an amount (right-aligned)."""
    leaves = built.spec.leaves
    return [
        (row.kind, [(text, leaf.kind == AMOUNT) for leaf, text in zip(leaves, cells, strict=True)])
        for row, cells in built.display_rows()
    ]


def _save(editor, disclosure, *, overwrite: bool) -> tuple[list[str], int, TableConflict | None]:
    """Save the posted table; returns the problems to show (none when saved), the page's status and the
    conflict with someone else's save, if that is why it was refused."""
    if not editor.is_valid():
        return editor.errors(), 200, None
    try:
        save_table(
            disclosure,
            editor.table.key,
            editor.content(),
            based_on=editor.based_on(overwrite=overwrite),
            entry_unit=editor.unit,
            book=editor.book,
        )
    except TableConflict as conflict:
        editor.offer_overwrite(conflict.current_base)
        return [], 409, conflict
    except EditRefused as refused:
        return [str(refused)], 409, None
    return [], 200, None


@login_required
def code_search(request, year: int):
    """Catalog codes of a year whose code starts with, or whose name contains, what the user typed."""
    scheme = request.GET.get("scheme", "")
    if scheme not in Scheme.values:
        return JsonResponse({"error": _("未知的分类：%(scheme)s") % {"scheme": scheme}}, status=400)
    codes = ClassificationCode.objects.for_year(scheme, year).select_related("parent__parent")
    level = request.GET.get("level", "")
    if level:
        if not (level.isascii() and level.isdigit()):
            return JsonResponse({"error": _("级次应为数字")}, status=400)
        codes = codes.filter(level=int(level))
    typed = request.GET.get("q", "").strip()[:100]
    term = code_from_text(typed) if typed[:1].isdigit() else typed
    found = list(codes.search(term).order_by("code")[: SEARCH_LIMIT + 1])
    results = [
        {
            "code": entry.code,
            "name": entry.name,
            "level": entry.level,
            "level_name": str(entry.level_name),
            "path": " / ".join(parent.name for parent in _parents(entry)),
            "verified": entry.verified,
        }
        for entry in found[:SEARCH_LIMIT]
    ]
    return JsonResponse({"results": results, "more": len(found) > SEARCH_LIMIT})


def _parents(entry: ClassificationCode) -> list[ClassificationCode]:
    parents = []
    parent = entry.parent
    while parent is not None and len(parents) < 2:
        parents.insert(0, parent)
        parent = parent.parent
    return parents
