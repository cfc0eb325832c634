"""The places where a 决算 layout's text prints the unit's own words (see ``slots``): the reasons for the
changes from last year's 决算 and for each difference between 决算数 and 年初预算数."""

from django.utils.translation import gettext_lazy as _

from disclosures.narrative import reasons
from disclosures.narrative.facts import Facts
from disclosures.narrative.final_facts import EQUAL, AgainstBudget, FiscalFund
from disclosures.narrative.reasons import Slot


def gap_slot(against: AgainstBudget, subject: str, explanations: dict[str, str]) -> list[Slot]:
    """A box for why 决算数 differs from 年初预算数, where they differ."""
    if against.direction == EQUAL:
        return []
    return [reasons.explanation_slot(against.key, subject, explanations)]


def total(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.final.total, _("收支总计（收入、支出决算总体增减的主要原因）"))


def spent(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.final.spent, _("本年支出合计"))


def fiscal(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.final.fiscal_income, _("财政拨款收支总体"))


def _fund_gaps(fund: FiscalFund, subject: str, facts: Facts) -> list[Slot]:
    slots = gap_slot(fund.against, subject, facts.explanations)
    for item in fund.items:
        slots += gap_slot(item.against, f"{item.code} {item.item_name}（决算数与年初预算数的差异）", facts.explanations)
    return slots


def general_budget(facts: Facts) -> list[Slot]:
    fund = facts.final.general_budget
    return [
        *reasons.change_slot(fund.spent, _("一般公共预算财政拨款支出")),
        *_fund_gaps(fund, _("一般公共预算财政拨款支出（决算数与年初预算数的差异）"), facts),
    ]


def three_public(facts: Facts) -> list[Slot]:
    three = facts.final.three_public
    slots = gap_slot(three.total, _("“三公”经费（决算数与预算数的差异）"), facts.explanations)
    slots += reasons.change_slot(three.change, _("“三公”经费合计"))
    for key in ("abroad", "vehicle", "reception"):
        item = three.item(key)
        slots += reasons.change_slot(item.change, item.label)
        slots.append(reasons.explanation_slot(reasons.purpose(key), f"{item.label}（开支内容、主要用于）",
                                              facts.explanations))  # fmt: skip
    return slots


def gov_fund(facts: Facts) -> list[Slot]:
    return _fund_gaps(facts.final.gov_fund, _("政府性基金预算财政拨款支出（决算数与年初预算数的差异）"), facts)


def state_capital(facts: Facts) -> list[Slot]:
    return _fund_gaps(facts.final.state_capital, _("国有资本经营预算财政拨款支出（决算数与年初预算数的差异）"), facts)
