"""The only code that changes a disclosure's status: one function per transition, in one transaction.

Each locks the disclosure (select_for_update), checks the user's role and the disclosure's state against
disclosures.workflow.transitions, checks the lock version the user's page was based on, changes the
status, bumps the lock version and writes a WorkflowEvent, all in the same transaction; notifications
go out once it commits.
"""

import logging
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from disclosures import consolidation
from disclosures.choices import Status
from disclosures.department_documents import copy_for_revision
from disclosures.models import FROZEN_STATUSES, Disclosure, PublicationJob, WorkflowEvent
from disclosures.snapshot import load, replace_content
from disclosures.workflow import findings as checks
from disclosures.workflow import notifications
from disclosures.workflow.transitions import ACKNOWLEDGE_WARNINGS_LABEL, BY_NAME, TRANSITIONS, Transition
from units.models import User
from units.permissions import can_edit_department_data, can_edit_unit_data

logger = logging.getLogger(__name__)


class TransitionRefused(Exception):
    """The transition is not allowed now; the message says why, in words the user understands."""


class TransitionConflict(TransitionRefused):
    """The user acted on a page that is out of date: someone else changed the disclosure meanwhile."""


class WarningsNotAcknowledged(TransitionRefused):
    def __init__(self, message, warnings):
        super().__init__(message)
        self.warnings = warnings


@dataclass(frozen=True)
class Outcome:
    """What a transition produced: the disclosure as it is now, and the job when publication was queued."""

    disclosure: Disclosure
    event: WorkflowEvent | None = None
    job: PublicationJob | None = None


def _role_allows(transition: Transition, user: User, disclosure: Disclosure) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    # A department's document is prepared by its staff or by a reviewer: what a unit's accountant does on a
    # unit's document (submit, withdraw, revise), a reviewer may do on a department's.
    preparer = disclosure.is_department_level and transition.needs_membership and user.role == User.Role.REVIEWER
    return transition.allows_role(user.role) or preparer


def can_prepare(user: User, disclosure: Disclosure) -> bool:
    """Whether the user prepares this document: the unit's accountant, or the department's staff or a reviewer."""
    if disclosure.is_department_level:
        return can_edit_department_data(user, disclosure.department)
    return can_edit_unit_data(user, disclosure.unit)


def may_fire(transition: Transition, disclosure: Disclosure, user: User) -> bool:
    """Whether the user's role (and, for accountants, membership of the unit) lets them fire it at all."""
    return _role_allows(transition, user, disclosure) and (
        not transition.needs_membership or can_prepare(user, disclosure)
    )


def available_transitions(disclosure: Disclosure, user: User) -> list[Transition]:
    """The transitions this user may fire on this disclosure in its current state (at most one query)."""
    candidates = [t for t in TRANSITIONS if disclosure.status in t.sources and _role_allows(t, user, disclosure)]
    if any(t.needs_membership for t in candidates) and not can_prepare(user, disclosure):
        candidates = [t for t in candidates if not t.needs_membership]
    return candidates


def fire(
    name: str,
    *,
    disclosure: Disclosure,
    user: User,
    comment: str = "",
    acknowledge_warnings: bool = False,
    correction_note: str = "",
    expected_lock_version: int | None = None,
) -> Outcome:
    """Fire the transition called ``name``; raises TransitionRefused (or a subclass) with the reason."""
    if name not in BY_NAME:
        raise TransitionRefused(_("未知的操作：%(name)s。") % {"name": name})
    common = {"disclosure": disclosure, "user": user, "expected_lock_version": expected_lock_version}
    if name == "submit":
        return submit(**common, comment=comment, acknowledge_warnings=acknowledge_warnings)
    if name == "publish":
        return request_publication(**common, comment=comment)
    if name == "revise":
        return revise(**common, correction_note=correction_note)
    return change_status(BY_NAME[name], **common, comment=comment)


def _lock(transition: Transition, disclosure: Disclosure, user: User, expected_lock_version: int | None) -> Disclosure:
    locked = (
        Disclosure.objects.select_for_update(of=("self",))
        .select_related("unit", "department__jurisdiction")
        .get(pk=disclosure.pk)
    )
    if not may_fire(transition, locked, user):
        raise TransitionRefused(_("您没有权限执行“%(label)s”。") % {"label": transition.label})
    if expected_lock_version is not None and locked.lock_version != expected_lock_version:
        raise TransitionConflict(
            _("公开材料在您打开页面之后已被他人修改或处理（当前状态：%(status)s），请刷新页面后再操作。")
            % {"status": locked.get_status_display()}
        )
    if locked.status not in transition.sources:
        raise TransitionRefused(
            _("状态为“%(status)s”的公开材料不能执行“%(label)s”。")
            % {"status": locked.get_status_display(), "label": transition.label}
        )
    if PublicationJob.objects.filter(disclosure=locked, state__in=PublicationJob.ACTIVE_STATES).exists():
        raise TransitionRefused(_("正在生成公开文件，请等待完成后再操作。"))
    return locked


def _record(
    locked: Disclosure, transition: Transition, user: User, comment: str, *, from_status: str, to_status: str
) -> WorkflowEvent:
    event = WorkflowEvent.objects.create(
        disclosure=locked,
        transition=transition.name,
        from_status=from_status,
        to_status=to_status,
        actor=user,
        comment=comment,
    )
    transaction.on_commit(lambda: notifications.notify(event), robust=True)
    return event


def _move(locked: Disclosure, transition: Transition, user: User, comment: str) -> WorkflowEvent:
    from_status = locked.status
    locked.status = transition.target
    locked.lock_version += 1
    locked._history_user = user
    locked.full_clean()
    locked.save()
    return _record(locked, transition, user, comment, from_status=from_status, to_status=transition.target)


