"""Excel on a disclosure's page: download the blank template, upload a workbook, preview, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from disclosures.access import current_disclosure_or_404
from disclosures.choices import Kind
from disclosures.excel import pending
from disclosures.excel.diff import compare, totals
from disclosures.excel.importer import apply, content_digest
from disclosures.excel.template import template_bytes, template_file_name
from disclosures.formats import FORMATS
from disclosures.forms.excel import ConfirmImportForm, WorkbookUploadForm
from disclosures.models import Disclosure
from disclosures.services import DisclosureRefused
from disclosures.snapshot import code_book, load
from units.permissions import can_edit_unit_data

MAX_LISTED_ERRORS = 300


def may_import(user, disclosure: Disclosure) -> bool:
    """Only the unit's own accountants, and only while the disclosure may be changed."""
    return disclosure.is_editable and can_edit_unit_data(user, disclosure.unit)


def _importable(request, unit_code: str, year: int, kind: str) -> Disclosure:
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    if not may_import(request.user, disclosure):
        raise PermissionDenied
    return disclosure


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    allowed = may_import(request.user, disclosure)
    status = 200
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        form = WorkbookUploadForm(request.POST, request.FILES, disclosure=disclosure)
        if form.is_valid():
            token = pending.store(request.session, disclosure, form.cleaned_data["file"], request.FILES["file"].name)
            return redirect("disclosures:excel_preview", *disclosure.workspace_args, token)
        status = 400
    else:
        form = WorkbookUploadForm(disclosure=disclosure)
    errors = [*form.non_field_errors(), *form.errors.get("file", [])]
    context = {
        "disclosure": disclosure,
        "active_tab": "excel",
        "form": form if allowed else None,
        "may_edit": can_edit_unit_data(request.user, disclosure.unit),
        "errors": errors[:MAX_LISTED_ERRORS],
        "unlisted_errors": max(0, len(errors) - MAX_LISTED_ERRORS),
        "missing_codes": form.missing_codes,
        "xlsx": FORMATS["xlsx"],
    }
    return render(request, "disclosures/excel/upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preview(request, unit_code: str, year: int, token: str, kind: str = Kind.BUDGET):
    disclosure = _importable(request, unit_code, year, kind)
    waiting = pending.fetch(request.session, disclosure, token)
    if waiting is None:
        messages.error(request, _("这次上传的预览已失效（已导入、已被新的上传替换或会话已过期），请重新上传工作簿。"))
        return redirect("disclosures:excel_upload", *disclosure.workspace_args)
    if request.method == "POST":
        form = ConfirmImportForm(request.POST)
        if form.is_valid():
            try:
                apply(disclosure, waiting.data, **form.cleaned_data)
            except DisclosureRefused as exc:
                pending.discard(request.session, disclosure)
                messages.error(request, str(exc))
                return redirect("disclosures:excel_upload", *disclosure.workspace_args)
            pending.discard(request.session, disclosure)
            messages.success(request, _("已按工作簿“%(name)s”导入，报表和说明已更新。") % {"name": waiting.file_name})
            return redirect("disclosures:detail", *disclosure.workspace_args)
        messages.error(request, _("确认信息不完整，请重新确认。"))
    current = load(disclosure)
    sections = compare(current, waiting.data, code_book(disclosure.year))
    context = {
        "disclosure": disclosure,
        "active_tab": "excel",
        "waiting": waiting,
        "sections": sections,
        "changes": sum(section.count for section in sections),
        "totals": totals(current, waiting.data),
        "confirm_form": ConfirmImportForm(
            initial={"lock_version": disclosure.lock_version, "base": content_digest(current)}
        ),
    }
    return render(request, "disclosures/excel/preview.html", context)


@login_required
@require_GET
def template(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    disposition = content_disposition_header(True, template_file_name(disclosure))
    return HttpResponse(
        template_bytes(disclosure),
        content_type=FORMATS["xlsx"].content_type,
        headers={"Content-Disposition": disposition},
    )
