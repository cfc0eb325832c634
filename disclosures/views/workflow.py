"""Pages of the review workflow: thin views over disclosures.workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from disclosures.access import current_disclosure_or_404, visible_disclosures
from disclosures.choices import Kind, Status
from disclosures.forms.workflow import (
    ApprovalDateForm,
    BulkActionForm,
    CommentForm,
    ReviewFilterForm,
    TransitionForm,
)
from disclosures.models import (
    FROZEN_STATUSES,
    BulkAction,
    Comment,
    Disclosure,
    PublicationJob,
    PublishedFile,
    WorkflowEvent,
)
from disclosures.tasks import refresh_finding_counts
from disclosures.workflow import bulk as bulk_service
from disclosures.workflow import comments as comment_service
from disclosures.workflow.audit import change_log
from disclosures.workflow.integrity import FileUnavailable
from disclosures.workflow.links import UnitLinks, disclosure_url
from disclosures.workflow.publication import file_unavailable_response, published_file_response
from disclosures.workflow.review import (
    NOT_STARTED,
    current_review_year,
    department_documents,
    review_page,
    state_counts,
)
from disclosures.workflow.services import Outcome, TransitionRefused, WarningsNotAcknowledged, fire
from disclosures.workflow.transitions import BY_NAME
from disclosures.workflow.typed import keep_typed


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _require_bureau_staff(user) -> None:
    if not user.is_bureau_staff:
        raise PermissionDenied(_("只有财政审核人员可以使用审核工作台。"))


@login_required
@require_POST
def transition(request, unit_code: str, year: int, name: str, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    outcome = fire_from_post(request, disclosure, name)
    if outcome is not None and outcome.job is not None:
        return redirect("disclosures:publication_job", *disclosure.workspace_args, outcome.job.pk)
    return _back(request, disclosure_url(outcome.disclosure if outcome else disclosure))


def fire_from_post(request, disclosure, name: str) -> Outcome | None:
    """Fire the transition a workflow form posted (a unit's or a department's document); None when refused,
    with the reason in the messages."""
    if name not in BY_NAME:
        raise Http404
    form = TransitionForm(request.POST, transition=BY_NAME[name])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        keep_typed(request, disclosure, name, form.data)
        return None
    try:
        outcome = fire(
            name,
            disclosure=disclosure,
            user=request.user,
            comment=form.cleaned_data.get("comment", ""),
            acknowledge_warnings=form.cleaned_data.get("acknowledge_warnings", False),
            correction_note=form.cleaned_data.get("correction_note", ""),
            expected_lock_version=form.cleaned_data.get("lock_version"),
        )
    except WarningsNotAcknowledged as refusal:
        messages.warning(request, str(refusal))
        for warning in refusal.warnings[:10]:
            messages.warning(request, warning.message)
        keep_typed(request, disclosure, name, form.cleaned_data)
        return None
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
        keep_typed(request, disclosure, name, form.cleaned_data)
        return None
    if outcome.job is None:
        messages.success(
            request,
            _("已%(label)s，当前状态：%(status)s。")
            % {"label": BY_NAME[name].label, "status": outcome.disclosure.get_status_display()},
        )
    return outcome


@login_required
@require_GET
def publication_job(request, unit_code: str, year: int, job_id: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    job = get_object_or_404(PublicationJob.objects.filter(disclosure__in=visible_disclosures(request.user)), pk=job_id)
    if job.disclosure.unit_id != disclosure.unit_id or job.disclosure.year != year or job.disclosure.kind != kind:
        raise Http404
    done_url = reverse("disclosures:history", args=disclosure.workspace_args)
    return publication_job_page(request, job, "workflow/publication_job.html", done_url=done_url)


def publication_job_page(request, job: PublicationJob, template: str, **context):
    """The page following a unit's or a department's publication job (``done_url``: where its files are listed)."""
    context |= {
        "disclosure": job.disclosure,
        "job": job,
        "active_tab": "history",
        "next_url": disclosure_url(job.disclosure),
    }
    return render(request, template, context)


@login_required
@require_GET
def publication_job_status(request, unit_code: str, year: int, job_id: int, kind: str = Kind.BUDGET):
    """Polled by the publication page while the files are being rendered."""
    job = get_object_or_404(
        PublicationJob.objects.filter(
            disclosure__in=visible_disclosures(request.user),
            disclosure__unit__code=unit_code,
            disclosure__year=year,
            disclosure__kind=kind,
        ),
        pk=job_id,
    )
    return job_status_response(job)


def job_status_response(job: PublicationJob) -> JsonResponse:
    return JsonResponse(
        {
            "state": job.state,
            "label": job.get_state_display(),
            "error": job.error,
            "finished": not job.is_active,
        }
    )


@login_required
@require_GET
def published_file(request, unit_code: str, year: int, version: int, fmt: str, kind: str = Kind.BUDGET):
    """A file as it was stored at publication; never rendered again."""
    disclosure = current_disclosure_or_404(request.user, unit_code, year, version=version, kind=kind)
    if disclosure.status not in FROZEN_STATUSES:
        raise Http404
    stored = get_object_or_404(
        PublishedFile.objects.select_related("disclosure__unit"), disclosure=disclosure, format=fmt
    )
    try:
        return published_file_response(stored)
    except FileUnavailable:
        return file_unavailable_response(request, stored)


# The history page shows this many change sets at a time, newest first; older ones are on the next pages.
CHANGE_SETS_PER_PAGE = 20


@login_required
@require_GET
def history(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    versions = list(
        visible_disclosures(request.user)
        .filter(unit_id=disclosure.unit_id, year=year, kind=disclosure.kind)
        .order_by("-version")
    )
    events = WorkflowEvent.objects.filter(disclosure__in=versions).select_related("actor", "disclosure")
    files = PublishedFile.objects.filter(disclosure__in=versions).order_by("-disclosure__version", "format")
    return render(
        request,
        "workflow/history.html",
        {
            "disclosure": disclosure,
            "active_tab": "history",
            "versions": versions,
            "events": events,
            "files": files,
            "change_sets": Paginator(change_log(versions), CHANGE_SETS_PER_PAGE).get_page(request.GET.get("page")),
            "jobs": PublicationJob.objects.filter(disclosure__in=versions).select_related("requested_by")[:10],
        },
    )


@login_required
@require_GET
def review_home(request):
    _require_bureau_staff(request.user)
    return redirect("disclosures:review_list", current_review_year(timezone.localdate()))


@login_required
@require_GET
def review_list(request, year: int):
    _require_bureau_staff(request.user)
    form = ReviewFilterForm(request.GET or None)
    filters = form.review_filters(year, timezone.localdate())
    counts = state_counts(filters)
    page = review_page(filters, counts, request.GET.get("page") or 1)
    links = UnitLinks(year, filters.kind)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workflow/review_list.html",
        {
            "kind": filters.kind,
            "year": year,
            "page": page,
            "rows": [(row, links.of(row.unit.code)) for row in page.object_list],
            "filters": form,
            "counts": state_count_links(filters, counts, query),
            "query": query.urlencode(),
            "stale": sum(
                1 for row in page.object_list if row.disclosure and not row.disclosure.finding_counts_are_current
            ),
            "department_documents": department_documents(year),
        },
    )


def state_count_links(filters, counts, query) -> list[dict]:
    """Each state with its count and the list's address filtered to it (the other filters kept)."""
    labels = {NOT_STARTED: _("未开始"), **dict(Status.choices)}
    links = []
    for state, count in counts.by_state.items():
        chosen = query.copy()
        chosen["status"] = state
        links.append({"state": state, "label": labels[state], "count": count, "query": chosen.urlencode(),
                      "active": filters.status == state})  # fmt: skip
    return links


