"""The places where a layout's text prints the unit's own words, as building blocks for declarations.

Each function takes the facts and returns the :class:`~disclosures.narrative.reasons.Slot` s of one
passage; a layout's section lists the passages its text prints, so the explanations page offers a box
exactly where the document will print what is written in it.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.narrative import reasons
from disclosures.narrative.facts import Facts, LinesSummary
from disclosures.narrative.reasons import Slot
from disclosures.tables.declaration import TableKey


def purposes(summary: LinesSummary) -> list[Slot]:
    """What each 项 of a fund is 主要用于."""
    return [
        reasons.purpose_slot(item.code, item.fund, item.index, f"{item.code} {item.item_name}", item.purpose)
        for item in summary.items
    ]


def duties(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("duties", _("主要职责"), facts.duties)]


def organisation(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("organisation", _("机构设置情况"), facts.organisation)]


def annual_tasks(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("annual_tasks", _("年度主要工作任务"), facts.annual_tasks)]


def state_assets(facts: Facts) -> list[Slot]:
    return [reasons.text_slot("state_assets", _("国有资产占用情况"), facts.state_assets)]


def total(facts: Facts) -> list[Slot]:
    """One reason for the whole budget serves both 收入 and 支出 (they balance); a separate one for each
    is kept where the unit gave it (an imported document may carry income_change or expenditure_change)."""
    slots = reasons.change_slot(facts.total, _("收支总预算（收入、支出预算总体增减的主要原因）"))
    if facts.income.total.key == reasons.INCOME:
        slots += reasons.change_slot(facts.income.total, _("收入预算总体"))
    if facts.expenditure.overall.key == reasons.EXPENDITURE:
        slots += reasons.change_slot(facts.expenditure.overall, _("支出预算总体"))
    return slots


def function_classes(facts: Facts) -> list[Slot]:
    return [slot for item in facts.expenditure.classes for slot in reasons.change_slot(item.change, item.name)]


def general_budget_classes(facts: Facts) -> list[Slot]:
    return [slot for item in facts.general_budget.classes for slot in reasons.change_slot(item.change, item.name)]


def basic_and_project(facts: Facts) -> list[Slot]:
    return [
        *reasons.change_slot(facts.expenditure.basic, _("基本支出")),
        *reasons.change_slot(facts.expenditure.project, _("项目支出")),
    ]


def purpose_texts(facts: Facts) -> list[Slot]:
    """What 基本支出 and 项目支出 as a whole are 主要用于 (Chongqing's section 三)."""
    return [
        reasons.explanation_slot(reasons.BASIC_PURPOSE, _("基本支出主要用于"), facts.explanations),
        reasons.explanation_slot(reasons.PROJECT_PURPOSE, _("项目支出主要用于"), facts.explanations),
    ]


def contact(facts: Facts) -> list[Slot]:
    return [
        reasons.text_slot("contact_person", _("公开联系人"), facts.contact_person),
        reasons.text_slot("contact_phone", _("联系电话"), facts.contact_phone),
    ]


def fiscal(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.fiscal.change, _("财政拨款收支总体"))


def general_budget_total(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.general_budget.total, _("一般公共预算支出总体"))


def general_budget_empty(facts: Facts) -> list[Slot]:
    summary = facts.general_budget
    return reasons.empty_slot(TableKey.GENERAL_BUDGET, summary.is_empty, _("一般公共预算支出"), facts.explanations)


def general_basic_total(facts: Facts) -> list[Slot]:
    return reasons.change_slot(facts.basic.change, _("一般公共预算基本支出总体"))


def economic_items(facts: Facts) -> list[Slot]:
    """The reason for the change of each economic 款 (or 类) the text lists."""
    return [slot for item in facts.basic.economic for slot in reasons.change_slot(item.change, item.label)]


def basic_empty(facts: Facts) -> list[Slot]:
    return reasons.empty_slot(
        TableKey.BASIC_BY_ECONOMIC, facts.basic.is_empty, _("一般公共预算基本支出"), facts.explanations
    )


def three_public(facts: Facts) -> list[Slot]:
    three = facts.three_public
    return [
        *reasons.change_slot(three.total, _("“三公”经费合计")),
        *reasons.change_slot(three.abroad, _("因公出国（境）费")),
        *reasons.change_slot(three.reception, _("公务接待费")),
        *reasons.change_slot(three.vehicle, _("公务用车购置及运行维护费")),
        *reasons.change_slot(three.vehicle_purchase, _("公务用车购置费")),
        *reasons.change_slot(three.vehicle_operation, _("公务用车运行维护费")),
    ]


def three_public_always(facts: Facts) -> list[Slot]:
    """Each 三公 item's reason whether or not it changed (Chongqing prints one for every item)."""
    three = facts.three_public
    return [
        *reasons.reason_slot(three.total, _("“三公”经费合计")),
        *reasons.reason_slot(three.abroad, _("因公出国（境）费")),
        *reasons.reason_slot(three.reception, _("公务接待费")),
        *reasons.reason_slot(three.vehicle_operation, _("公务用车运行维护费")),
        *reasons.reason_slot(three.vehicle_purchase, _("公务用车购置费")),
    ]


def gov_fund(facts: Facts) -> list[Slot]:
    summary = facts.gov_fund
    return [
        *reasons.change_slot(summary.total, _("政府性基金预算支出")),
        *reasons.empty_slot(TableKey.GOV_FUND, summary.is_empty, _("政府性基金预算支出"), facts.explanations),
    ]


def state_capital_empty(facts: Facts) -> list[Slot]:
    summary = facts.state_capital
    return reasons.empty_slot(TableKey.STATE_CAPITAL, summary.is_empty, _("国有资本经营预算支出"), facts.explanations)


def procurement(facts: Facts) -> list[Slot]:
    procurement = facts.procurement
    return [
        *reasons.change_slot(procurement.total, _("政府采购预算")),
        *reasons.change_slot(procurement.centralized, _("政府集中采购预算")),
        *reasons.change_slot(procurement.decentralized, _("分散采购预算")),
        *reasons.empty_slot(TableKey.PROCUREMENT, procurement.is_empty, _("政府采购预算"), facts.explanations),
    ]


def procurement_note(facts: Facts) -> list[Slot]:
    """What the unit says about its procurement (what the 货物类 and 服务类 are), whether or not it changed."""
    return reasons.reason_slot(facts.procurement.total, _("政府采购预算情况说明"))


def service_purchases_empty(facts: Facts) -> list[Slot]:
    summary = facts.service_purchases
    return reasons.empty_slot(TableKey.SERVICE_PURCHASES, summary.is_empty, _("政府购买服务预算"), facts.explanations)


def performance_empty(facts: Facts) -> list[Slot]:
    return reasons.empty_slot(TableKey.PERFORMANCE, facts.performance.is_empty, _("项目绩效目标"), facts.explanations)


def operating_costs(facts: Facts) -> list[Slot]:
    """The reason for the change of 单位运行经费, reported by every unit (Liujiang)."""
    return reasons.change_slot(facts.operating_costs.change, _("单位运行经费"))


def operating_costs_of_agencies(facts: Facts) -> list[Slot]:
    """The reason for the change of 机关运行经费, reported by 行政单位 and 参公 units only."""
    if not facts.operating_costs.of_agency:
        return []
    return reasons.change_slot(facts.operating_costs.change, _("机关运行经费"))


def combine(*passages):
    """A section's slots: the slots of each passage it prints, in order."""

    def slots(facts: Facts) -> list[Slot]:
        return [slot for passage in passages for slot in passage(facts)]

    return slots
