"""The tables only a 决算 publishes, declared as the budget's are (see ``declaration``).

A 决算 layout also publishes some of the budget's tables under its own titles: 一般公共预算财政拨款支出决算表
is ``general_budget``, 一般公共预算财政拨款基本支出决算表 ``basic_by_economic``, 国有资本经营预算财政拨款支出
决算表 ``state_capital``. The tables here print what a budget has not: income and spending by source and
column of every 项, the 年初/年末结转和结余, and “三公” budget against actual. All are derived from the
entered lines, income, table 7 rows and the 决算's own figures (``FinalAccounts``).

Imported at the end of ``declaration`` (whose building blocks it uses): import ``declaration``, not this.
"""

from django.utils.translation import gettext_lazy as _

from disclosures.choices import IncomeSource
from disclosures.tables.declaration import FUND_CHOICES, TEXT, Column, EntryField, TableSpec, _amounts

FUNCTION_COLUMNS = (Column(_("科目编码"), "function_code", "code"), Column(_("科目名称"), "name", TEXT))


def _three_public_columns(prefix: str, label: str) -> Column:
    return Column(
        label,
        children=(
            Column(_("合计"), f"{prefix}three_public_total"),
            Column(_("因公出国（境）费"), f"{prefix}abroad"),
            Column(
                _("公务用车购置及运行费"),
                children=_amounts(
                    (f"{prefix}vehicle", _("小计")),
                    (f"{prefix}vehicle_purchase", _("公务用车购置费")),
                    (f"{prefix}vehicle_operation", _("公务用车运行费")),
                ),
            ),
            Column(_("公务接待费"), f"{prefix}reception"),
        ),
    )


_FINAL_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "final_income_expenditure",
        _("收入支出决算总表"),
        (
            Column(_("收入"), children=(Column(_("项目"), "income_item", TEXT), Column(_("决算数"), "income_amount"))),
            Column(
                _("支出"),
                children=(Column(_("项目"), "expenditure_item", TEXT), Column(_("决算数"), "expenditure_amount")),
            ),
        ),
        entered=False,
        source_note=_(
            "收入和年初结转和结余由单位填报；支出按功能分类“类”由支出明细汇总；年末结转和结余、结余分配由单位填报。"
        ),
    ),
    TableSpec(
        "final_income",
        _("收入决算表"),
        (
            *FUNCTION_COLUMNS,
            *_amounts(
                ("total", _("本年收入合计")),
                ("fiscal", _("财政拨款收入")),
                ("unit_superior", _("上级补助收入")),
                ("unit_business", _("事业收入")),
                ("unit_operating", _("经营收入")),
                ("unit_affiliated", _("附属单位上缴收入")),
                ("unit_other", _("其他收入")),
            ),
        ),
        entered=False,
        source_note=_("由支出明细各行的本年收入及其来源汇总生成（财政性资金的收入为财政拨款收入）。"),
        landscape=True,
    ),
    TableSpec(
        "final_expenditure",
        _("支出决算表"),
        (
            *FUNCTION_COLUMNS,
            *_amounts(
                ("total", _("本年支出合计")),
                ("basic", _("基本支出")),
                ("project", _("项目支出")),
                ("remittance", _("上缴上级支出")),
                ("operating", _("经营支出")),
                ("subsidy", _("对附属单位补助支出")),
            ),
        ),
        entered=False,
        source_note=_("由支出明细按功能分类汇总生成；基本支出 = 人员经费 + 公用经费。"),
        landscape=True,
    ),
    TableSpec(
        "final_fiscal",
        _("财政拨款收入支出决算总表"),
        (
            Column(_("收入"), children=(Column(_("项目"), "income_item", TEXT), Column(_("金额"), "income_amount"))),
            Column(
                _("支出"),
                children=(
                    Column(_("项目"), "expenditure_item", TEXT),
                    Column(_("合计"), "expenditure_amount"),
                    Column(_("一般公共预算财政拨款"), "expenditure_general_budget"),
                    Column(_("政府性基金预算财政拨款"), "expenditure_gov_fund"),
                    Column(_("国有资本经营预算财政拨款"), "expenditure_state_capital"),
                ),
            ),
        ),
        entered=False,
        source_note=_("由三类财政拨款的收入、年初结转和结余、支出明细和年末结转和结余生成。"),
        landscape=True,
    ),
    TableSpec(
        "final_three_public",
        _("一般公共预算财政拨款“三公”经费支出决算表"),
        (_three_public_columns("budget_", _("预算数")), _three_public_columns("", _("决算数"))),
        entered=False,
        source_note=_("由单位按资金性质填报的“三公”经费年初预算数和决算数汇总；小计与合计自动汇总。"),
        empty_note=_("注：本单位%(year)s年没有一般公共预算财政拨款“三公”经费支出，故本表无数据。"),
        landscape=True,
    ),
    TableSpec(
        "final_gov_fund",
        _("政府性基金预算财政拨款收入支出决算表"),
        (
            *FUNCTION_COLUMNS,
            Column(_("年初结转和结余"), "opening_balance"),
            Column(_("本年收入"), "income"),
            Column(
                _("本年支出"),
                children=_amounts(("total", _("小计")), ("basic", _("基本支出")), ("project", _("项目支出"))),
            ),
            Column(_("年末结转和结余"), "closing_balance"),
        ),
        entered=False,
        source_note=_("由资金性质为政府性基金预算的支出明细（含其年初、年末结转和结余和本年收入）生成。"),
        empty_note=_("注：本单位%(year)s年没有政府性基金预算财政拨款收入、支出及结转和结余，故本表无数据。"),
        landscape=True,
    ),
)

