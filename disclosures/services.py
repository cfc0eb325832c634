"""Use cases that change disclosures. Each is one function, in one transaction."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from disclosures.choices import Status
from disclosures.layouts import get_layout, is_layout, layout_for
from disclosures.models import Disclosure, record_content_change
from disclosures.snapshot import DisclosureData, replace_content
from units.models import Department, Jurisdiction, Unit


class DisclosureRefused(Exception):
    """The import would overwrite what must not be overwritten; the message says why."""


def layout_for_unit(unit: Unit, year: int, kind: str) -> str:
    """The key of the layout a new disclosure of ``unit`` gets: its jurisdiction's newest for the kind and year."""
    return layout_for(unit.department.jurisdiction.code, kind, year).key


def _department(data: DisclosureData) -> Department:
    """The document's department, created in its jurisdiction (or the default one) when it is new."""
    department = Department.objects.filter(code=data.department_code).first()
    if department is not None:
        return department
    jurisdiction = None
    if data.jurisdiction_code:
        jurisdiction, _created = Jurisdiction.objects.get_or_create(
            code=data.jurisdiction_code, defaults={"name": data.jurisdiction_name or data.jurisdiction_code}
        )
    department = Department(code=data.department_code, name=data.department_name)
    if jurisdiction is not None:
        department.jurisdiction = jurisdiction
    department.save()
    return department


@transaction.atomic
def change_layout(*, disclosure: Disclosure, layout_key: str) -> Disclosure:
    """Write a draft in another layout of its kind (a reviewer's decision); the data stay as they are."""
    if not is_layout(layout_key) or get_layout(layout_key).kind != disclosure.kind:
        raise DisclosureRefused(_("“%(layout)s”不是本类公开材料的格式。") % {"layout": layout_key})
    current = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if not current.is_editable:
        raise DisclosureRefused(_("只有草稿或退回修改的公开材料可以更换格式；已提交、审核通过或公开的不能更换。"))
    if current.layout != layout_key:
        Disclosure.objects.filter(pk=current.pk).update(layout=layout_key, lock_version=F("lock_version") + 1)
        record_content_change([current.pk])
        current.refresh_from_db()
    return current


def open_version(unit: Unit, year: int, kind: str) -> Disclosure | None:
    return (
        Disclosure.objects.filter(unit=unit, year=year, kind=kind)
        .exclude(status__in=[Status.PUBLISHED, Status.SUPERSEDED])
        .first()
    )


@transaction.atomic
def import_disclosure(*, data: DisclosureData, replace: bool = False) -> Disclosure:
    """Create or replace a unit's draft from parsed data, creating its department and unit as needed.

    Never overwrites an existing draft unless ``replace``; never touches a disclosure under review
    or published (a published one is corrected through a revision).
    """
    department = _department(data)
    unit, created = Unit.objects.get_or_create(
        code=data.unit_code, defaults={"name": data.unit_name, "type": data.unit_type, "department": department}
    )
    if not created and unit.department_id != department.id:
        raise DisclosureRefused(
            _("单位%(unit)s属于部门%(actual)s，与文档中的部门%(given)s不符。")
            % {"unit": unit.code, "actual": unit.department.code, "given": department.code}
        )
    disclosure = open_version(unit, data.year, data.kind)
    if disclosure is None:
        if Disclosure.objects.filter(unit=unit, year=data.year, kind=data.kind).exists():
            raise DisclosureRefused(
                _("%(unit)s %(year)d年的公开材料已经公开，不能覆盖；如需更正，请在平台上发起更正版本。")
                % {"unit": unit.code, "year": data.year}
            )
        disclosure = Disclosure.objects.create(
            unit=unit, year=data.year, kind=data.kind, layout=data.layout or layout_for_unit(unit, data.year, data.kind)
        )
    elif not replace:
        raise DisclosureRefused(
            _("%(unit)s %(year)d年的公开材料已存在；确认覆盖请使用 --replace（网页上传时勾选“覆盖现有数据”）。")
            % {"unit": unit.code, "year": data.year}
        )
    elif not disclosure.is_editable:
        raise DisclosureRefused(
            _("%(unit)s %(year)d年的公开材料正在审核（%(status)s），不能覆盖。")
            % {"unit": unit.code, "year": data.year, "status": disclosure.get_status_display()}
        )
    else:
        # Pages opened before the import were based on the old content: their next save is a conflict.
        Disclosure.objects.filter(pk=disclosure.pk).update(lock_version=F("lock_version") + 1)
        disclosure.refresh_from_db()
    replace_content(disclosure, data)
    return disclosure
