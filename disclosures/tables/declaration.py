"""The tables a budget disclosure can publish, declared once as data, and the table sets layouts choose.

Each table is identified by its key (``gov_fund``, ``procurement`` …): titles, multi-level column
headers, which columns are entered and which derived, where derived figures come from, the
empty-table note, and the fields a unit types for each entered table. A layout publishes a
:class:`TableSet`: which of these tables, in what order, with its own numbering and printed code
(预算公开05表, 表5), and where it says so its own titles and columns. Entry pages, the Excel
workbook, checks and rendering all read the disclosure's table set.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Fund, IndicatorCategory, Level, ProcurementCategory, ProcurementMode

AMOUNT = "amount"
TEXT = "text"
CODE = "code"


@dataclass(frozen=True)
class Column:
    """A header cell: a leaf column (``key``) or a group of columns (``children``)."""

    label: str
    key: str = ""
    kind: str = AMOUNT
    children: tuple["Column", ...] = ()

    @property
    def leaves(self) -> list["Column"]:
        if not self.children:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves]

    @property
    def depth(self) -> int:
        return 1 + max((child.depth for child in self.children), default=0)


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int
    rowspan: int
    column: int  # index of the first leaf column it covers


@dataclass(frozen=True)
class EntryField:
    """A field the unit types for an entered table (the model field of the same name)."""

    name: str
    label: str
    kind: str = AMOUNT  # amount, function_code, economic_code, choice, text, longtext, flag
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One table as a layout publishes it; ``number`` and ``code`` come from the layout's table set."""

    key: str
    title: str
    columns: tuple[Column, ...]
    entered: bool
    source_note: str
    empty_note: str = ""  # formatted with year
    entry_fields: tuple[EntryField, ...] = ()
    landscape: bool = False
    number: int = 0  # its place in the layout's table set, 1…
    code: str = ""  # as the layout prints it: 预算公开05表, 表5

    @property
    def anchor(self) -> str:
        return f"table-{self.number}"

    @property
    def label(self) -> str:
        """How a message names the table: its printed code, or its title outside a table set."""
        return self.code or str(self.title)

    @property
    def leaves(self) -> list[Column]:
        return [leaf for column in self.columns for leaf in column.leaves]

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header as rows of cells with col/row spans, for HTML tables and merged Excel cells."""
        depth = max(column.depth for column in self.columns)
        rows: list[list[HeaderCell]] = [[] for _ in range(depth)]

        def place(column: Column, level: int, start: int) -> int:
            width = len(column.leaves)
            rowspan = depth - level if not column.children else 1
            rows[level].append(HeaderCell(str(column.label), width, rowspan, start))
            position = start
            for child in column.children:
                position += place(child, level + 1, position)
            return width

        position = 0
        for column in self.columns:
            position += place(column, 0, position)
        return rows


def _amounts(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(label, key) for key, label in pairs)


FUND_COLUMNS = (
    ("general_budget", _("一般公共预算")),
    ("gov_fund", _("政府性基金预算")),
    ("state_capital", _("国有资本经营预算")),
    ("special_account", _("财政专户管理资金")),
    ("unit_funds", _("单位资金")),
)
FUND_CHOICES = tuple((fund.value, str(fund.label)) for fund in Fund)
FUNDED_ITEM_FIELDS = (
    EntryField("function_code", _("功能分类科目"), "function_code"),
    EntryField("project", _("项目名称"), TEXT),
    *(EntryField(key, label) for key, label in FUND_COLUMNS),
    EntryField("carryover", _("上年结转结余")),
)
ORG_COLUMNS = (
    Column(_("科目编码"), "function_code", CODE),
    Column(_("部门（单位）代码"), "org_code", CODE),
    Column(_("部门（单位）名称（功能分类科目名称）"), "name", TEXT),
)
BY_FUND = Column(
    _("资金类型"),
    children=(Column(_("合计"), "fund_total"), *_amounts(*FUND_COLUMNS), Column(_("上年结转结余"), "carryover")),
)

_BUDGET_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "income_expenditure",
        _("单位收支总体情况表"),
        (
            Column(_("收入"), children=(Column(_("项目"), "income_item", TEXT), Column(_("预算数"), "income_amount"))),
            Column(
                _("支出"),
                children=(
                    Column(_("项目（按支出功能科目分类）"), "expenditure_item", TEXT),
                    Column(_("预算数"), "expenditure_amount"),
                ),
            ),
        ),
        entered=True,
        source_note=_("收入由单位填报；支出按支出功能分类“类”由表3的支出明细汇总生成。"),
        entry_fields=(
            EntryField("general_budget_superior", _("一般公共预算拨款 上级补助")),
            EntryField("general_budget_local", _("一般公共预算拨款 本级")),
            EntryField("general_budget_bond", _("一般公共预算拨款 一般债券收入")),
            EntryField("gov_fund_superior", _("政府性基金预算拨款 上级补助")),
            EntryField("gov_fund_local", _("政府性基金预算拨款 本级")),
            EntryField("gov_fund_bond", _("政府性基金预算拨款 专项债券收入")),
            EntryField("state_capital_superior", _("国有资本经营预算拨款 上级补助")),
            EntryField("state_capital_local", _("国有资本经营预算拨款 本级")),
            EntryField("special_account", _("财政专户管理资金")),
            EntryField("unit_business", _("单位资金 事业收入")),
            EntryField("unit_operating", _("单位资金 事业单位经营收入")),
            EntryField("unit_superior", _("单位资金 上级补助收入")),
            EntryField("unit_affiliated", _("单位资金 附属单位上缴收入")),
            EntryField("unit_other", _("单位资金 其他收入")),
            EntryField("carryover_general_budget", _("上年结转结余 一般公共预算")),
            EntryField("carryover_gov_fund", _("上年结转结余 政府性基金预算")),
            EntryField("carryover_state_capital", _("上年结转结余 国有资本经营预算")),
            EntryField("carryover_special_account", _("上年结转结余 财政专户管理资金")),
            EntryField("carryover_unit_funds", _("上年结转结余 单位资金")),
        ),
    ),
    TableSpec(
        "income",
        _("单位收入总体情况表"),
        (
            Column(_("部门（单位）代码"), "org_code", CODE),
            Column(_("部门（单位）名称"), "name", TEXT),
            Column(_("合计"), "total"),
            Column(
                _("本年收入"),
                children=(
                    Column(_("小计"), "current_total"),
                    *_amounts(*((f"current_{key}", label) for key, label in FUND_COLUMNS)),
                ),
            ),
            Column(
                _("上年结转结余"),
                children=(
                    Column(_("小计"), "carryover_total"),
                    *_amounts(*((f"carryover_{key}", label) for key, label in FUND_COLUMNS)),
                ),
            ),
        ),
        entered=False,
        source_note=_("由表1填报的收入和上年结转结余按资金性质汇总生成。"),
        landscape=True,  # 13 figure columns: on a portrait page the names ran onto 2–4 lines
    ),
    TableSpec(
        "expenditure",
        _("单位支出总体情况表"),
        (
            *ORG_COLUMNS,
            *_amounts(
                ("total", _("合计")),
                ("basic", _("基本支出")),
                ("project", _("项目支出")),
                ("carry_forward", _("结转下年支出")),
            ),
        ),
        entered=True,
        source_note=_("由单位按功能分类“项”和资金性质填报支出明细；基本支出 = 人员经费 + 公用经费。"),
        entry_fields=(
            EntryField("function_code", _("功能分类科目（项）"), "function_code"),
            EntryField("fund", _("资金性质"), "choice", FUND_CHOICES),
            EntryField("personnel", _("人员经费")),
            EntryField("public", _("公用经费")),
            EntryField("project", _("项目支出")),
            EntryField("carry_forward", _("结转下年支出")),
            EntryField("purpose", _("主要用于"), "longtext"),
        ),
    ),
    TableSpec(
        "fiscal",
        _("财政拨款收支总体情况表"),
        (
            Column(_("收入"), children=(Column(_("项目"), "income_item", TEXT), Column(_("预算数"), "income_amount"))),
            Column(
                _("支出"),
                children=(
                    Column(_("项目（按支出功能科目分类）"), "expenditure_item", TEXT),
                    Column(_("预算数"), "expenditure_amount"),
                ),
            ),
        ),
        entered=False,
        source_note=_("由表1中一般公共预算、政府性基金预算、国有资本经营预算的收入和表3中这三类资金的支出明细生成。"),
    ),
    TableSpec(
        "general_budget",
        _("一般公共预算支出情况表"),
        (
            *ORG_COLUMNS,
            Column(_("合计"), "total"),
            Column(
                _("基本支出"),
                children=_amounts(("basic", _("小计")), ("personnel", _("人员经费")), ("public", _("公用经费"))),
            ),
            Column(_("项目支出"), "project"),
        ),
        entered=False,
        source_note=_("由表3中资金性质为一般公共预算的支出明细生成。"),
        empty_note=_("注：本单位%(year)s年没有一般公共预算支出，故本表无数据。"),
    ),
    TableSpec(
        "basic_by_economic",
        _("一般公共预算基本支出情况表"),
        (
            Column(
                _("部门预算支出经济分类科目"),
                children=(Column(_("科目编码"), "economic_code", CODE), Column(_("科目名称"), "name", TEXT)),
            ),
            Column(
                _("本年一般公共预算基本支出"),
                children=_amounts(("total", _("合计")), ("personnel", _("人员经费")), ("public", _("公用经费"))),
            ),
        ),
        entered=True,
        source_note=_("由单位按部门预算支出经济分类“款”填报；“类”行和合计行自动汇总。"),
        empty_note=_("注：本单位%(year)s年没有一般公共预算基本支出，故本表无数据。"),
        entry_fields=(
            EntryField("economic_code", _("经济分类科目（款）"), "economic_code"),
            EntryField("personnel", _("人员经费")),
            EntryField("public", _("公用经费")),
        ),
    ),
    TableSpec(
        "three_public",
        _("财政拨款三公两费支出情况表"),
        (
            Column(_("部门（单位）代码"), "org_code", CODE),
            Column(_("部门（单位）名称"), "name", TEXT),
            Column(_("资金性质"), "fund", TEXT),
            Column(
                _("“三公”经费"),
                children=(
                    Column(_("合计"), "three_public_total"),
                    Column(_("因公出国（境）费"), "abroad"),
                    Column(
                        _("公务用车购置及运行维护费"),
                        children=_amounts(
                            ("vehicle", _("小计")),
                            ("vehicle_purchase", _("公务用车购置费")),
                            ("vehicle_operation", _("公务用车运行维护费")),
                        ),
                    ),
                    Column(_("公务接待费"), "reception"),
                ),
            ),
            Column(_("会议费"), "meeting"),
            Column(
                _("培训费"),
                children=_amounts(
                    ("training", _("小计")),
                    ("training_local", _("本级资金安排")),
                    ("training_superior", _("上级补助资金安排")),
                ),
            ),
        ),
        entered=True,
        source_note=_("由单位按资金性质填报；小计与合计自动汇总。"),
        landscape=True,  # 10 figure columns beside code, name and 资金性质
        empty_note=_("注：本单位%(year)s年没有财政拨款“三公”经费、会议费和培训费支出，故本表无数据。"),
        entry_fields=(
            EntryField("fund", _("资金性质"), "choice", FUND_CHOICES),
            EntryField("abroad", _("因公出国（境）费")),
            EntryField("vehicle_purchase", _("公务用车购置费")),
            EntryField("vehicle_operation", _("公务用车运行维护费")),
            EntryField("reception", _("公务接待费")),
            EntryField("meeting", _("会议费")),
            EntryField("training_local", _("培训费 本级资金安排")),
            EntryField("training_superior", _("培训费 上级补助资金安排")),
        ),
    ),
    TableSpec(
        "gov_fund",
        _("政府性基金预算支出情况表"),
        (
            *ORG_COLUMNS,
            Column(
                _("本年政府性基金预算支出"),
                children=_amounts(("total", _("合计")), ("basic", _("基本支出")), ("project", _("项目支出"))),
            ),
        ),
        entered=False,
        source_note=_("由表3中资金性质为政府性基金预算的支出明细生成。"),
        empty_note=_("注：本单位%(year)s年没有政府性基金预算支出，故本表无数据。"),
    ),
    TableSpec(
        "state_capital",
        _("国有资本经营预算支出情况表"),
        (
            *ORG_COLUMNS,
            Column(
                _("本年国有资本经营预算支出"),
                children=_amounts(("total", _("合计")), ("basic", _("基本支出")), ("project", _("项目支出"))),
            ),
        ),
        entered=False,
        source_note=_("由表3中资金性质为国有资本经营预算的支出明细生成。"),
        empty_note=_("注：本单位%(year)s年没有国有资本经营预算支出，故本表无数据。"),
    ),
    TableSpec(
        "procurement",
        _("政府采购预算表"),
        (
            *ORG_COLUMNS,
            Column(_("项目名称"), "project", TEXT),
            Column(_("政府采购资金类型"), children=BY_FUND.children),
            Column(
                _("政府采购项目类型"),
                children=(
                    Column(_("合计"), "type_total"),
                    Column(
                        _("集中采购"),
                        children=_amounts(
                            ("centralized", _("小计")),
                            ("centralized_goods", _("货物类")),
                            ("centralized_works", _("工程类")),
                            ("centralized_services", _("服务类")),
                        ),
                    ),
                    Column(
                        _("分散采购"),
                        children=_amounts(
                            ("decentralized", _("小计")),
                            ("decentralized_goods", _("货物类")),
                            ("decentralized_works", _("工程类")),
                            ("decentralized_services", _("服务类")),
                        ),
                    ),
                ),
            ),
        ),
        entered=True,
        source_note=_("由单位逐项填报采购项目、采购方式、采购类型和资金来源；按类型的各列和合计行自动汇总。"),
        empty_note=_("注：本单位%(year)s年没有政府采购预算，故本表无数据。"),
        entry_fields=(
            *FUNDED_ITEM_FIELDS[:2],
            EntryField("mode", _("采购方式"), "choice", tuple((m.value, str(m.label)) for m in ProcurementMode)),
            EntryField(
                "category", _("采购类型"), "choice", tuple((c.value, str(c.label)) for c in ProcurementCategory)
            ),
            *FUNDED_ITEM_FIELDS[2:],
        ),
        landscape=True,
    ),
    TableSpec(
        "service_purchases",
        _("政府购买服务预算表"),
        (
            *ORG_COLUMNS,
            Column(_("项目名称"), "project", TEXT),
            Column(_("政府购买服务资金类型"), children=BY_FUND.children),
        ),
        entered=True,
        source_note=_("由单位逐项填报购买服务项目和资金来源；合计行自动汇总。"),
        empty_note=_("注：本单位%(year)s年没有政府购买服务预算支出，故本表无数据。"),
        entry_fields=FUNDED_ITEM_FIELDS,
    ),
    TableSpec(
        "performance",
        _("项目绩效目标公开表"),
        (
            Column(_("序号"), "seq", TEXT),
            Column(_("单位代码"), "org_code", CODE),
            Column(_("单位名称"), "name", TEXT),
            Column(_("项目名称"), "project", TEXT),
            Column(_("预算资金总额"), "amount"),
            Column(_("年度绩效目标"), "goal", TEXT),
            *(Column(category.label, category.value, TEXT) for category in IndicatorCategory),
        ),
        entered=True,
        source_note=_("由单位逐个项目填报绩效目标和指标；合计行自动汇总。"),
        empty_note=_("注：本单位%(year)s年没有项目支出绩效目标，故本表无数据。"),
        entry_fields=(
            EntryField("project", _("项目名称"), TEXT),
            EntryField("amount", _("预算资金总额")),
            EntryField("goal", _("年度绩效目标"), "longtext"),
            EntryField("key_project", _("重点项目"), "flag"),
        ),
        landscape=True,
    ),
)

ROUNDING_NOTE = _("注：本套报表金额单位转换时可能存在四舍五入尾数误差。")
# Every table a budget disclosure can publish, by key (in the order of the standard 12).
BUDGET_TABLES: dict[str, TableSpec] = {table.key: table for table in _BUDGET_TABLES}


class TableKey(StrEnum):
    """The keys of the declared tables, as the code names them."""

    INCOME_EXPENDITURE = "income_expenditure"
    INCOME = "income"
    EXPENDITURE = "expenditure"
    FISCAL = "fiscal"
    GENERAL_BUDGET = "general_budget"
    BASIC_BY_ECONOMIC = "basic_by_economic"
    THREE_PUBLIC = "three_public"
    GOV_FUND = "gov_fund"
    STATE_CAPITAL = "state_capital"
    PROCUREMENT = "procurement"
    SERVICE_PURCHASES = "service_purchases"
    PERFORMANCE = "performance"
    # Only a 决算's (final_declaration).
    FINAL_INCOME_EXPENDITURE = "final_income_expenditure"
    FINAL_INCOME = "final_income"
    FINAL_EXPENDITURE = "final_expenditure"
    FINAL_FISCAL = "final_fiscal"
    FINAL_THREE_PUBLIC = "final_three_public"
    FINAL_GOV_FUND = "final_gov_fund"


def base_spec(key: str) -> TableSpec:
    """A table as declared, outside any table set (no number or code)."""
    return TABLES[key]


@dataclass(frozen=True)
class Published:
    """A table of a set, with what the layout prints differently from the declaration."""

    key: str
    title: str | None = None
    columns: tuple[Column, ...] | None = None
    landscape: bool | None = None


@dataclass(frozen=True)
class TableSet:
    """The tables a layout publishes, numbered in its order, each with its printed code."""

    key: str
    tables: tuple[TableSpec, ...]

    def __iter__(self) -> Iterator[TableSpec]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __contains__(self, key: object) -> bool:
        return any(table.key == key for table in self.tables)

    @property
    def keys(self) -> list[str]:
        return [table.key for table in self.tables]

    def get(self, key: str) -> TableSpec | None:
        return next((table for table in self.tables if table.key == key), None)

    def by_number(self, number: int) -> TableSpec | None:
        return self.tables[number - 1] if 0 < number <= len(self.tables) else None

    def spec(self, key: str) -> TableSpec:
        """The table as this set publishes it, or as declared when the set does not publish it."""
        return self.get(key) or base_spec(key)

    def code(self, key: str) -> str:
        return self.spec(key).label

    def at_level(self, level: str) -> "TableSet":
        """The set as a department's document prints it: 部门收支总体情况表 where a unit's prints 单位收支总体情况表."""
        if level != Level.DEPARTMENT:
            return self
        return TableSet(self.key, tuple(replace(table, title=_department_title(table.title)) for table in self.tables))


def _department_title(title: str) -> str:
    text = str(title)
    return "部门" + text.removeprefix("单位") if text.startswith("单位") else text


def table_set(key: str, tables: Iterable[str | Published], *, code: str) -> TableSet:
    """A set of the declared tables in the given order; ``code`` formats the printed code from ``number``."""
    chosen = []
    for number, entry in enumerate(tables, start=1):
        entry = Published(entry) if isinstance(entry, str) else entry
        declared = base_spec(entry.key)
        chosen.append(
            replace(
                declared,
                number=number,
                code=code % {"number": number},
                title=entry.title if entry.title is not None else declared.title,
                columns=entry.columns if entry.columns is not None else declared.columns,
                landscape=entry.landscape if entry.landscape is not None else declared.landscape,
            )
        )
    return TableSet(key, tuple(chosen))


from disclosures.tables.final_declaration import FINAL_TABLES  # noqa: E402  (it builds on the above)

# Every declared table, a budget's and a 决算's, by key.
TABLES: dict[str, TableSpec] = {**BUDGET_TABLES, **FINAL_TABLES}

__all__ = [
    "BUDGET_TABLES", "FINAL_TABLES", "ROUNDING_NOTE", "TABLES", "Column", "EntryField", "HeaderCell", "Published",
    "TableKey", "TableSet", "TableSpec", "base_spec", "table_set",
]  # fmt: skip
