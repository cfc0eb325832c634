"""A department's document in the workspace: its units (included, or left out with a reason), its own texts,
the checks, the workflow and the downloads. Thin views over disclosures.department_documents and the workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from disclosures import consolidation
from disclosures.checks import findings_for
from disclosures.choices import Kind, Level
from disclosures.department_documents import (
    DepartmentDocumentRefused,
    open_department_version,
    save_reasons,
    save_texts,
    set_included,
    start_department_document,
)
from disclosures.formats import FORMATS, exporter, file_name
from disclosures.forms.department import DepartmentTextsForm
from disclosures.models import Disclosure, PublicationJob
from disclosures.rendering import is_final
from disclosures.rendering.limits import rendering_limited
from disclosures.rendering.preview_cache import preview_pdf
from disclosures.snapshot import stored_explanations
from disclosures.views.explanations import explanations_response
from disclosures.views.workflow import fire_from_post, job_status_response, publication_job_page
from units.models import Department
from units.permissions import can_edit_department_data, departments_visible_to

REASON_PREFIX = "explanations."  # a finding's field naming the reason it asks for; the reasons form's field names


def _department(user, code: str, kind: str) -> Department:
    if kind not in Kind.values:
        raise Http404
    return get_object_or_404(departments_visible_to(user).select_related("jurisdiction"), code=code)


def _document(department: Department, year: int, kind: str) -> Disclosure | None:
    """The version being prepared, else the latest published."""
    return open_department_version(department, year, kind) or (
        Disclosure.objects.filter(level=Level.DEPARTMENT, department=department, year=year, kind=kind)
        .select_related("department__jurisdiction")
        .order_by("-version")
        .first()
    )


def _page(request, department: Department, year: int, kind: str, *, texts_form=None, status: int = 200):
    document = _document(department, year, kind)
    may_edit = can_edit_department_data(request.user, department)
    context = {"department": department, "year": year, "kind": Kind(kind), "document": document, "may_edit": may_edit}
    if document is not None:
        listed = consolidation.members(document)
        findings = findings_for(document)
        written = stored_explanations(document)
        asked = {f.field.removeprefix(REASON_PREFIX): f.message for f in findings if f.field.startswith(REASON_PREFIX)}
        context |= {
            "reasons": [(key, asked.get(key, ""), written.get(key, "")) for key in sorted(set(asked) | set(written))],
            "disclosure": document,
            "members": listed,
            "not_ready": consolidation.not_ready(listed),
            "out_of_date": consolidation.out_of_date(document),
            "errors": [(f, "") for f in findings if f.is_error],
            "warnings": [(f, "") for f in findings if not f.is_error],
            "texts_form": texts_form or (DepartmentTextsForm(instance=document) if may_edit else None),
            "formats": list(FORMATS.values()),
        }
    return render(request, "disclosures/department.html", context, status=status)


@login_required
def detail(request, code: str, year: int, kind: str):
    return _page(request, _department(request.user, code, kind), year, kind)


def _editable_document(request, code: str, year: int, kind: str) -> tuple[Department, Disclosure]:
    department = _department(request.user, code, kind)
    if not can_edit_department_data(request.user, department):
        raise PermissionDenied
    document = open_department_version(department, year, kind)
    if document is None:
        raise Http404
    return department, document


def _attempt(request, change, success: str) -> None:
    """Make the change, saying that it is saved, or why it is refused."""
    try:
        change()
    except DepartmentDocumentRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)


@login_required
@require_POST
def start(request, code: str, year: int, kind: str):
    department = _department(request.user, code, kind)
    if not can_edit_department_data(request.user, department):
        raise PermissionDenied
    try:
        start_department_document(department, year, kind)
    except DepartmentDocumentRefused as exc:
        messages.error(request, str(exc))
    return redirect("disclosures:department", code, year, kind)


@login_required
@require_POST
def texts(request, code: str, year: int, kind: str):
    department, document = _editable_document(request, code, year, kind)
    form = DepartmentTextsForm(request.POST, instance=Disclosure.objects.get(pk=document.pk))
    if not form.is_valid():
        return _page(request, department, year, kind, texts_form=form, status=400)
    texts = {name: form.cleaned_data[name] for name in form.Meta.fields}
    _attempt(request, lambda: save_texts(document, **texts), _("部门文字已保存。"))
    return redirect("disclosures:department", code, year, kind)


@login_required
@require_POST
def units(request, code: str, year: int, kind: str):
    """Which units the sums include; a unit left out needs the department's reason."""
    document = _editable_document(request, code, year, kind)[1]
    problems = []
    for member in consolidation.members(document):
        included = request.POST.get(f"include-{member.unit.code}") == "on"
        reason = request.POST.get(f"reason-{member.unit.code}", "")
        if included == member.included and (included or reason.strip() == member.reason):
            continue
        try:
            set_included(document, member.unit, included=included, reason=reason)
        except DepartmentDocumentRefused as exc:
            problems.append(str(exc))
    for problem in problems:
        messages.error(request, problem)
    if not problems:
        messages.success(request, _("纳入汇总的单位已保存。"))
    return redirect("disclosures:department", code, year, kind)


