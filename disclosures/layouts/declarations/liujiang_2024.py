"""Liujiang district's unit budget from 2024 (seeds 000 and 004): 4 parts, 10 sections of 情况说明.

Section 五 lists 一般公共预算 by 类, each with its share of 一般公共预算支出; section 六 lists each economic
款 with its change and reason; section 十 reports 单位运行经费 for every unit type, 政府采购, 政府购买服务,
国有资产 and 绩效目标 with a paragraph for each 重点项目. No per-项 主要用于. The tables are the standard 12,
numbered 表1 … 表12. Wording in templates/narrative/liujiang-2024/ (概况 texts from liuzhou-2025's).
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.layouts import slots
from disclosures.layouts.base import (
    OPERATING_COSTS_OF_EVERY_UNIT,
    SHARE_OF_GENERAL_BUDGET,
    GlossaryEntry,
    Layout,
    PartSpec,
    Rules,
    SectionSpec,
)
from disclosures.tables.declaration import BUDGET_TABLES, Published, TableKey, table_set

LIUJIANG_TABLES = table_set(
    "liujiang",
    [
        Published(key, title=_("财政拨款“三公”经费、会议费和培训费支出情况表")) if key == TableKey.THREE_PUBLIC else key
        for key in BUDGET_TABLES
    ],
    code=_("表%(number)d"),
)

GLOSSARY = (
    GlossaryEntry(_("一般公共预算"), _("一般公共预算是对以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、维持国家机构正常运转等方面的收支预算。")),
    GlossaryEntry(_("政府性基金预算"), _("政府性基金预算是对依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式筹集的资金，专项用于特定公共事业发展的收支预算。")),
    GlossaryEntry(_("国有资本经营预算"), _("国有资本经营预算是对国有资本收益做出支出安排的收支预算。")),
    GlossaryEntry(_("财政拨款收入"), _("指财政单位当年拨付的资金。")),
    GlossaryEntry(_("非税收入"), _("指除税收以外，由各级政府、国家机关、事业单位、代行政府职能的社会团体及其他组织依法利用政府权力、政府信誉、国家资源、国有资产或提供特定公共服务、准公共服务取得并用于满足社会公共需要或准公共需要的财政资金。主要包括：政府性基金收入、专项收入、行政事业性收费收入、罚没收入、国有资本经营收入、国有资源（资产）有偿使用收入、捐赠收入、政府住房基金收入、其他收入")),
    GlossaryEntry(_("事业收入"), _("指事业单位开展专业业务活动及辅助活动所取得的收入。")),
    GlossaryEntry(_("经营收入"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。")),
    GlossaryEntry(_("其他收入"), _("指除上述“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。")),
    GlossaryEntry(_("上年结转和结余"), _("指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")),
    GlossaryEntry(_("基本支出"), _("指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")),
    GlossaryEntry(_("项目支出"), _("指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")),
    GlossaryEntry(_("经营支出"), _("指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。")),
    GlossaryEntry(_("“三公”经费"), _("指各单位用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。")),
    GlossaryEntry(_("运行经费"), _("为保障单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。")),
    GlossaryEntry(_("支出类常用科目的说明"), entries=(
        GlossaryEntry(_("一般公共服务"), _("反映政府提供一般公共服务的支出。主要包括：人大事务、政协事务、政府办公厅（室）及相关机构事务、发展与改革事务、统计信息事务、财政事务、税收事务、审计事务、海关事务、人力资源事务、纪检监察事务、商贸事务、知识产权事务、民族事务、宗教事务、港澳台侨事务、市场监督管理事务等。")),
        GlossaryEntry(_("国防"), _("反映政府用于国防方面的支出。主要包括：现役部队、国防动员等。")),
        GlossaryEntry(_("公共安全"), _("反映政府维护社会公共安全方面的支出。主要包括：武装警察部队、公安、国家安全、检察、法院、司法、监狱、强制隔离戒毒、国家保密等。")),
        GlossaryEntry(_("教育"), _("反映政府教育支出情况。主要包括：教育管理事务、普通教育、职业教育、成人教育、广播电视教育、留学教育、特殊教育、进修及培训、教育费附加安排的支出等。")),
        GlossaryEntry(_("科学技术"), _("反映用于科学技术方面的支出。主要包括：科学技术管理事务、基础研究、应用研究、技术研究与开发、科技条件与服务、社会科学、科学技术普及、科技交流与合作等。")),
        GlossaryEntry(_("文化旅游体育与传媒"), _("反映政府在文化、旅游、文物、体育、广播影视、电影、新闻出版等方面的支出。主要包括：文化和旅游、文物、体育、新闻出版电影等。")),
        GlossaryEntry(_("社会保障和就业"), _("反映政府在社会保障与就业方面的支出。主要包括：人力资源和社会保障管理事务、民政管理事务、补充全国社会保障基金、行政事业单位离退休、企业改革补助、就业补助、抚恤、退役安置、社会福利、残疾人事业、自然灾害生活救助、红十字事业、最低生活保障、临时救助、特困人员供养等。")),
        GlossaryEntry(_("卫生健康"), _("反映政府卫生健康方面的支出。主要包括：卫生健康管理事务、公立医院、基层医疗卫生机构、公共卫生、中医药、计划生育事务等。")),
        GlossaryEntry(_("节能环保"), _("反映政府环境保护支出。主要包括：环境保护管理事务、环境监测与监察、污染防治、自然生态保护、天然林保护、退耕还林、风沙荒漠治理、退牧还草、已垦草原退耕还草等。")),
        GlossaryEntry(_("城乡社区"), _("反映政府城乡社区事务支出。主要包括：城乡社区管理事务、城乡社区规划与管理、城乡社区公共设施、城乡社区环境卫生、建设市场管理与监督、政府住房基金及对应专项债务收入安排的支出、国有土地使用权出让收入及对应专项债务收入安排的支出等。")),
        GlossaryEntry(_("农林水"), _("反映政府农林水事务支出。主要包括：农业、林业和草原、水利、南水北调、扶贫、农业综合开发等。")),
        GlossaryEntry(_("交通运输"), _("反映政府交通运输和邮政业方面的支出。包括公路水路运输支出、铁路运输支出、民用航空运输支出和邮政业支出等。")),
        GlossaryEntry(_("资源勘探工业信息等"), _("反映用于资源勘探、制造业、建筑业、工业信息等方面支出。具体包括：资源勘探业开发、制造业、建筑业、工业和信息产业监管、国有资产监管、支持中小企业发展和管理支出等。")),
        GlossaryEntry(_("商业服务业等"), _("反映商业服务业等事务的支出。具体包括：商业流通事务、旅游业管理与服务支出、涉外发展事务支出等。")),
        GlossaryEntry(_("自然资源海洋气象等"), _("反映政府用于自然资源、海洋、测绘、地震、气象等公益服务事业方面的支出。具体包括：自然资源事务、海洋管理事务、测绘事务等。")),
        GlossaryEntry(_("住房保障"), _("反映政府用于住房方面的支出。具体包括保障性安居工程支出、住房改革支出、城乡社区住宅支出等。")),
        GlossaryEntry(_("粮油物资储备"), _("反映政府用于粮油物资储备方面的支出。具体包括粮油事务、物资事务、能源储备、粮油储备等。")),
        GlossaryEntry(_("灾害防治及应急管理"), _("反映用于自然灾害防治、安全生产监管及应急管理等方面的支出。具体包括应急管理事务、消防食物、地震事务支出等。")),
    )),
)  # fmt: skip

LAYOUT = Layout(
    key="liujiang-2024",
    jurisdiction="liujiang",
    kind=Kind.BUDGET,
    first_year=2024,
    name=_("柳江区单位预算（2024年起）"),
    title=_("%(unit_name)s%(year)s年%(level)s预算公开"),
    template_dirs=("narrative/liujiang-2024", "narrative/liuzhou-2025"),
    tables=LIUJIANG_TABLES,
    own_level=_("本级"),
    attachments_title=_("附表"),
    part_heading="%(label)s：%(title)s",
    class_share_base=SHARE_OF_GENERAL_BUDGET,
    glossary=GLOSSARY,
    rules=Rules(purpose_per_item=False, operating_costs=OPERATING_COSTS_OF_EVERY_UNIT),
    parts=(
        PartSpec(1, "overview", _("%(level)s概况"), (
            SectionSpec("duties", _("主要职责"), "duties.html", slots.duties),
            SectionSpec("organisation", _("机构设置情况"), "organisation.html", slots.organisation),
            SectionSpec("annual_tasks", _("年度主要工作任务等"), "annual_tasks.html", slots.annual_tasks,
                        shown=lambda facts: bool(facts.annual_tasks)),
        )),
        PartSpec(2, "narrative", _("%(unit_name)s%(year)s年%(level)s预算情况说明"), (
            SectionSpec("overall", _("%(level)s收支总体情况说明"), "overall.html", slots.total),
            SectionSpec("income", _("%(level)s收入总体情况说明"), "income.html"),
            SectionSpec("expenditure", _("%(level)s支出总体情况说明"), "expenditure.html"),
            SectionSpec("fiscal", _("财政拨款收支总体情况说明"), "fiscal.html", slots.fiscal),
            SectionSpec("general_budget", _("一般公共预算支出情况说明"), "general_budget.html",
                        slots.combine(slots.general_budget_total, slots.general_budget_classes,
                                      slots.general_budget_empty)),
            SectionSpec("basic", _("一般公共预算基本支出情况说明"), "basic.html",
                        slots.combine(slots.general_basic_total, slots.economic_items, slots.basic_empty)),
            SectionSpec("three_public", _("一般公共预算“三公”经费支出情况说明"), "three_public.html",
                        slots.three_public),
            SectionSpec("gov_fund", _("政府性基金预算支出情况说明"), "gov_fund.html", slots.gov_fund),
            SectionSpec("state_capital", _("国有资本经营预算支出情况说明"), "state_capital.html",
                        slots.state_capital_empty),
            SectionSpec("other", _("其他重要事项情况说明"), "other.html",
                        slots.combine(slots.operating_costs, slots.procurement_note, slots.service_purchases_empty,
                                      slots.state_assets, slots.performance_empty)),
        )),
        PartSpec(3, "glossary", _("名词解释"), (
            SectionSpec("glossary", "", "glossary.html"),
        )),
        PartSpec(4, "tables", _("%(unit_name)s%(year)s年%(level)s预算报表"), (
            SectionSpec("table_list", "", "table_list.html"),
        )),
    ),
)  # fmt: skip