@transaction.atomic
def change_status(
    transition: Transition,
    *,
    disclosure: Disclosure,
    user: User,
    comment: str = "",
    expected_lock_version: int | None = None,
) -> Outcome:
    """withdraw, resume, return and approve: a status change with a comment (required to return)."""
    comment = comment.strip()
    if transition.comment_required and not comment:
        raise TransitionRefused(_("“%(label)s”须填写意见。") % {"label": transition.label})
    locked = _lock(transition, disclosure, user, expected_lock_version)
    event = _move(locked, transition, user, comment)
    return Outcome(locked, event)


@transaction.atomic
def submit(
    *,
    disclosure: Disclosure,
    user: User,
    comment: str = "",
    acknowledge_warnings: bool = False,
    expected_lock_version: int | None = None,
) -> Outcome:
    """Submit for review: refused while an error remains; warnings must be acknowledged."""
    transition = BY_NAME["submit"]
    locked = _lock(transition, disclosure, user, expected_lock_version)
    if locked.is_department_level:
        _refuse_unless_units_approved(locked)
    findings = checks.current_findings(locked)
    errors, warnings = checks.count_findings(findings)
    if errors:
        first = [f.message for f in findings if f.severity == "error"][:3]
        raise TransitionRefused(
            _("检查发现%(count)d个错误，改正后才能提交：%(first)s") % {"count": errors, "first": "；".join(first)}
        )
    if warnings and not acknowledge_warnings:
        raise WarningsNotAcknowledged(
            _("检查发现%(count)d个警告，请逐条确认无误后勾选“%(checkbox)s”再提交。")
            % {"count": warnings, "checkbox": ACKNOWLEDGE_WARNINGS_LABEL},
            [f for f in findings if f.severity == "warning"],
        )
    locked.error_count, locked.warning_count = errors, warnings
    locked.findings_revision = locked.content_revision
    note = comment.strip()
    if warnings:
        note = "\n".join(filter(None, [note, _("提交人已确认%(count)d个警告。") % {"count": warnings}]))
    event = _move(locked, transition, user, note)
    return Outcome(locked, event)


def _refuse_unless_units_approved(document: Disclosure) -> None:
    waiting = consolidation.not_ready(consolidation.members(document))
    if waiting:
        raise TransitionRefused(
            _("以下单位的公开材料尚未审核通过，部门公开材料暂不能提交：%(units)s")
            % {"units": "；".join(f"{m.unit.code}{m.unit.name}（{m.status_label}）" for m in waiting)}
        )


@transaction.atomic
def request_publication(
    *, disclosure: Disclosure, user: User, comment: str = "", expected_lock_version: int | None = None
) -> Outcome:
    """Queue the rendering of the published files; the status becomes published when they are stored."""
    transition = BY_NAME["publish"]
    locked = _lock(transition, disclosure, user, expected_lock_version)
    job = PublicationJob.objects.create(
        disclosure=locked, requested_by=user, comment=comment.strip(), task_id=str(uuid.uuid4())
    )
    # A page opened before the request must not act on the disclosure while it is being published.
    Disclosure.objects.filter(pk=locked.pk).update(lock_version=F("lock_version") + 1)
    locked.lock_version += 1
    transaction.on_commit(lambda: _queue_rendering(job), robust=True)
    return Outcome(locked, job=job)


def _queue_rendering(job: PublicationJob) -> None:
    from disclosures.tasks import render_publication

    if settings.PUBLICATION_IN_THREAD:
        # No broker (the embedded default): render in a thread of this process, so that the request answers at
        # once and the progress page shows the job, as with a Celery worker.
        threading.Thread(target=_render_in_thread, args=(job.pk, job.task_id), daemon=True).start()
        return
    render_publication.apply_async(args=[job.pk], task_id=job.task_id)


def _render_in_thread(job_id: int, task_id: str) -> None:
    from disclosures.tasks import render_publication

    try:
        render_publication.apply(args=[job_id], task_id=task_id, throw=False)
    except Exception:
        logger.exception("Publication job %s failed in its thread", job_id)
    finally:
        connections.close_all()


@transaction.atomic
def revise(
    *, disclosure: Disclosure, user: User, correction_note: str, expected_lock_version: int | None = None
) -> Outcome:
    """Start a correction of a published version: a new draft version with a copy of its data."""
    transition = BY_NAME["revise"]
    correction_note = correction_note.strip()
    if not correction_note:
        raise TransitionRefused(_("发起更正须填写更正说明。"))
    published = _lock(transition, disclosure, user, expected_lock_version)
    versions = published.versions()
    if versions.exclude(status__in=FROZEN_STATUSES).exists():
        raise TransitionRefused(_("已有正在编辑或审核的版本，请在该版本上继续。"))
    revision = Disclosure(
        level=published.level,
        unit=published.unit,
        department=published.department,
        year=published.year,
        kind=published.kind,
        version=versions.aggregate(latest=Max("version"))["latest"] + 1,
        layout=published.layout,
        status=Status.DRAFT,
        entry_unit=published.entry_unit,
        budget_approved_on=published.budget_approved_on,
        correction_note=correction_note,
    )
    revision._history_user = user
    revision.full_clean()
    revision.save()
    if published.is_department_level:
        copy_for_revision(published, revision)
    else:
        replace_content(revision, load(published))
    event = _record(revision, transition, user, correction_note, from_status=Status.PUBLISHED, to_status=Status.DRAFT)
    return Outcome(revision, event)