FINAL_TABLES: dict[str, TableSpec] = {table.key: table for table in _FINAL_TABLES}

# What a 决算's entry pages type (forms/entry_final.py) and an import's preview compares (excel/diff.py): its
# lines (决算明细) and its “三公” rows with their 预算数 and counts.
SOURCE_CHOICES = tuple((source.value, str(source.label)) for source in IncomeSource)
LINE_FIELDS = (
    EntryField("function_code", _("功能分类科目（项）"), "function_code"),
    EntryField("fund", _("资金性质"), "choice", FUND_CHOICES),
    EntryField("income_source", _("收入来源"), "optional_choice", SOURCE_CHOICES),
    EntryField("budget_initial", _("年初预算数")),
    EntryField("budget_adjusted", _("调整预算数")),
    EntryField("income", _("本年收入")),
    EntryField("opening_balance", _("年初结转和结余")),
    EntryField("personnel", _("人员经费")),
    EntryField("public", _("公用经费")),
    EntryField("project", _("项目支出")),
    EntryField("remittance", _("上缴上级支出")),
    EntryField("operating", _("经营支出")),
    EntryField("subsidy", _("对附属单位补助支出")),
    EntryField("closing_balance", _("年末结转和结余")),
    EntryField("purpose", _("主要用于"), "longtext"),
)
THREE_PUBLIC_FIELDS = (
    EntryField("fund", _("资金性质"), "choice", FUND_CHOICES),
    EntryField("budget_abroad", _("预算数 因公出国（境）费")),
    EntryField("budget_vehicle_purchase", _("预算数 公务用车购置费")),
    EntryField("budget_vehicle_operation", _("预算数 公务用车运行费")),
    EntryField("budget_reception", _("预算数 公务接待费")),
    EntryField("abroad", _("决算数 因公出国（境）费")),
    EntryField("vehicle_purchase", _("决算数 公务用车购置费")),
    EntryField("vehicle_operation", _("决算数 公务用车运行费")),
    EntryField("reception", _("决算数 公务接待费")),
    EntryField("reception_foreign", _("其中：外宾接待费")),
    EntryField("abroad_groups", _("出国团组（个）"), "count"),
    EntryField("abroad_people", _("出国人次"), "count"),
    EntryField("vehicles_bought", _("公务用车购置数（辆）"), "count"),
    EntryField("vehicles_held", _("公务用车保有量（辆）"), "count"),
    EntryField("reception_batches", _("公务接待批次"), "count"),
    EntryField("reception_people", _("公务接待人次"), "count"),
)


# A 决算 function table as the layouts print it (一般公共预算, 国有资本经营): 决算数 by 基本 and 项目 of each 项.
FUNCTION_TOTALS = (
    Column(_("科目编码"), "function_code", "code"),
    Column(_("科目名称"), "name", "text"),
    Column(_("合计"), "total"),
    Column(_("基本支出"), "basic"),
    Column(_("项目支出"), "project"),
)
