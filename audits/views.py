"""The reviewers' audit pages: upload, progress, summary, one document's findings, downloads, import.

Bureau staff only (reviewers, publishers, administrators): an accountant gets 403 — the pages
exist but are not theirs, as on the review workbench (``units.permissions``).
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audits import report
from audits.audit import AuditResult, audit_file
from audits.findings import AuditFinding
from audits.forms import AuditUploadForm, PriorYearForm
from audits.importing import ImportRefused, import_as_disclosure, use_as_prior_year
from audits.models import AuditBatch, AuditedDocument
from audits.tasks import run_audit_batch
from disclosures.workflow.links import disclosure_url

RECENT_BATCHES = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html; charset=utf-8"


def _require_bureau_staff(user) -> None:
    if not user.is_bureau_staff:
        raise PermissionDenied(_("只有财政部门人员可以核查已公开的文档。"))


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _require_bureau_staff(request.user)
    form = AuditUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        batch = AuditBatch(
            requested_by=request.user,
            name=uploaded.name[:255],
            layout=form.cleaned_data["layout"] or "",
            year=form.cleaned_data["year"],
        )
        batch.upload.save(uploaded.name, uploaded, save=False)
        batch.save()
        run_audit_batch.delay(batch.pk)
        return redirect("audits:batch", batch.pk)
    batches = AuditBatch.objects.select_related("requested_by")[:RECENT_BATCHES]
    return render(request, "audits/upload.html", {"form": form, "batches": batches})


def _batch(request, batch_id: int) -> AuditBatch:
    _require_bureau_staff(request.user)
    return get_object_or_404(AuditBatch, pk=batch_id)


def _results(batch: AuditBatch) -> list[AuditResult]:
    """The stored results as the report functions read them (without reading the files again)."""
    return [_stored(document) for document in batch.documents.all()]


def _stored(document: AuditedDocument) -> AuditResult:
    findings = [AuditFinding.from_dict(item) for item in document.findings]
    return AuditResult(document.name, None, findings, document.failure, document.title, document.year, document.layout)


@login_required
@require_GET
def batch(request, batch_id: int):
    batch = _batch(request, batch_id)
    documents = list(batch.documents.all())
    return render(request, "audits/batch.html", {"batch": batch, "documents": documents})


@login_required
@require_GET
def batch_status(request, batch_id: int):
    batch = _batch(request, batch_id)
    return JsonResponse(
        {
            "state": batch.state,
            "label": batch.get_state_display(),
            "done": batch.done,
            "total": batch.total,
            "finished": not batch.is_active,
            "error": batch.error,
        }
    )


@login_required
@require_GET
def batch_download(request, batch_id: int, fmt: str):
    batch = _batch(request, batch_id)
    results = _results(batch)
    if fmt == "xlsx":
        content = report.as_xlsx(results)
        return FileResponse(
            io.BytesIO(content), as_attachment=True, filename=f"核查汇总-{batch.pk}.xlsx", content_type=XLSX
        )
    if fmt == "html":
        # A file of its own (its styles inline, as the published standalone HTML), so it is downloaded rather
        # than shown under the site's Content-Security-Policy.
        content = report.as_html(results, _("核查汇总：%(name)s") % {"name": batch.name}).encode()
        return FileResponse(
            io.BytesIO(content), as_attachment=True, filename=f"核查汇总-{batch.pk}.html", content_type=HTML
        )
    raise PermissionDenied


def _document(request, batch_id: int, position: int) -> AuditedDocument:
    _require_bureau_staff(request.user)
    return get_object_or_404(AuditedDocument.objects.select_related("batch"), batch_id=batch_id, position=position)


@login_required
@require_GET
def document(request, batch_id: int, position: int):
    audited = _document(request, batch_id, position)
    result = _stored(audited)
    return render(
        request, "audits/document.html", {"audited": audited, "result": result, "prior_form": PriorYearForm()}
    )


def _read_again(audited: AuditedDocument):
    with audited.file.open("rb") as stored:
        content = stored.read()
    batch = audited.batch
    return audit_file(audited.name, content, layout=batch.layout or None, year=batch.year).document


@login_required
@require_POST
def import_document(request, batch_id: int, position: int):
    """The audited document as a new draft of its unit (never over an existing one)."""
    audited = _document(request, batch_id, position)
    document = _read_again(audited)
    if document is None:
        messages.error(request, audited.failure)
        return redirect("audits:document", batch_id, position)
    try:
        disclosure = import_as_disclosure(document)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("audits:document", batch_id, position)
    messages.success(request, _("已导入为%(disclosure)s的草稿。") % {"disclosure": disclosure})
    return redirect(disclosure_url(disclosure))


@login_required
@require_POST
def import_prior_year(request, batch_id: int, position: int):
    """The audited document (last year's publication) as the prior year of its unit's next disclosure."""
    audited = _document(request, batch_id, position)
    form = PriorYearForm(request.POST)
    document = _read_again(audited)
    if not form.is_valid() or document is None or document.year is None:
        messages.error(request, _("请确认替换上年数。"))
        return redirect("audits:document", batch_id, position)
    try:
        target = use_as_prior_year(document).disclosure
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("audits:document", batch_id, position)
    messages.success(request, _("已将本文档的数字设为%(disclosure)s的上年数。") % {"disclosure": target})
    return redirect(disclosure_url(target))
