"""Background jobs of the audits app (Celery; run inline on the embedded default without a broker)."""

from celery import shared_task

from audits.jobs import run_batch


@shared_task
def run_audit_batch(batch_id: int) -> str:
    return run_batch(batch_id)
