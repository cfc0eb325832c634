"""A disclosure's overview: status and layout, each table's completion, the check findings, download and upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from disclosures import services
from disclosures.access import current_disclosure_or_404
from disclosures.checks import Finding
from disclosures.choices import Kind
from disclosures.completion import overview
from disclosures.editing import EditRefused, import_upload, start_draft
from disclosures.final_accounts import create_from_budget
from disclosures.formats import FORMATS, exporter, file_name
from disclosures.forms.entry_final import sheet_host
from disclosures.forms.entry_hub import LayoutForm, StartDraftForm, UploadJsonForm
from disclosures.layouts import get_layout
from disclosures.models import Disclosure
from disclosures.rendering import is_final
from disclosures.rendering.limits import rendering_limited
from disclosures.rendering.preview_cache import preview_pdf
from disclosures.services import DisclosureRefused
from units.permissions import can_edit_unit_data, units_visible_to

TEXTS_PREFIX = "explanations."  # findings on the reasons a unit writes (e.g. a large change left unexplained)


def finding_url(disclosure: Disclosure, finding: Finding) -> str:
    """Where the unit fixes a finding: the page of the texts for a text, else its table's tab at the cell."""
    args = disclosure.workspace_args
    anchor = f"#{finding.field_anchor}" if finding.field else ""
    if not finding.table or finding.field.startswith(TEXTS_PREFIX):
        return reverse("disclosures:explanations", args=args) + anchor
    if finding.table_number:  # a table the disclosure's layout publishes
        return reverse("disclosures:table", args=[*args, finding.table_number]) + anchor
    host = sheet_host(disclosure, finding.table) if disclosure.kind == Kind.FINAL else None
    if host is not None:  # a 决算's lines or “三公” rows: the page they are typed on
        return reverse("disclosures:table", args=[*args, host.number]) + anchor
    return ""


def linked(disclosure: Disclosure, findings: list[Finding]) -> list[tuple[Finding, str]]:
    return [(finding, finding_url(disclosure, finding)) for finding in findings]


def _detail_page(request, disclosure: Disclosure, *, upload_form: UploadJsonForm | None = None, status: int = 200):
    summary = overview(disclosure)
    may_edit = can_edit_unit_data(request.user, disclosure.unit)
    context = {
        "disclosure": disclosure,
        "active_tab": "overview",
        "overview": summary,
        "errors": linked(disclosure, summary.errors),
        "warnings": linked(disclosure, summary.warnings),
        "formats": list(FORMATS.values()),
        "may_edit": may_edit,
        # A refused upload is shown with its errors even when the disclosure is not editable any more.
        "upload_form": upload_form or (UploadJsonForm() if may_edit and disclosure.is_editable else None),
        "layout": get_layout(disclosure.layout),
        "layout_form": LayoutForm(initial={"layout": disclosure.layout}, kind=disclosure.kind)
        if request.user.is_bureau_staff and disclosure.is_editable
        else None,
    }
    return render(request, "disclosures/detail.html", context, status=status)


@login_required
def detail(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    return _detail_page(request, current_disclosure_or_404(request.user, unit_code, year, kind=kind))


@login_required
@rendering_limited
def download(request, unit_code: str, year: int, fmt: str, kind: str = Kind.BUDGET):
    if fmt not in FORMATS:
        raise Http404
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    if fmt == "pdf":  # seconds to lay out: once per state of the content, shared by concurrent requests
        content = preview_pdf(disclosure, draft=not is_final(disclosure))
    else:
        content = exporter(fmt)(disclosure)
    headers = {
        "Content-Disposition": content_disposition_header(True, file_name(disclosure, fmt)),
        "Cache-Control": "private, no-store",  # a draft changes; never serve it from a cache
    }
    return HttpResponse(content, content_type=FORMATS[fmt].content_type, headers=headers)


@login_required
@require_POST
def upload_json(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    if not can_edit_unit_data(request.user, disclosure.unit):
        raise PermissionDenied
    form = UploadJsonForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            imported = import_upload(disclosure, form.cleaned_data["file"], replace=form.cleaned_data["replace"])
        except (EditRefused, DisclosureRefused) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已导入%(name)s，报表和文字已按文件更新。") % {"name": imported})
            for notice in form.cleaned_data["file"].import_warnings:
                messages.warning(request, notice)
            return redirect("disclosures:detail", *imported.workspace_args)
    return _detail_page(request, disclosure, upload_form=form, status=400)


@login_required
@require_POST
def change_layout(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    """A reviewer writes a draft in another layout of its kind (the jurisdiction's newer one, say)."""
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    if not request.user.is_bureau_staff:
        raise PermissionDenied
    form = LayoutForm(request.POST, kind=disclosure.kind)
    if not form.is_valid():
        messages.error(request, _("请选择本类公开材料的一种格式。"))
    else:
        try:
            changed = services.change_layout(disclosure=disclosure, layout_key=form.cleaned_data["layout"])
        except DisclosureRefused as exc:
            messages.error(request, str(exc))
        else:
            layout = get_layout(changed.layout)
            messages.success(request, _("公开格式已改为“%(name)s”。") % {"name": layout.name})
    return redirect("disclosures:detail", *disclosure.workspace_args)


@login_required
@require_POST
def start(request, unit_code: str):
    unit = get_object_or_404(units_visible_to(request.user), code=unit_code)
    if not can_edit_unit_data(request.user, unit):
        raise PermissionDenied
    form = StartDraftForm(request.POST, unit=unit)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("units:unit_detail", unit.code)
    try:
        disclosure = start_draft(unit=unit, year=form.cleaned_data["year"])
    except EditRefused as exc:
        messages.error(request, str(exc))
        return redirect("units:unit_detail", unit.code)
    messages.success(request, _("已新建%(year)d年的草稿，请逐表填报。") % {"year": disclosure.year})
    return redirect("disclosures:detail", unit.code, disclosure.year)


@login_required
@require_POST
def start_final(request, unit_code: str, year: int):
    """A 决算 draft of the year from the unit's budget, 年初预算 filled in (``create_from_budget``)."""
    unit = get_object_or_404(units_visible_to(request.user), code=unit_code)
    if not can_edit_unit_data(request.user, unit):
        raise PermissionDenied
    try:
        final = create_from_budget(unit=unit, year=year)
    except DisclosureRefused as exc:
        messages.error(request, str(exc))
        return redirect("units:unit_detail", unit.code)
    started = _("已据%(year)d年预算新建决算草稿，年初预算数已填入，请逐表填报决算数。") % {"year": year}
    messages.success(request, started)
    return redirect("disclosures:detail", *final.workspace_args)
