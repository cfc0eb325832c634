"""Publishing a version: render every registered format once, store the files, and switch the status.

Runs as a background job (disclosures.tasks.render_publication). The files are rendered and written to
storage first; the status change, the PublishedFile rows, the superseding of the previous version and
the WorkflowEvent are then written in one transaction. If anything fails, the stored files are removed,
the job records the error and the disclosure stays approved.
"""

import hashlib
import logging
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures import consolidation
from disclosures.choices import Status
from disclosures.department_documents import record_sources
from disclosures.formats import FORMATS, exporter, file_name
from disclosures.models import Disclosure, PublicationJob, PublishedFile, WorkflowEvent
from disclosures.workflow import notifications
from disclosures.workflow.integrity import verified_content
from disclosures.workflow.signals import disclosure_published
from disclosures.workflow.transitions import BY_NAME

logger = logging.getLogger(__name__)

# The standalone HTML file carries its stylesheets inline and has no script: it may style itself, nothing more.
STANDALONE_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


class PublicationFailed(Exception):
    """Rendering or storing the published files failed; the message is shown to the user."""


@dataclass(frozen=True)
class Rendered:
    format: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def render_all(disclosure: Disclosure) -> list[Rendered]:
    rendered = []
    for name in FORMATS:
        try:
            content = exporter(name)(disclosure)
        except Exception as exc:
            error = str(exc) or type(exc).__name__
            raise PublicationFailed(
                _("生成%(format)s文件失败：%(error)s") % {"format": name.upper(), "error": error}
            ) from exc
        rendered.append(Rendered(name, bytes(content)))
    return rendered


def stored_name(disclosure: Disclosure, name: str) -> str:
    stem, _dot, extension = file_name(disclosure, name).rpartition(".")
    return f"{stem}-v{disclosure.version}.{extension}"


def _freeze_sources(document: Disclosure) -> None:
    """A department's document is published with the versions of its units' disclosures it was built from."""
    listed = consolidation.members(document)
    waiting = consolidation.not_ready(listed)
    if waiting:
        raise PublicationFailed(
            _("单位%(units)s的公开材料已不再是审核通过状态，部门公开材料未公开。")
            % {"units": "、".join(member.unit.code for member in waiting)}
        )
    record_sources(document, listed)


def run_publication_job(job_id: int) -> str:
    """Carry out a queued job once (a redelivered message finds it no longer queued); returns its final state."""
    started = PublicationJob.objects.filter(pk=job_id, state=PublicationJob.State.QUEUED).update(
        state=PublicationJob.State.RUNNING, started_at=timezone.now()
    )
    if not started:
        return PublicationJob.objects.get(pk=job_id).state
    job = PublicationJob.objects.select_related(
        "disclosure__unit__department__jurisdiction", "disclosure__department__jurisdiction", "requested_by"
    ).get(pk=job_id)
    files: list[PublishedFile] = []
    try:
        files = [_store(job.disclosure, item) for item in render_all(job.disclosure)]
        _publish(job, files)
    except Exception as exc:
        logger.exception("Publication job %s failed", job_id)
        for published_file in files:
            default_storage.delete(published_file.file.name)
        message = str(exc) if isinstance(exc, PublicationFailed) else _("公开失败：%(error)s") % {"error": exc}
        PublicationJob.objects.filter(pk=job_id).update(
            state=PublicationJob.State.FAILED, error=message, finished_at=timezone.now()
        )
        return PublicationJob.State.FAILED
    return PublicationJob.State.DONE


def _store(disclosure: Disclosure, item: Rendered) -> PublishedFile:
    published_file = PublishedFile(
        disclosure=disclosure, format=item.format, sha256=item.sha256, size=len(item.content)
    )
    published_file.file.save(stored_name(disclosure, item.format), ContentFile(item.content), save=False)
    return published_file


@transaction.atomic
def _publish(job: PublicationJob, files: list[PublishedFile]) -> None:
    disclosure = Disclosure.objects.select_for_update().get(pk=job.disclosure_id)
    if disclosure.status != Status.APPROVED:
        raise PublicationFailed(
            _("公开材料的状态已变为“%(status)s”，未公开。") % {"status": disclosure.get_status_display()}
        )
    user = job.requested_by
    for published_file in files:
        published_file.disclosure = disclosure
        published_file.full_clean()
        published_file.save()
    if disclosure.is_department_level:
        _freeze_sources(disclosure)
    previous_versions = disclosure.versions().select_for_update(of=("self",)).filter(status=Status.PUBLISHED)
    for previous in previous_versions:
        previous.status = Status.SUPERSEDED
        previous._history_user = user
        previous.save()
        WorkflowEvent.objects.create(
            disclosure=previous,
            transition="supersede",
            from_status=Status.PUBLISHED,
            to_status=Status.SUPERSEDED,
            actor=user,
            comment=_("已被第%(version)d版替代。") % {"version": disclosure.version},
        )
    disclosure.status = Status.PUBLISHED
    disclosure.published_at = timezone.now()
    disclosure.lock_version += 1
    disclosure._history_user = user
    disclosure.save()
    event = WorkflowEvent.objects.create(
        disclosure=disclosure,
        transition=BY_NAME["publish"].name,
        from_status=Status.APPROVED,
        to_status=Status.PUBLISHED,
        actor=user,
        comment=job.comment,
    )
    PublicationJob.objects.filter(pk=job.pk).update(state=PublicationJob.State.DONE, finished_at=timezone.now())
    transaction.on_commit(lambda: notifications.notify(event), robust=True)
    transaction.on_commit(lambda: disclosure_published.send(sender=Disclosure, disclosure=disclosure), robust=True)


def published_file_response(published_file: PublishedFile) -> FileResponse:
    """Serve a stored published file as it was rendered: read from storage, never rendered again.

    Raises FileUnavailable when the stored file is missing or no longer matches its SHA-256 (it is then
    marked unavailable, and the caller answers with :func:`file_unavailable_response`).
    """
    name = file_name(published_file.disclosure, published_file.format)
    if published_file.disclosure.version > 1:
        name = stored_name(published_file.disclosure, published_file.format)
    response = FileResponse(
        BytesIO(verified_content(published_file)),  # read once: checked against its SHA-256, then sent
        content_type=FORMATS[published_file.format].content_type,
        as_attachment=published_file.format != "html",
        filename=name,
    )
    if published_file.format == "html":
        response["Content-Security-Policy"] = STANDALONE_HTML_POLICY
    return response


def file_unavailable_response(request, published_file: PublishedFile) -> HttpResponse:
    """What a reader gets instead of a file that is missing or altered: an explanation, never cached."""
    context = {"published_file": published_file, "disclosure": published_file.disclosure}
    response = render(request, "file_unavailable.html", context, status=503)
    response["Cache-Control"] = "no-store"
    return response
