"""Today's national 决算公开 (the 9 tables of 《部门决算公开》 since 2021) with its standard narrative.

A 决算 of a jurisdiction without a 决算 layout of its own is written in this one (``DEFAULT_FINAL_LAYOUT_KEY``).
Its 情况说明: 收入支出决算总体情况, 收入决算 and 支出决算 with shares, 财政拨款收入支出决算总体情况,
一般公共预算财政拨款支出决算 (total, structure by 类 with shares, each 项 with 年初预算, 决算, 完成率 and the
reason for the difference), 基本支出, “三公” (budget against actual, shares and counts), 政府性基金,
国有资本经营, then 机关运行经费, 政府采购, 国有资产 and 绩效评价. Wording in templates/narrative/national-final/,
falling back on seed 001's (liujiang-2017-final) where the sentences are the same.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.layouts import final_slots, slots
from disclosures.layouts.base import OPERATING_COSTS_OF_AGENCIES, GlossaryEntry, Layout, PartSpec, Rules, SectionSpec
from disclosures.tables.declaration import Published, TableKey, table_set
from disclosures.tables.final_declaration import FUNCTION_TOTALS

TABLES = table_set(
    "national-final",
    [
        TableKey.FINAL_INCOME_EXPENDITURE,
        TableKey.FINAL_INCOME,
        TableKey.FINAL_EXPENDITURE,
        TableKey.FINAL_FISCAL,
        Published(TableKey.GENERAL_BUDGET, title=_("一般公共预算财政拨款支出决算表"), columns=FUNCTION_TOTALS),
        Published(TableKey.BASIC_BY_ECONOMIC, title=_("一般公共预算财政拨款基本支出决算表")),
        Published(TableKey.FINAL_THREE_PUBLIC, title=_("一般公共预算财政拨款“三公”经费支出决算表")),
        TableKey.FINAL_GOV_FUND,
        Published(TableKey.STATE_CAPITAL, title=_("国有资本经营预算财政拨款支出决算表"), columns=FUNCTION_TOTALS),
    ],
    code=_("表%(number)d"),
)

GLOSSARY = (
    GlossaryEntry(_("财政拨款收入"), _("指本级财政当年拨付的资金。")),
    GlossaryEntry(_("事业收入"), _("指事业单位开展专业业务活动及其辅助活动取得的收入。")),
    GlossaryEntry(_("经营收入"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。")),
    GlossaryEntry(_("其他收入"), _("指单位取得的除上述收入以外的各项收入。")),
    GlossaryEntry(_("使用非财政拨款结余"), _("指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。")),
    GlossaryEntry(_("年初结转和结余"), _("指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")),
    GlossaryEntry(_("结余分配"), _("指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税，以及建设单位按规定应交回的基本建设竣工项目结余资金。")),
    GlossaryEntry(_("年末结转和结余"), _("指单位按有关规定结转到下年或以后年度继续使用的资金。")),
    GlossaryEntry(_("基本支出"), _("指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")),
    GlossaryEntry(_("项目支出"), _("指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")),
    GlossaryEntry(_("经营支出"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。")),
    GlossaryEntry(_("“三公”经费"), _("指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。")),
    GlossaryEntry(_("机关运行经费"), _("指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。")),
)  # fmt: skip

LAYOUT = Layout(
    key="national-final-2021",
    jurisdiction="national",
    kind=Kind.FINAL,
    first_year=2021,
    name=_("全国部门决算公开（9张表，2021年起）"),
    title=_("%(unit_name)s%(year)s年度部门决算"),
    template_dirs=("narrative/national-final", "narrative/liujiang-2017-final", "narrative/liujiang-2024",
                   "narrative/liuzhou-2025"),
    tables=TABLES,
    own_level=_("本级"),
    attachments_title=_("决算表"),
    glossary=GLOSSARY,
    rules=Rules(purpose_per_item=False, operating_costs=OPERATING_COSTS_OF_AGENCIES),
    parts=(
        PartSpec(1, "overview", _("部门概况"), (
            SectionSpec("duties", _("主要职能"), "duties.html", slots.duties),
            SectionSpec("organisation", _("机构设置"), "organisation.html", slots.organisation),
        )),
        PartSpec(2, "tables", _("%(year)s年度部门决算表"), (
            SectionSpec("table_list", "", "table_list.html"),
        )),
        PartSpec(3, "narrative", _("%(year)s年度部门决算情况说明"), (
            SectionSpec("overall", _("收入支出决算总体情况说明"), "overall.html", final_slots.total),
            SectionSpec("income", _("收入决算情况说明"), "income.html"),
            SectionSpec("expenditure", _("支出决算情况说明"), "expenditure.html", final_slots.spent),
            SectionSpec("fiscal", _("财政拨款收入支出决算总体情况说明"), "fiscal.html", final_slots.fiscal),
            SectionSpec("general_budget", _("一般公共预算财政拨款支出决算情况说明"), "general_budget.html",
                        final_slots.general_budget),
            SectionSpec("basic", _("一般公共预算财政拨款基本支出决算情况说明"), "basic.html"),
            SectionSpec("three_public", _("一般公共预算财政拨款“三公”经费支出决算情况说明"), "three_public.html",
                        final_slots.three_public),
            SectionSpec("gov_fund", _("政府性基金预算财政拨款收入支出决算情况说明"), "gov_fund.html",
                        final_slots.gov_fund),
            SectionSpec("state_capital", _("国有资本经营预算财政拨款支出决算情况说明"), "state_capital.html",
                        final_slots.state_capital),
            SectionSpec("other", _("其他重要事项的情况说明"), "other.html", slots.operating_costs_of_agencies),
        )),
        PartSpec(4, "glossary", _("名词解释"), (
            SectionSpec("glossary", "", "glossary.html"),
        )),
    ),
)  # fmt: skip
