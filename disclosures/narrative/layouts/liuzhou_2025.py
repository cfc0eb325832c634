"""Liuzhou city from 2025 (seed 002): 5 parts, 13 sections of 情况说明; wording in templates/narrative/liuzhou-2025/."""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.narrative import reasons
from disclosures.narrative.facts import Facts, LinesSummary
from disclosures.narrative.layouts.base import Layout, PartSpec, SectionSpec
from disclosures.narrative.reasons import Slot


# The places where the Liuzhou 2025 text prints what the unit wrote.
def _purposes(summary: LinesSummary) -> list[Slot]:
    return [
        reasons.purpose_slot(item.code, item.fund, item.index, f"{item.code} {item.item_name}", item.purpose)
        for item in summary.items
    ]


def _overview_slots(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("duties", _("主要职责"), facts.duties)]


def _organisation_slots(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("organisation", _("机构设置情况"), facts.organisation)]


def _annual_task_slots(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("annual_tasks", _("年度主要工作任务"), facts.annual_tasks)]


def _income_slots(facts: Facts) -> list[Slot]:
    # One reason for the whole budget serves both 收入 and 支出 (they balance); a separate one for
    # each is kept where the unit gave it (an imported document may carry income_change).
    slots = reasons.change_slot(facts.total, _("收支总预算（收入、支出预算总体增减的主要原因）"))
    if facts.income.total.key == reasons.INCOME:
        slots += reasons.change_slot(facts.income.total, _("收入预算总体"))
    return slots


def _expenditure_slots(facts: Facts) -> list[Slot]:
    slots = []
    if facts.expenditure.overall.key == reasons.EXPENDITURE:
        slots += reasons.change_slot(facts.expenditure.overall, _("支出预算总体"))
    slots += [slot for item in facts.expenditure.classes for slot in reasons.change_slot(item.change, item.name)]
    slots += reasons.change_slot(facts.expenditure.basic, _("基本支出"))
    slots += reasons.change_slot(facts.expenditure.project, _("项目支出"))
    return slots


def _general_budget_slots(facts: Facts) -> list[Slot]:
    summary = facts.general_budget
    return _purposes(summary) + reasons.empty_slot(5, summary.is_empty, _("一般公共预算支出"), facts.explanations)


def _basic_slots(facts: Facts) -> list[Slot]:
    return reasons.empty_slot(6, facts.basic.is_empty, _("一般公共预算基本支出"), facts.explanations)


def _three_public_slots(facts: Facts) -> list[Slot]:
    three = facts.three_public
    return [
        *reasons.change_slot(three.total, _("“三公”经费合计")),
        *reasons.change_slot(three.abroad, _("因公出国（境）费")),
        *reasons.change_slot(three.reception, _("公务接待费")),
        *reasons.change_slot(three.vehicle, _("公务用车购置及运行维护费")),
        *reasons.change_slot(three.vehicle_purchase, _("公务用车购置费")),
        *reasons.change_slot(three.vehicle_operation, _("公务用车运行维护费")),
    ]


def _gov_fund_slots(facts: Facts) -> list[Slot]:
    summary = facts.gov_fund
    return [
        *reasons.change_slot(summary.total, _("政府性基金预算支出")),
        *_purposes(summary),
        *reasons.empty_slot(8, summary.is_empty, _("政府性基金预算支出"), facts.explanations),
    ]


def _state_capital_slots(facts: Facts) -> list[Slot]:
    summary = facts.state_capital
    return _purposes(summary) + reasons.empty_slot(9, summary.is_empty, _("国有资本经营预算支出"), facts.explanations)


def _procurement_slots(facts: Facts) -> list[Slot]:
    procurement = facts.procurement
    return [
        *reasons.change_slot(procurement.total, _("政府采购预算")),
        *reasons.change_slot(procurement.centralized, _("政府集中采购预算")),
        *reasons.change_slot(procurement.decentralized, _("分散采购预算")),
        *reasons.empty_slot(10, procurement.is_empty, _("政府采购预算"), facts.explanations),
    ]


def _service_purchase_slots(facts: Facts) -> list[Slot]:
    return reasons.empty_slot(11, facts.service_purchases.is_empty, _("政府购买服务预算"), facts.explanations)


def _performance_slots(facts: Facts) -> list[Slot]:
    return reasons.empty_slot(12, facts.performance.is_empty, _("项目绩效目标"), facts.explanations)


def _other_slots(facts: Facts) -> list[Slot]:
    slots = []
    if facts.operating_costs.applies:
        slots += reasons.change_slot(facts.operating_costs.change, _("机关运行经费"))
    return [*slots, reasons.text_slot("state_assets", _("国有资产占用情况"), facts.state_assets)]


LIUZHOU_2025 = Layout(
    key="liuzhou-2025",
    jurisdiction="liuzhou",
    kind=Kind.BUDGET,
    first_year=2025,
    jurisdiction_name=_("柳州市"),
    title=_("%(unit_code)s%(unit_name)s%(year)s年单位预算公开说明"),
    template_dirs=("narrative/liuzhou-2025",),
    parts=(
        PartSpec(1, "overview", _("%(unit_code)s%(unit_name)s概况"), (
            SectionSpec("duties", _("主要职责"), "duties.html", _overview_slots),
            SectionSpec("organisation", _("机构设置情况"), "organisation.html", _organisation_slots),
            SectionSpec("annual_tasks", _("年度主要工作任务"), "annual_tasks.html", _annual_task_slots,
                        shown=lambda facts: bool(facts.annual_tasks)),
        )),
        PartSpec(2, "narrative", _("%(unit_code)s%(unit_name)s%(year)s年单位预算情况说明"), (
            SectionSpec("overall", _("单位收支总体情况说明"), "overall.html"),
            SectionSpec("income", _("单位收入总体情况说明"), "income.html", _income_slots),
            SectionSpec("expenditure", _("单位支出总体情况说明"), "expenditure.html", _expenditure_slots),
            SectionSpec("fiscal", _("财政拨款收支总体情况说明"), "fiscal.html"),
            SectionSpec("general_budget", _("一般公共预算支出情况说明"), "general_budget.html",
                        _general_budget_slots),
            SectionSpec("basic", _("一般公共预算基本支出情况说明"), "basic.html", _basic_slots),
            SectionSpec("three_public", _("一般公共预算“三公”经费支出情况说明"), "three_public.html",
                        _three_public_slots),
            SectionSpec("gov_fund", _("政府性基金预算支出情况说明"), "gov_fund.html", _gov_fund_slots),
            SectionSpec("state_capital", _("国有资本经营预算支出情况说明"), "state_capital.html",
                        _state_capital_slots),
            SectionSpec("procurement", _("政府采购预算情况说明"), "procurement.html", _procurement_slots),
            SectionSpec("service_purchases", _("政府购买服务预算情况说明"), "service_purchases.html",
                        _service_purchase_slots),
            SectionSpec("performance", _("项目预算绩效目标情况说明"), "performance.html", _performance_slots),
            SectionSpec("other", _("%(year)s年单位预算其他重要事项情况说明"), "other.html", _other_slots),
        )),
        PartSpec(3, "tables", _("%(unit_code)s%(unit_name)s%(year)s年单位预算报表"), (
            SectionSpec("table_list", "", "table_list.html"),
        )),
        PartSpec(4, "glossary", _("名词解释"), (
            SectionSpec("glossary", "", "glossary.html"),
        )),
    ),
)  # fmt: skip
