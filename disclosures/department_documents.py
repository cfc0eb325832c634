"""Use cases of a department's document (部门预算, 部门决算): start it, choose its units, write its texts.

Its figures are never typed: they are consolidated from its units (disclosures.consolidation). Review and
publication go through disclosures.workflow like a unit's document.
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from disclosures.choices import Kind, Level
from disclosures.editing import claim_for_edit
from disclosures.layouts import layout_for
from disclosures.models import FROZEN_STATUSES, ConsolidatedUnit, Disclosure, Explanation, record_content_change
from disclosures.narrative.reasons import is_key
from disclosures.snapshot import stored_explanations
from units.models import Department, Unit

# The texts a department writes itself; everything else in its document is its units'.
DEPARTMENT_TEXT_FIELDS = ("duties", "organisation", "annual_tasks", "state_assets", "contact_person", "contact_phone")


class DepartmentDocumentRefused(Exception):
    """The change is not allowed now; the message says why."""


def open_department_version(department: Department, year: int, kind: str = Kind.BUDGET) -> Disclosure | None:
    return (
        Disclosure.objects.filter(level=Level.DEPARTMENT, department=department, year=year, kind=kind)
        .exclude(status__in=FROZEN_STATUSES)
        .select_related("department__jurisdiction")
        .first()
    )


@transaction.atomic
def start_department_document(department: Department, year: int, kind: str = Kind.BUDGET) -> Disclosure:
    """The department's document being prepared for the year and kind, created (all units included) if new."""
    current = open_department_version(department, year, kind)
    if current is not None:
        return current
    if Disclosure.objects.filter(level=Level.DEPARTMENT, department=department, year=year, kind=kind).exists():
        raise DepartmentDocumentRefused(
            _("%(department)s %(year)d年的部门公开材料已经公开；如需更正，请发起更正版本。")
            % {"department": department.code, "year": year}
        )
    return Disclosure.objects.create(
        level=Level.DEPARTMENT,
        department=department,
        year=year,
        kind=kind,
        layout=layout_for(department.jurisdiction.code, kind, year).key,
    )


def _editable(document: Disclosure) -> Disclosure:
    locked = Disclosure.objects.select_for_update().get(pk=document.pk)
    if not locked.is_department_level:
        raise DepartmentDocumentRefused(_("这不是部门公开材料。"))
    if not locked.is_editable:
        raise DepartmentDocumentRefused(
            _("状态为“%(status)s”的部门公开材料不能修改。") % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def set_included(document: Disclosure, unit: Unit, *, included: bool, reason: str = "") -> ConsolidatedUnit:
    """Include a unit in the department's sums, or leave it out, saying why."""
    locked = _editable(document)
    if unit.department_id != locked.department_id:
        raise DepartmentDocumentRefused(
            _("单位%(unit)s不属于部门%(department)s。") % {"unit": unit.code, "department": locked.department.code}
        )
    reason = reason.strip()
    if not included and not reason:
        raise DepartmentDocumentRefused(_("单位%(unit)s未纳入部门汇总，须说明原因。") % {"unit": unit.code})
    row, _created = ConsolidatedUnit.objects.update_or_create(
        disclosure=locked, unit=unit, defaults={"included": included, "reason": "" if included else reason}
    )
    Disclosure.objects.filter(pk=locked.pk).update(lock_version=F("lock_version") + 1)
    return row


@transaction.atomic
def save_texts(document: Disclosure, **texts: str) -> Disclosure:
    """The department's own texts (职责, 机构设置 with the list of its units, 重点工作, assets, contact)."""
    unknown = set(texts) - set(DEPARTMENT_TEXT_FIELDS)
    if unknown:
        raise DepartmentDocumentRefused(_("部门不能填写：%(fields)s。") % {"fields": "、".join(sorted(unknown))})
    locked = _editable(document)
    for name, value in texts.items():
        setattr(locked, name, value.strip())
    locked.lock_version += 1
    locked.full_clean()
    locked.save()
    record_content_change([locked.pk])
    return locked


@transaction.atomic
def save_reasons(document: Disclosure, reasons: dict[str, str]) -> None:
    """The department's own reasons (主要原因是…) by explanation key; an empty text removes one."""
    locked = _editable(document)
    unknown = [key for key in reasons if not is_key(key)]
    if unknown:
        raise DepartmentDocumentRefused(_("“%(key)s”不是可识别的说明对象。") % {"key": unknown[0]})
    Explanation.objects.filter(disclosure=locked, key__in=list(reasons)).delete()
    Explanation.objects.bulk_create(
        Explanation(disclosure=locked, key=key, text=text.strip()) for key, text in reasons.items() if text.strip()
    )
    Disclosure.objects.filter(pk=locked.pk).update(lock_version=F("lock_version") + 1)


@transaction.atomic
def save_explanations_page(
    document: Disclosure, *, texts: dict[str, str], explanations: dict[str, str], expected_lock_version: int
) -> Disclosure:
    """What the department writes on the explanations page: its texts and its reasons, nothing else (its
    figures, 主要用于 and last year's figures are its units'). Refused like a table save when someone saved since
    ``expected_lock_version`` (EditConflict) or the document is no longer editable (EditRefused)."""
    claim_for_edit(document, expected_lock_version)
    if texts:
        save_texts(document, **texts)
    save_reasons(document, explanations)
    return Disclosure.objects.select_related("department__jurisdiction").get(pk=document.pk)


def record_sources(document: Disclosure, members) -> None:
    """Write down, as the document is published, every unit and the version of its disclosure it was built from."""
    ConsolidatedUnit.objects.filter(disclosure=document).delete()
    ConsolidatedUnit.objects.bulk_create(
        ConsolidatedUnit(
            disclosure=document,
            unit=member.unit,
            included=member.included,
            reason=member.reason,
            source=member.disclosure,
        )
        for member in members
    )


def copy_for_revision(published: Disclosure, revision: Disclosure) -> None:
    """A correction of a department's document starts from its texts, its left-out units and its reasons;
    its figures are consolidated again from the units' current versions."""
    for name in DEPARTMENT_TEXT_FIELDS:
        setattr(revision, name, getattr(published, name))
    revision.save()
    ConsolidatedUnit.objects.bulk_create(
        ConsolidatedUnit(disclosure=revision, unit=row.unit, included=False, reason=row.reason)
        for row in ConsolidatedUnit.objects.filter(disclosure=published, included=False).select_related("unit")
    )
    Explanation.objects.bulk_create(
        Explanation(disclosure=revision, key=key, text=text) for key, text in stored_explanations(published).items()
    )
