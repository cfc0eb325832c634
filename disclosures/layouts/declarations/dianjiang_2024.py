"""Dianjiang county's (Chongqing) unit budget from 2024 (seed 003): 6 sections with no parts, the contact
line, and Chongqing's 10 tables in its own order (财政拨款收支总表 first, 收支总表 sixth).

Reasons are printed for every 三公 item, changed or not; zero income sources are listed. Wording in
templates/narrative/dianjiang-2024/.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.layouts import slots
from disclosures.layouts.base import GlossaryEntry, Layout, PartSpec, Rules, SectionSpec
from disclosures.tables.declaration import Published, TableKey, base_spec, table_set

CHONGQING_TABLES = table_set(
    "chongqing",
    (
        Published(TableKey.FISCAL, title=_("财政拨款收支总表")),
        Published(TableKey.GENERAL_BUDGET, title=_("一般公共预算财政拨款支出预算表")),
        Published(TableKey.BASIC_BY_ECONOMIC, title=_("一般公共预算财政拨款基本支出预算表")),
        # Chongqing's table states the “三公” only, without 会议费 and 培训费.
        Published(
            TableKey.THREE_PUBLIC,
            title=_("一般公共预算“三公”经费支出表"),
            columns=base_spec(TableKey.THREE_PUBLIC).columns[:4],
        ),
        Published(TableKey.GOV_FUND, title=_("政府性基金预算支出表")),
        Published(TableKey.INCOME_EXPENDITURE, title=_("收支总表")),
        Published(TableKey.INCOME, title=_("收入总表")),
        Published(TableKey.EXPENDITURE, title=_("支出总表")),
        Published(TableKey.PROCUREMENT, title=_("政府采购明细表")),
        Published(TableKey.PERFORMANCE, title=_("项目绩效目标表")),
    ),
    code=_("附表%(number)d"),
)

GLOSSARY = (
    GlossaryEntry(_("财政拨款收入"), _("指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。")),
    GlossaryEntry(_("其他收入"), _("指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。")),
    GlossaryEntry(_("基本支出"), _("指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。")),
    GlossaryEntry(_("项目支出"), _("指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")),
    GlossaryEntry(_("“三公”经费"), _(
        "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。其中，因公出国（境）费"
        "反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置费反映"
        "单位公务用车购置支出（含车辆购置税）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、维修费、过路过桥费、"
        "保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"
    )),
)  # fmt: skip

LAYOUT = Layout(
    key="dianjiang-2024",
    jurisdiction="dianjiang",
    kind=Kind.BUDGET,
    first_year=2024,
    name=_("垫江县单位预算（2024年起）"),
    title=_("%(unit_name)s%(year)s年%(level)s预算情况说明"),
    template_dirs=("narrative/dianjiang-2024", "narrative/liuzhou-2025"),
    tables=CHONGQING_TABLES,
    own_level=_("本级"),
    attachments_title=_("附表"),
    glossary=GLOSSARY,
    rules=Rules(purpose_per_item=False, reasons_when_unchanged=True),
    parts=(
        PartSpec(0, "document", "", (
            SectionSpec("basics", _("%(level)s基本情况"), "basics.html", slots.combine(slots.duties, slots.organisation)),
            SectionSpec("overall", _("%(level)s收支总体情况"), "overall.html", slots.total),
            SectionSpec("budget", _("%(level)s预算情况说明"), "budget.html",
                        slots.combine(slots.general_budget_total, slots.basic_and_project, slots.purpose_texts,
                                      slots.gov_fund)),
            SectionSpec("three_public", _("“三公”经费情况说明"), "three_public.html", slots.three_public_always),
            SectionSpec("other", _("其他重要事项的情况说明"), "other.html",
                        slots.combine(slots.operating_costs_of_agencies, slots.state_assets)),
            SectionSpec("glossary", _("专业性名词解释"), "glossary.html"),
            SectionSpec("contact", "", "contact.html", slots.contact),
            SectionSpec("table_list", "", "table_list.html"),
        )),
    ),
)  # fmt: skip
