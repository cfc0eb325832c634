"""Bulk actions on a selection of the review list: approve the submitted, publish the approved.

The request only records a BulkAction and queues it; a worker fires the transition on each disclosure
in turn, as its requester, exactly as the button on its page would (so every rule and record applies),
and notes each refusal with the unit's code. Publishing queues one PublicationJob per disclosure, so the
PDFs are rendered by as many workers as there are.
"""

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures.choices import Status
from disclosures.models import BulkAction, Disclosure, PublicationJob
from disclosures.workflow.services import TransitionRefused, fire

# The state a disclosure must be in for each action; the others in a selection are skipped, not refused.
ELIGIBLE = {BulkAction.Action.APPROVE: Status.SUBMITTED, BulkAction.Action.PUBLISH: Status.APPROVED}
MAX_SELECTION = 5000


def request_bulk_action(*, action: str, year: int, disclosure_ids: list[int], user) -> BulkAction:
    """Record the action on the selection's eligible disclosures and queue it (inline without a broker)."""
    from disclosures.tasks import run_bulk_action

    eligible = list(
        Disclosure.objects.filter(pk__in=disclosure_ids[:MAX_SELECTION], year=year, status=ELIGIBLE[action])
        .order_by("unit__code")
        .values_list("pk", flat=True)
    )
    bulk = BulkAction.objects.create(action=action, year=year, disclosure_ids=eligible, requested_by=user)
    run_bulk_action.delay(bulk.pk)
    return bulk


def run_bulk_action(bulk_id: int) -> None:
    started = BulkAction.objects.filter(pk=bulk_id, state=BulkAction.State.QUEUED).update(
        state=BulkAction.State.RUNNING
    )
    if not started:
        return
    bulk = BulkAction.objects.select_related("requested_by").get(pk=bulk_id)
    disclosures = Disclosure.objects.select_related("unit").in_bulk(bulk.disclosure_ids)
    for pk in bulk.disclosure_ids:
        disclosure = disclosures.get(pk)
        try:
            if disclosure is None:
                raise TransitionRefused(_("该公开材料已不存在。"))
            outcome = fire(bulk.action, disclosure=disclosure, user=bulk.requested_by)
            if outcome.job is not None:
                PublicationJob.objects.filter(pk=outcome.job.pk).update(batch=bulk)
        except TransitionRefused as refusal:
            code = disclosure.unit.code if disclosure else str(pk)
            BulkAction.objects.filter(pk=bulk_id).update(refusals=[*_refusals(bulk_id), [code, str(refusal)]])
        BulkAction.objects.filter(pk=bulk_id).update(processed=F("processed") + 1)
    BulkAction.objects.filter(pk=bulk_id).update(state=BulkAction.State.DONE, finished_at=timezone.now())


def _refusals(bulk_id: int) -> list:
    return BulkAction.objects.values_list("refusals", flat=True).get(pk=bulk_id)


def progress(bulk: BulkAction) -> dict:
    """Where the action stands: processed of total, refusals, and the publication jobs by state."""
    jobs = dict(bulk.publication_jobs.order_by().values_list("state").annotate(n=Count("pk")))
    rendering = sum(jobs.get(state, 0) for state in PublicationJob.ACTIVE_STATES)
    finished = bulk.state == BulkAction.State.DONE and not rendering
    failed = jobs.get(PublicationJob.State.FAILED, 0)
    published = jobs.get(PublicationJob.State.DONE, 0)
    done = bulk.processed if bulk.action == BulkAction.Action.APPROVE else published + failed + len(bulk.refusals)
    return {
        "processed": bulk.processed,
        "total": bulk.total,
        "refused": len(bulk.refusals),
        "published": published,
        "rendering": rendering,
        "failed": failed,
        "finished": finished,
        "percent": 100 if finished else (100 * done // bulk.total if bulk.total else 0),
    }
