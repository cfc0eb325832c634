"""A 决算 linked to the budget of its unit and year.

The 决算 of unit U for year Y takes its 年初预算数 from U's budget of Y when the portal has one — the
published version, else the latest approved — read-only: every load of the 决算 reads them from that
budget (``linked_budget``), so the two documents cannot disagree. A 决算 without such a budget keeps the
年初预算数 its unit entered. ``create_from_budget`` starts a 决算 draft from the budget, 年初预算 filled in.
"""

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from disclosures.choices import Kind, Status
from disclosures.models import Disclosure
from disclosures.services import DisclosureRefused, layout_for_unit
from disclosures.snapshot import ZERO, DisclosureData, Line, ThreePublicRow, load, replace_content
from units.models import Unit

BUDGET_AMOUNTS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def budget_of(unit_id: int, year: int) -> Disclosure | None:
    """The unit's budget of the year a 决算 is set against: the published version, else the latest approved."""
    budgets = Disclosure.objects.filter(unit_id=unit_id, year=year, kind=Kind.BUDGET).select_related(
        "unit__department__jurisdiction"
    )
    return (
        budgets.filter(status=Status.PUBLISHED).first()
        or budgets.filter(status=Status.APPROVED).order_by("-version").first()
    )


def with_budget(final: DisclosureData, budget: DisclosureData) -> DisclosureData:
    """``final`` with every 年初预算数 the budget's: a 项 the budget has and the 决算 lacks is added (budgeted,
    not spent); a 项 the budget lacks has a budget of 0. Table 7's budget columns are the budget's table 7."""
    budgeted = {(line.function_code, line.fund): line.total for line in budget.lines}
    lines = [replace(line, budget_initial=budgeted.get((line.function_code, line.fund), ZERO)) for line in final.lines]
    present = {(line.function_code, line.fund) for line in final.lines}
    lines += [
        Line(function_code=code, fund=fund, budget_initial=amount)
        for (code, fund), amount in budgeted.items()
        if (code, fund) not in present
    ]
    by_fund = {row.fund: row for row in budget.three_public}
    rows = [
        replace(row, **{f"budget_{name}": getattr(by_fund[row.fund], name) if row.fund in by_fund else ZERO
                        for name in BUDGET_AMOUNTS})
        for row in final.three_public
    ]  # fmt: skip
    present_funds = {row.fund for row in final.three_public}
    rows += [
        ThreePublicRow(fund=fund, **{f"budget_{name}": getattr(row, name) for name in BUDGET_AMOUNTS})
        for fund, row in by_fund.items()
        if fund not in present_funds
    ]
    return replace(final, lines=lines, three_public=rows)


def linked_budget(disclosure: Disclosure, data: DisclosureData) -> DisclosureData:
    """A 决算's data with the 年初预算数 of its budget, when the portal has that budget; else as entered."""
    if disclosure.kind != Kind.FINAL:
        return data
    budget = budget_of(disclosure.unit_id, disclosure.year)
    return with_budget(data, load(budget)) if budget is not None else data


def years_to_start_from_budget(unit: Unit) -> list[int]:
    """The years, newest first, in which ``unit`` has a budget a 决算 can start from (``budget_of``) and no 决算."""
    finals = Disclosure.objects.filter(unit=unit, kind=Kind.FINAL).values("year")
    budgets = Disclosure.objects.filter(unit=unit, kind=Kind.BUDGET, status__in=[Status.PUBLISHED, Status.APPROVED])
    return list(budgets.exclude(year__in=finals).order_by("-year").values_list("year", flat=True).distinct())


@transaction.atomic
def create_from_budget(*, unit: Unit, year: int, budget: Disclosure | None = None) -> Disclosure:
    """A 决算 draft of ``unit`` for ``year`` from its budget: the same 项, 年初预算 filled in, actuals to enter
    (``replace_content`` stores the budget's 年初预算数, see ``linked_budget``). ``budget``: another version to
    start from (the demo's draft budget); by default the one ``budget_of`` finds."""
    budget = budget or budget_of(unit.pk, year)
    if budget is None:
        raise DisclosureRefused(
            _("%(unit)s %(year)d年没有已公开或已审核的预算，不能据此生成决算；请直接录入决算。")
            % {"unit": unit.code, "year": year}
        )
    if Disclosure.objects.filter(unit=unit, year=year, kind=Kind.FINAL).exists():
        raise DisclosureRefused(_("%(unit)s %(year)d年的决算已存在。") % {"unit": unit.code, "year": year})
    source = load(budget)
    draft = DisclosureData(
        year=year,
        kind=Kind.FINAL,
        department_code=source.department_code,
        department_name=source.department_name,
        unit_code=source.unit_code,
        unit_name=source.unit_name,
        unit_type=source.unit_type,
        duties=source.duties,
        organisation=source.organisation,
        contact_person=source.contact_person,
        contact_phone=source.contact_phone,
        state_assets=source.state_assets,
    )
    layout = layout_for_unit(unit, year, Kind.FINAL)
    disclosure = Disclosure.objects.create(unit=unit, year=year, kind=Kind.FINAL, layout=layout)
    replace_content(disclosure, with_budget(draft, source))
    return disclosure
