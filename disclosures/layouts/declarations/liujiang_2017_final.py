"""Liujiang district's 部门决算 from 2017 (seed 001): 4 parts — 概况, the 8 tables, 情况说明 in 9 sections,
名词解释.

The tables in seed 001's order: 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
一般公共预算财政拨款支出决算表, …基本支出决算表, …“三公”经费支出决算表, 政府性基金预算财政拨款收入支出决算表.
Its 情况说明 sets every fiscal 项 against its 年初预算 (完成率 and the reason for the difference), “三公”
budget against actual with shares and counts, and 机关运行经费, 政府采购 (中小企业, 小微企业), 国有资产 and
绩效评价. Wording in templates/narrative/liujiang-2017-final/.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.layouts import final_slots, slots
from disclosures.layouts.base import OPERATING_COSTS_OF_AGENCIES, GlossaryEntry, Layout, PartSpec, Rules, SectionSpec
from disclosures.tables.declaration import Published, TableKey, table_set
from disclosures.tables.final_declaration import FUNCTION_TOTALS

TABLES = table_set(
    "liujiang-final",
    [
        TableKey.FINAL_INCOME_EXPENDITURE,
        TableKey.FINAL_INCOME,
        TableKey.FINAL_EXPENDITURE,
        TableKey.FINAL_FISCAL,
        Published(TableKey.GENERAL_BUDGET, title=_("一般公共预算财政拨款支出决算表"), columns=FUNCTION_TOTALS),
        Published(TableKey.BASIC_BY_ECONOMIC, title=_("一般公共预算财政拨款基本支出决算表")),
        Published(TableKey.FINAL_THREE_PUBLIC, title=_("一般公共预算财政拨款安排的“三公”经费支出决算表")),
        Published(TableKey.FINAL_GOV_FUND, title=_("政府性基金预算财政拨款收入支出决算表")),
    ],
    code=_("表%(number)d"),
)

GLOSSARY = (
    GlossaryEntry(_("财政拨款收入"), _("指自治区财政部门当年拨付的资金。")),
    GlossaryEntry(_("事业收入"), _("指事业单位开展专业业务活动及辅助活动所取得的收入。")),
    GlossaryEntry(_("经营收入"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。")),
    GlossaryEntry(_("其他收入"), _("指除上述“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。")),
    GlossaryEntry(_("用事业基金弥补收支差额"), _("指事业单位在当年的“财政拨款收入”、“事业收入”、“经营收入”、“其他收入”不足以安排当年支出的情况下，使用以前年度积累的事业基金（事业单位当年收支相抵后按国家规定提取、用于弥补以后年度收支差额的基金）弥补本年度收支缺口的资金。")),
    GlossaryEntry(_("年初结转和结余"), _("指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")),
    GlossaryEntry(_("结余分配"), _("指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税，以及建设单位按规定应交回的基本建设竣工项目结余资金。")),
    GlossaryEntry(_("年末结转和结余"), _("指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。")),
    GlossaryEntry(_("基本支出"), _("指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")),
    GlossaryEntry(_("项目支出"), _("指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")),
    GlossaryEntry(_("经营支出"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。")),
    GlossaryEntry(_("“三公”经费"), _("纳入自治区财政预决算管理的“三公”经费，是指自治区本级各部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。")),
    GlossaryEntry(_("机关运行经费"), _("为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。")),
)  # fmt: skip

LAYOUT = Layout(
    key="liujiang-2017-final",
    jurisdiction="liujiang",
    kind=Kind.FINAL,
    first_year=2017,
    name=_("柳江区部门决算（2017年起）"),
    title=_("%(unit_name)s%(year)s年部门决算公开"),
    template_dirs=("narrative/liujiang-2017-final", "narrative/liujiang-2024", "narrative/liuzhou-2025"),
    tables=TABLES,
    own_level=_("本级"),
    attachments_title=_("报表"),
    part_heading="%(label)s：%(title)s",
    glossary=GLOSSARY,
    rules=Rules(purpose_per_item=False, operating_costs=OPERATING_COSTS_OF_AGENCIES),
    parts=(
        PartSpec(1, "overview", _("%(unit_name)s概况"), (
            SectionSpec("duties", _("主要职能"), "duties.html", slots.duties),
            SectionSpec("organisation", _("部门决算单位构成"), "organisation.html", slots.organisation),
        )),
        PartSpec(2, "tables", _("%(unit_name)s%(year)s年部门决算报表"), (
            SectionSpec("table_list", "", "table_list.html"),
        )),
        PartSpec(3, "narrative", _("%(unit_name)s%(year)s年度部门决算情况说明"), (
            SectionSpec("overall", _("%(year)s年度收入支出决算总体情况"), "overall.html", final_slots.total),
            SectionSpec("income", _("%(year)s年度收入决算情况"), "income.html"),
            SectionSpec("expenditure", _("%(year)s年度支出决算情况"), "expenditure.html", final_slots.spent),
            SectionSpec("fiscal", _("%(year)s年度财政拨款收入支出决算情况"), "fiscal.html", final_slots.fiscal),
            SectionSpec("general_budget", _("%(year)s年度一般公共预算财政拨款支出决算情况"), "general_budget.html",
                        final_slots.general_budget),
            SectionSpec("basic", _("%(year)s年度一般公共预算财政拨款基本支出决算情况"), "basic.html"),
            SectionSpec("three_public", _("%(year)s年度一般公共预算财政拨款“三公”经费支出决算情况"),
                        "three_public.html", final_slots.three_public),
            SectionSpec("gov_fund", _("%(year)s年度政府性基金预算财政拨款收入支出决算情况说明"), "gov_fund.html",
                        final_slots.gov_fund),
            SectionSpec("other", _("其他重要事项情况说明"), "other.html", slots.operating_costs_of_agencies),
        )),
        PartSpec(4, "glossary", _("名词解释"), (
            SectionSpec("glossary", "", "glossary.html"),
        )),
    ),
)  # fmt: skip
