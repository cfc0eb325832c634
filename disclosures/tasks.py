"""Background jobs of the disclosures app (Celery; run inline on the embedded default without a broker)."""

from celery import shared_task

from disclosures.workflow import bulk
from disclosures.workflow.findings import refresh_finding_counts as refresh_counts
from disclosures.workflow.publication import run_publication_job


@shared_task
def render_publication(job_id: int) -> str:
    return run_publication_job(job_id)


@shared_task
def refresh_finding_counts(disclosure_id: int) -> bool:
    return refresh_counts(disclosure_id)


@shared_task
def run_bulk_action(bulk_id: int) -> None:
    bulk.run_bulk_action(bulk_id)
