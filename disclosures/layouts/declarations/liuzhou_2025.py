"""Liuzhou city's unit budget from 2025 (seed 002): 5 parts, 13 sections of 情况说明, the 12 tables.

Wording in templates/narrative/liuzhou-2025/.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.layouts import slots
from disclosures.layouts.base import GlossaryEntry, Layout, PartSpec, SectionSpec
from disclosures.tables.declaration import BUDGET_TABLES, table_set

# The standard 12 tables in their standard order, as Liuzhou numbers them.
LIUZHOU_TABLES = table_set("liuzhou", BUDGET_TABLES, code=_("预算公开%(number)02d表"))

GLOSSARY = (
    GlossaryEntry(_("财政拨款收入"), _("指市本级财政部门当年拨付的资金。")),
    GlossaryEntry(_("事业收入"), _("指事业单位开展专业业务活动及辅助活动所取得的收入。")),
    GlossaryEntry(_("经营收入"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。")),
    GlossaryEntry(_("其他收入"), _("指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。")),
    GlossaryEntry(_("基本支出"), _("指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")),
    GlossaryEntry(_("项目支出"), _("指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")),
    GlossaryEntry(
        _("“三公”经费"),
        _(
            "纳入市本级财政预决算管理的“三公”经费，是指市本级各部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中：因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"
        ),
    ),
    GlossaryEntry(
        _("机关运行经费"),
        _(
            "为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"
        ),
    ),
)

LAYOUT = Layout(
    key="liuzhou-2025",
    jurisdiction="liuzhou",
    kind=Kind.BUDGET,
    first_year=2025,
    name=_("柳州市单位预算（2025年起）"),
    title=_("%(unit_code)s%(unit_name)s%(year)s年%(level)s预算公开说明"),
    template_dirs=("narrative/liuzhou-2025",),
    tables=LIUZHOU_TABLES,
    own_level=_("柳州市本级"),
    attachments_title=_("第五部分 附件"),
    glossary=GLOSSARY,
    parts=(
        PartSpec(1, "overview", _("%(unit_code)s%(unit_name)s概况"), (
            SectionSpec("duties", _("主要职责"), "duties.html", slots.duties),
            SectionSpec("organisation", _("机构设置情况"), "organisation.html", slots.organisation),
            SectionSpec("annual_tasks", _("年度主要工作任务"), "annual_tasks.html", slots.annual_tasks,
                        shown=lambda facts: bool(facts.annual_tasks)),
        )),
        PartSpec(2, "narrative", _("%(unit_code)s%(unit_name)s%(year)s年%(level)s预算情况说明"), (
            SectionSpec("overall", _("%(level)s收支总体情况说明"), "overall.html"),
            SectionSpec("income", _("%(level)s收入总体情况说明"), "income.html", slots.total),
            SectionSpec("expenditure", _("%(level)s支出总体情况说明"), "expenditure.html",
                        slots.combine(slots.function_classes, slots.basic_and_project)),
            SectionSpec("fiscal", _("财政拨款收支总体情况说明"), "fiscal.html"),
            SectionSpec("general_budget", _("一般公共预算支出情况说明"), "general_budget.html",
                        slots.combine(lambda facts: slots.purposes(facts.general_budget), slots.general_budget_empty)),
            SectionSpec("basic", _("一般公共预算基本支出情况说明"), "basic.html", slots.basic_empty),
            SectionSpec("three_public", _("一般公共预算“三公”经费支出情况说明"), "three_public.html",
                        slots.three_public),
            SectionSpec("gov_fund", _("政府性基金预算支出情况说明"), "gov_fund.html",
                        slots.combine(slots.gov_fund, lambda facts: slots.purposes(facts.gov_fund))),
            SectionSpec("state_capital", _("国有资本经营预算支出情况说明"), "state_capital.html",
                        slots.combine(lambda facts: slots.purposes(facts.state_capital), slots.state_capital_empty)),
            SectionSpec("procurement", _("政府采购预算情况说明"), "procurement.html", slots.procurement),
            SectionSpec("service_purchases", _("政府购买服务预算情况说明"), "service_purchases.html",
                        slots.service_purchases_empty),
            SectionSpec("performance", _("项目预算绩效目标情况说明"), "performance.html", slots.performance_empty),
            SectionSpec("other", _("%(year)s年%(level)s预算其他重要事项情况说明"), "other.html",
                        slots.combine(slots.operating_costs_of_agencies, slots.state_assets)),
        )),
        PartSpec(3, "tables", _("%(unit_code)s%(unit_name)s%(year)s年%(level)s预算报表"), (
            SectionSpec("table_list", "", "table_list.html"),
        )),
        PartSpec(4, "glossary", _("名词解释"), (
            SectionSpec("glossary", "", "glossary.html"),
        )),
    ),
)  # fmt: skip
