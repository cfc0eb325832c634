"""Running a batch: every document audited in turn, the progress saved after each one.

Runs as a background job (``audits.tasks.run_audit_batch``; inline without a broker). A job that
fails records its error; the documents audited before the failure stay.
"""

import logging
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audits.audit import AuditResult, audit_file
from audits.batch import zip_members
from audits.models import AuditBatch, AuditedDocument
from audits.reading import UnreadableDocument

logger = logging.getLogger(__name__)


def members(batch: AuditBatch) -> list[tuple[str, bytes]]:
    with batch.upload.open("rb") as upload:
        content = upload.read()
    if PurePath(batch.name).suffix.lower() == ".zip":
        return list(zip_members(content))
    return [(batch.name, content)]


def _save(batch: AuditBatch, position: int, name: str, content: bytes, result: AuditResult) -> None:
    summary = result.summary()
    document = AuditedDocument(
        batch=batch,
        position=position,
        name=name[:255],
        title=summary["title"][:200],
        year=summary["year"] if summary["year"] and 2000 <= summary["year"] <= 2100 else None,
        layout=summary["layout"],
        error_count=summary["errors"],
        warning_count=summary["warnings"],
        failure=result.failure,
        findings=[finding.as_dict() for finding in result.findings],
    )
    document.file.save(PurePath(name).name, ContentFile(content), save=False)
    with transaction.atomic():
        document.save()
        AuditBatch.objects.filter(pk=batch.pk).update(done=position)


def run_batch(batch_id: int) -> str:
    """Carry out a queued batch once; returns its final state."""
    started = AuditBatch.objects.filter(pk=batch_id, state=AuditBatch.State.QUEUED).update(
        state=AuditBatch.State.RUNNING
    )
    if not started:
        return AuditBatch.objects.get(pk=batch_id).state
    batch = AuditBatch.objects.get(pk=batch_id)
    try:
        files = members(batch)
        AuditBatch.objects.filter(pk=batch_id).update(total=len(files))
        options = {"layout": batch.layout or None, "year": batch.year}
        for position, (name, content) in enumerate(files, start=1):
            _save(batch, position, name, content, audit_file(name, content, **options))
    except UnreadableDocument as exc:
        return _fail(batch_id, str(exc))
    except Exception as exc:
        logger.exception("Audit batch %s failed", batch_id)
        return _fail(batch_id, f"核查失败：{type(exc).__name__}")
    AuditBatch.objects.filter(pk=batch_id).update(state=AuditBatch.State.DONE, finished_at=timezone.now())
    return AuditBatch.State.DONE


def _fail(batch_id: int, message: str) -> str:
    AuditBatch.objects.filter(pk=batch_id).update(
        state=AuditBatch.State.FAILED, error=message, finished_at=timezone.now()
    )
    return AuditBatch.State.FAILED
