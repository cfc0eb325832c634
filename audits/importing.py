"""An audited document made into portal data: a disclosure of its own, or last year's figures of one.

Bureaus hold last year's disclosures only as published PDFs; read back, such a PDF gives this
year's disclosure its prior-year figures (``PriorYear``) instead of retyping them. Both go through
the authoring side's own paths: ``import_disclosure`` for a new draft, and for the prior year the
figures ``disclosures.checks.yoy.prior_from`` compares years with.
"""

from django.db import transaction

from audits.conversion import NotConvertible, to_disclosure_data
from audits.structure import AuditDocument
from disclosures.checks.yoy import prior_from
from disclosures.models import FROZEN_STATUSES, PRIOR_YEAR_AMOUNT_FIELDS, Disclosure, PriorYear, PriorYearFunctionClass
from disclosures.services import DisclosureRefused, import_disclosure


class ImportRefused(Exception):
    """The audited document cannot be imported there; the message says why."""


def import_as_disclosure(document: AuditDocument, *, replace: bool = False) -> Disclosure:
    try:
        return import_disclosure(data=to_disclosure_data(document), replace=replace)
    except (NotConvertible, DisclosureRefused) as exc:
        raise ImportRefused(str(exc)) from exc


def next_year_disclosure(unit_code: str, year: int) -> Disclosure:
    """The unit's open disclosure of the year after ``year``: the one last year's figures belong to."""
    disclosure = (
        Disclosure.objects.for_unit_year(unit_code, year + 1)
        .exclude(status__in=FROZEN_STATUSES)
        .select_related("unit")
        .first()
    )
    if disclosure is None:
        raise ImportRefused(f"{unit_code}还没有{year + 1}年可编辑的公开材料。")
    return disclosure


@transaction.atomic
def use_as_prior_year(document: AuditDocument, disclosure: Disclosure | None = None) -> PriorYear:
    """Replace the prior-year figures of ``disclosure`` (by default the unit's next year) with the document's."""
    try:
        data = to_disclosure_data(document)
    except NotConvertible as exc:
        raise ImportRefused(str(exc)) from exc
    disclosure = disclosure or next_year_disclosure(data.unit_code, data.year)
    if data.unit_code != disclosure.unit.code or data.year != disclosure.year - 1:
        raise ImportRefused(
            f"文档是{data.unit_code} {data.year}年的公开材料，"
            f"不能作为{disclosure.unit.code} {disclosure.year}年的上年数。"
        )
    if not disclosure.is_editable:
        raise ImportRefused(
            f"{disclosure.unit.code} {disclosure.year}年的公开材料当前为“{disclosure.get_status_display()}”，"
            "不能修改上年数。"
        )
    prior = prior_from(data)
    PriorYear.objects.filter(disclosure=disclosure).delete()
    row = PriorYear.objects.create(
        disclosure=disclosure, year=prior.year, **{name: prior.get(name) for name in PRIOR_YEAR_AMOUNT_FIELDS}
    )
    PriorYearFunctionClass.objects.bulk_create(
        PriorYearFunctionClass(prior_year=row, class_code=code, amount=amount)
        for code, amount in prior.function_class.items()
        if amount
    )
    return row