@login_required
@require_POST
def reasons(request, code: str, year: int, kind: str):
    """The department's reasons for the changes its checks ask about (and those it wrote before)."""
    document = _editable_document(request, code, year, kind)[1]
    written = {
        key.removeprefix(REASON_PREFIX): text for key, text in request.POST.items() if key.startswith(REASON_PREFIX)
    }
    _attempt(request, lambda: save_reasons(document, written), _("情况说明已保存。"))
    return redirect("disclosures:department", code, year, kind)


@login_required
def explanations(request, code: str, year: int, kind: str):
    """The department's texts and reasons beside the sentences of its document that print them."""
    department = _department(request.user, code, kind)
    document = _document(department, year, kind)
    if document is None:
        raise Http404
    may_edit = can_edit_department_data(request.user, department)
    here = ("disclosures:department_explanations", code, year, kind)
    return explanations_response(
        request, document, may_edit, here, "disclosures/department_explanations.html", department=department
    )


@login_required
@require_POST
def transition(request, code: str, year: int, kind: str, name: str):
    department = _department(request.user, code, kind)
    document = _document(department, year, kind)
    if document is None:
        raise Http404
    outcome = fire_from_post(request, document, name)
    if outcome is not None and outcome.job is not None:
        return redirect("disclosures:department_publication_job", code, year, kind, outcome.job.pk)
    return redirect("disclosures:department", code, year, kind)


def _job(request, code: str, year: int, kind: str, job_id: int) -> tuple[Department, PublicationJob]:
    """A publication job of the department's document of the year and kind, for someone who may see it."""
    department = _department(request.user, code, kind)
    jobs = PublicationJob.objects.filter(
        disclosure__level=Level.DEPARTMENT, disclosure__department=department, disclosure__year=year,
        disclosure__kind=kind,
    ).select_related("disclosure__department__jurisdiction", "requested_by")  # fmt: skip
    return department, get_object_or_404(jobs, pk=job_id)


@login_required
@require_GET
def publication_job(request, code: str, year: int, kind: str, job_id: int):
    department, job = _job(request, code, year, kind, job_id)
    done_url = reverse("disclosures:department", args=[code, year, kind])
    template = "workflow/department_publication_job.html"
    return publication_job_page(request, job, template, department=department, done_url=done_url)


@login_required
@require_GET
def publication_job_status(request, code: str, year: int, kind: str, job_id: int):
    """Polled by the department's publication page while the files are being rendered."""
    return job_status_response(_job(request, code, year, kind, job_id)[1])


@login_required
@rendering_limited
def download(request, code: str, year: int, kind: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    document = _document(_department(request.user, code, kind), year, kind)
    if document is None:
        raise Http404
    content = preview_pdf(document, draft=not is_final(document)) if fmt == "pdf" else exporter(fmt)(document)
    headers = {
        "Content-Disposition": content_disposition_header(True, file_name(document, fmt)),
        "Cache-Control": "private, no-store",
    }
    return HttpResponse(content, content_type=FORMATS[fmt].content_type, headers=headers)