@login_required
@require_POST
def refresh_counts(request, year: int):
    """Recount the findings whose cached counts are out of date (in the background when a broker is set)."""
    _require_bureau_staff(request.user)
    stale = list(
        Disclosure.objects.filter(year=year)
        .exclude(status=Status.SUPERSEDED)
        .exclude(findings_revision=F("content_revision"))
        .values_list("pk", flat=True)
    )
    for pk in stale:
        refresh_finding_counts.delay(pk)
    messages.info(request, _("已安排重新检查%(count)d份公开材料。") % {"count": len(stale)})
    return redirect("disclosures:review_list", year)


@login_required
@require_POST
def bulk_action(request, year: int):
    """Approve, or publish, the disclosures ticked on the review list, as a background job."""
    _require_bureau_staff(request.user)
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请先勾选单位，再选择批量操作。"))
        return _back(request, reverse("disclosures:review_list", args=[year]))
    bulk = bulk_service.request_bulk_action(
        action=form.cleaned_data["action"], year=year, disclosure_ids=form.cleaned_data["selected"], user=request.user
    )
    return redirect("disclosures:bulk_progress", bulk.pk)


@login_required
@require_GET
def bulk_progress(request, bulk_id: int):
    _require_bureau_staff(request.user)
    bulk = get_object_or_404(BulkAction.objects.select_related("requested_by"), pk=bulk_id)
    return render(request, "workflow/bulk_progress.html", {"bulk": bulk, "progress": bulk_service.progress(bulk)})


@login_required
@require_POST
def approval_date(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    _require_bureau_staff(request.user)
    if request.POST.get("kind") == Kind.FINAL:  # the review list posts a 决算's own 批复 date to this URL
        kind = Kind.FINAL
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    form = ApprovalDateForm(request.POST, instance=disclosure)
    if form.is_valid():
        disclosure._history_user = request.user
        form.save()
        messages.success(
            request, _("%(unit)s的%(kind)s批复日期已保存。") % {"unit": disclosure.unit.name, "kind": Kind(kind).label}
        )
    else:
        for error in form.errors.get("__all__", [_("预算批复日期无效。")]):
            messages.error(request, error)
    return _back(request, reverse("disclosures:review_list", args=[year]))


@login_required
@require_POST
def comment_add(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("意见内容不能为空。"))
        return _back(request, disclosure_url(disclosure))
    reply_to = None
    if form.cleaned_data.get("reply_to"):
        reply_to = get_object_or_404(Comment, pk=form.cleaned_data["reply_to"], disclosure=disclosure)
    try:
        comment_service.add_comment(
            disclosure=disclosure,
            author=request.user,
            text=form.cleaned_data["text"],
            table=form.cleaned_data["table"],
            row=form.cleaned_data["row"],
            reply_to=reply_to,
        )
    except comment_service.CommentRefused as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(request, _("意见已发表。") if reply_to is None else _("回复已发表。"))
    return _back(request, disclosure_url(disclosure))


@login_required
@require_POST
def comment_resolve(request, unit_code: str, year: int, comment_id: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    comment = get_object_or_404(Comment, pk=comment_id, disclosure=disclosure, reply_to__isnull=True)
    try:
        comment_service.resolve(comment=comment, user=request.user)
    except comment_service.CommentRefused as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(request, _("意见已标记为已解决。"))
    return _back(request, disclosure_url(disclosure))
