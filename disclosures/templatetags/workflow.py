"""Template tags of the workflow ({% load workflow %}), so that other pages can include
templates/workflow/_actions.html and _comments.html with nothing more than ``disclosure`` in their context."""

from django import template
from django.urls import reverse

from disclosures.choices import Status
from disclosures.forms.workflow import CommentForm, TransitionForm
from disclosures.layouts import get_layout
from disclosures.models import PublicationJob, WorkflowEvent
from disclosures.workflow.comments import comments_context
from disclosures.workflow.links import publication_job_url
from disclosures.workflow.services import available_transitions
from disclosures.workflow.typed import take_typed

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_actions(context, disclosure) -> dict:
    """The transitions the signed-in user may fire now, each with its form, and the latest publication job."""
    request = context["request"]
    user = request.user
    job = PublicationJob.objects.filter(disclosure=disclosure).first()
    busy = job is not None and job.is_active
    actions = [] if busy else available_transitions(disclosure, user)
    return {
        "actions": [
            (
                action,
                TransitionForm(
                    transition=action,
                    initial={"lock_version": disclosure.lock_version, **take_typed(request, disclosure, action.name)},
                ),
            )
            for action in actions
        ],
        "job": job,
    }


@register.simple_tag
def return_event(disclosure) -> WorkflowEvent | None:
    """Why, by whom and when a returned disclosure was sent back (no query for any other status)."""
    if disclosure.status != Status.RETURNED:
        return None
    return (
        WorkflowEvent.objects.filter(disclosure=disclosure, to_status=Status.RETURNED)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


@register.simple_tag(takes_context=True)
def comment_threads(context, disclosure, table=None, row=None, everywhere=False) -> dict:
    """The comments on one place of the disclosure (the whole, a table, a row), with an empty form."""
    data = comments_context(
        disclosure, context["request"].user, table=table or "", row=row or None, everywhere=bool(everywhere)
    )
    data["form"] = CommentForm(initial={"table": table or "", "row": row or ""})
    return data


@register.filter
def transition_url(disclosure, name: str) -> str:
    """Where a workflow form posts: the unit's, or the department's, transition page."""
    if disclosure.is_department_level:
        return reverse(
            "disclosures:department_transition",
            args=[disclosure.department.code, disclosure.year, disclosure.kind, name],
        )
    return reverse("disclosures:transition", args=[*disclosure.workspace_args, name])


@register.filter
def table_label(table: str, disclosure) -> str:
    """A table's key as the disclosure's layout prints it: 预算公开03表."""
    return get_layout(disclosure.layout).tables.code(table) if table else ""


@register.filter
def job_progress_url(job: PublicationJob) -> str:
    return publication_job_url(job)


@register.filter
def job_status_url(job: PublicationJob) -> str:
    return publication_job_url(job, status=True)
