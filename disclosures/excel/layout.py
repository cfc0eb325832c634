"""How a disclosure is laid out in a workbook, declared once for export, the blank template and import.

One sheet per table of the disclosure's layout, named and numbered as the layout prints it (预算公开01表
… in Liuzhou's, 表1 … in Liujiang's), with the table's columns, plus the columns an entered table needs
but the published table does not print (支出明细's 资金性质 and the 人员经费/公用经费 split, 政府采购's
采购方式 and 采购类型). Which cells a unit types is declared here per table (``ENTRIES``, by the table's
key): the entry rows' ``entry_keys``; every other cell is derived and recomputed on import.
Two more sheets hold what no table prints: 绩效指标 (one row per indicator of table 12) and
说明与其他 (identity, texts, 机关运行经费, last year's figures and the explanations), one field per row.
"""

from dataclasses import dataclass, replace

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from disclosures.choices import (
    Fund,
    IncomeSource,
    IndicatorCategory,
    Kind,
    Operator,
    ProcurementCategory,
    ProcurementMode,
)
from disclosures.layouts import registry
from disclosures.models import PRIOR_YEAR_AMOUNT_FIELDS, PriorYear
from disclosures.narrative.reasons import is_key
from disclosures.tables.builders import FUNCTION_CLASSES, ITEM, UNIT
from disclosures.tables.declaration import (
    AMOUNT,
    BUDGET_TABLES,
    CODE,
    TEXT,
    Column,
    HeaderCell,
    TableKey,
    TableSet,
    TableSpec,
    base_spec,
)
from units.types import UNIT_TYPE_WORDINGS

INDICATOR_SHEET = "绩效指标"
INFO_SHEET = "说明与其他"
FIRST_HEADER_ROW = 4  # 1-based: code, title and 单位名称/单位 lines come first


@dataclass(frozen=True)
class SheetEntry:
    """What the unit types on a table's sheet, whichever layout numbers the table."""

    extra_columns: tuple[Column, ...] = ()
    entry_kinds: frozenset[str] = frozenset()  # builder row kinds that are entry rows
    entry_keys: tuple[str, ...] = ()  # column keys typed on an entry row
    template_rows: int = 0  # blank entry rows in the template
    where_entered: str = ""  # may name other tables as %(<table key>)s


@dataclass(frozen=True)
class SheetLayout:
    """One table's sheet: its columns and which cells of which rows the unit types."""

    spec: TableSpec
    entry: SheetEntry
    where_entered: str = ""  # the entry's note with the other tables named as the layout prints them

    @property
    def extra_columns(self) -> tuple[Column, ...]:
        return self.entry.extra_columns

    @property
    def entry_kinds(self) -> frozenset[str]:
        return self.entry.entry_kinds

    @property
    def entry_keys(self) -> tuple[str, ...]:
        return self.entry.entry_keys

    @property
    def template_rows(self) -> int:
        return self.entry.template_rows

    @property
    def sheet_name(self) -> str:
        return self.spec.code

    @property
    def columns(self) -> list[Column]:
        return [*self.spec.leaves, *self.extra_columns]

    @property
    def is_read(self) -> bool:
        """Whether import reads this sheet at all (purely derived tables are recomputed)."""
        return bool(self.entry_keys)

    def header_rows(self) -> list[list[HeaderCell]]:
        rows = self.spec.header_rows()
        start = len(self.spec.leaves)
        for offset, column in enumerate(self.extra_columns):
            rows[0].append(HeaderCell(str(column.label), 1, len(rows), start + offset))
        return rows

    def column_index(self, key: str) -> int:
        return next(index for index, column in enumerate(self.columns) if column.key == key)


FUND_AMOUNT_KEYS = ("general_budget", "gov_fund", "state_capital", "special_account", "unit_funds", "carryover")
THREE_PUBLIC_KEYS = (
    "abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training_local", "training_superior",
)  # fmt: skip

ENTRIES: dict[str, SheetEntry] = {
    TableKey.INCOME_EXPENDITURE: SheetEntry(
        entry_keys=("income_amount",),
        where_entered=_("收入各项由单位填报；上年结转结余按资金性质在%(income)s“本单位”一行填报。"),
    ),
    TableKey.INCOME: SheetEntry(
        entry_kinds=frozenset({UNIT}),
        entry_keys=tuple(f"carryover_{fund}" for fund in Fund.values),
        where_entered=_("本单位一行的“上年结转结余”各资金列由单位填报，其余由%(income_expenditure)s汇总生成。"),
    ),
    TableKey.EXPENDITURE: SheetEntry(
        extra_columns=(
            Column(_("资金性质"), "fund", TEXT),
            Column(_("其中：人员经费"), "personnel"),
            Column(_("其中：公用经费"), "public"),
            Column(_("主要用于"), "purpose", TEXT),
        ),
        entry_kinds=frozenset({ITEM}),
        entry_keys=("function_code", "project", "carry_forward", "fund", "personnel", "public", "purpose"),
        template_rows=40,
        where_entered=_(
            "每行填写一个功能分类“项”和一种资金性质；基本支出 = 人员经费 + 公用经费。右侧几列公开表不显示，用于填报。"
        ),
    ),
    TableKey.BASIC_BY_ECONOMIC: SheetEntry(
        entry_kinds=frozenset({ITEM}),
        entry_keys=("economic_code", "personnel", "public"),
        template_rows=80,
        where_entered=_("按经济分类“款”（5位）逐行填报；“类”行和合计行自动汇总。"),
    ),
    TableKey.THREE_PUBLIC: SheetEntry(
        entry_kinds=frozenset({UNIT}),
        entry_keys=("fund", *THREE_PUBLIC_KEYS),
        template_rows=len(Fund.values),
        where_entered=_(
            "本单位各行按资金性质填报（每种资金性质一行，“部门（单位）代码”列为本单位代码）；"
            "小计、合计和汇总行自动计算。"
        ),
    ),
    TableKey.PROCUREMENT: SheetEntry(
        extra_columns=(Column(_("采购方式"), "mode", TEXT), Column(_("采购类型"), "category", TEXT)),
        entry_kinds=frozenset({ITEM}),
        entry_keys=("function_code", "project", *FUND_AMOUNT_KEYS, "mode", "category"),
        template_rows=60,
        where_entered=_("逐项填报科目、项目名称、资金来源、采购方式和采购类型；按类型的各列自动生成。"),
    ),
    TableKey.SERVICE_PURCHASES: SheetEntry(
        entry_kinds=frozenset({ITEM}),
        entry_keys=("function_code", "project", *FUND_AMOUNT_KEYS),
        template_rows=40,
        where_entered=_("逐项填报科目、项目名称和资金来源；合计自动汇总。"),
    ),
    TableKey.PERFORMANCE: SheetEntry(
        extra_columns=(Column(_("重点项目"), "key_project", TEXT),),
        entry_kinds=frozenset({UNIT}),
        entry_keys=("project", "amount", "goal", "key_project"),
        template_rows=40,
        where_entered=_("逐个项目填报项目名称、预算资金总额和年度绩效目标；各项指标在“绩效指标”工作表填报。"),
    ),
}


def sheet_layouts(tables: TableSet) -> dict[str, SheetLayout]:
    """The sheets of a layout's tables, by table key, in the layout's order.

    A column the unit types but the layout's table does not print (Chongqing's “三公” table has no 会议费)
    is added to the sheet beside the extra columns, as the declared table names it."""
    codes = {key: tables.code(key) for key in BUDGET_TABLES}
    sheets = {}
    for table in tables:
        entry = ENTRIES.get(table.key, SheetEntry())
        shown = {leaf.key for leaf in table.leaves} | {column.key for column in entry.extra_columns}
        declared = {leaf.key: leaf for leaf in base_spec(table.key).leaves}
        unprinted = tuple(declared[key] for key in entry.entry_keys if key not in shown and key in declared)
        if unprinted:
            entry = replace(entry, extra_columns=(*entry.extra_columns, *unprinted))
        where = str(entry.where_entered) % codes if entry.where_entered else ""
        sheets[table.key] = SheetLayout(table, entry, where)
    return sheets


LEGEND = _("说明：灰色单元格由系统根据填报数据自动计算，导入时不读取；白色单元格为填报数据。")


def choice_labels(choices) -> dict[str, str]:
    """Every way a choice may be typed (its label or its stored value) → the stored value."""
    accepted = {str(label): value for value, label in choices.choices}
    accepted |= {value: value for value in choices.values}
    return accepted


FUND_CHOICES = choice_labels(Fund) | {f"{Fund(value).label}资金": value for value in Fund.values}
CHOICES = {
    "fund": FUND_CHOICES,
    "mode": choice_labels(ProcurementMode),
    "category": choice_labels(ProcurementCategory),
    "income_source": choice_labels(IncomeSource),
}
INDICATOR_CATEGORIES = choice_labels(IndicatorCategory) | {
    str(label).removesuffix("指标"): value for value, label in IndicatorCategory.choices
}
OPERATORS = {value: value for value in Operator.values} | {">=": "≥", "<=": "≤", "＝": "=", "＞": ">", "＜": "<"}


# The 绩效指标 sheet: one row per indicator, tied to table 12 by 项目名称.
INDICATOR_COLUMNS = (
    Column(_("项目名称"), "project", TEXT),
    Column(_("指标类别"), "category", TEXT),
    Column(_("指标名称"), "name", TEXT),
    Column(_("比较符"), "operator", TEXT),
    Column(_("指标值"), "value", TEXT),
    Column(_("计量单位"), "unit", TEXT),
)
INDICATOR_TEMPLATE_ROWS = 300

# A 决算's 决算明细 sheet: one row per function 项 and fund, every figure a 决算 states of it (the 决算 tables
# are all derived from these rows). 年初预算数 is read-only (grey) when the 决算 is linked to its budget.
FINAL_LINES_SHEET = "决算明细"
FINAL_LINE_AMOUNTS = (
    ("budget_initial", _("年初预算数")),
    ("budget_adjusted", _("调整预算数")),
    ("income", _("本年收入")),
    ("opening_balance", _("年初结转和结余")),
    ("personnel", _("基本支出·人员经费")),
    ("public", _("基本支出·公用经费")),
    ("project", _("项目支出")),
    ("remittance", _("上缴上级支出")),
    ("operating", _("经营支出")),
    ("subsidy", _("对附属单位补助支出")),
    ("closing_balance", _("年末结转和结余")),
)
FINAL_LINE_COLUMNS = (
    Column(_("科目编码"), "function_code", CODE),
    Column(_("科目名称"), "name", TEXT),
    Column(_("资金性质"), "fund", TEXT),
    Column(_("收入来源"), "income_source", TEXT),
    *(Column(label, key) for key, label in FINAL_LINE_AMOUNTS),
    Column(_("主要用于"), "purpose", TEXT),
)
FINAL_LINE_TEMPLATE_ROWS = 40

# The 说明与其他 sheet: 项目 | 内容 | 字段代码, one field per row, read by its 字段代码.
INFO_COLUMNS = (Column(_("项目"), "label", TEXT), Column(_("内容"), "value", TEXT), Column(_("字段代码"), "key", TEXT))
YEAR, KIND, LAYOUT, UNIT_TYPE, LONGTEXT, OPTIONAL_AMOUNT, OPTIONAL_YEAR = (
    "year", "kind", "layout", "unit_type", "longtext", "optional_amount", "optional_year",
)  # fmt: skip


@dataclass(frozen=True)
class InfoField:
    key: str
    label: str
    kind: str = TEXT
    identity: bool = False  # prefilled and locked in the template


IDENTITY_FIELDS = (
    InfoField("year", _("年度"), YEAR, identity=True),
    InfoField("kind", _("类型（预算/决算）"), KIND, identity=True),
    InfoField("layout", _("公开格式"), LAYOUT, identity=True),
    InfoField("department.code", _("主管部门代码"), CODE, identity=True),
    InfoField("department.name", _("主管部门名称"), TEXT, identity=True),
    InfoField("jurisdiction.code", _("所属行政区代码"), CODE, identity=True),
    InfoField("jurisdiction.name", _("所属行政区名称"), TEXT, identity=True),
    InfoField("unit.code", _("单位代码"), CODE, identity=True),
    InfoField("unit.name", _("单位名称"), TEXT, identity=True),
    InfoField("unit.type", _("单位类型"), UNIT_TYPE, identity=True),
)
TEXT_FIELDS = (
    InfoField("overview.duties", _("主要职责"), LONGTEXT),
    InfoField("overview.organisation", _("机构设置情况"), LONGTEXT),
    InfoField("overview.annual_tasks", _("年度主要工作任务"), LONGTEXT),
    InfoField("operating_costs", _("机关运行经费（单位运行经费）（万元）"), AMOUNT),
    InfoField("state_assets", _("国有资产占用情况"), LONGTEXT),
    InfoField("contact.person", _("公开联系人"), TEXT),
    InfoField("contact.phone", _("联系电话"), TEXT),
)
PRIOR_FIELDS = (
    InfoField("prior.year", _("上年年度"), OPTIONAL_YEAR),
    *(InfoField(f"prior.{name}", format_lazy(_("上年{item}（万元）"), item=label), OPTIONAL_AMOUNT)
      for name, label in ((name, PriorYear.label(name)) for name in PRIOR_YEAR_AMOUNT_FIELDS)),
)  # fmt: skip
# Last year's figures by code: the whole budget's and 一般公共预算's by function 类, 基本支出 by economic 款/类.
PRIOR_CODE_GROUPS = {
    "function_class": (_("上年%(code)s %(name)s（类）支出（万元）"), (3,)),
    "general_budget_class": (_("上年%(code)s %(name)s（类）一般公共预算支出（万元）"), (3,)),
    "economic": (_("上年%(code)s %(name)s 一般公共预算基本支出（万元）"), (3, 5)),
}
EXPLANATION_PREFIX = "explanations."
EXPLANATION_LABELS = {
    "total_change": _("收支总预算增减的主要原因"),
    "income_change": _("收入预算增减的主要原因"),
    "expenditure_change": _("支出预算增减的主要原因"),
    "basic_change": _("基本支出增减的主要原因"),
    "project_change": _("项目支出增减的主要原因"),
    "three_public.abroad": _("因公出国（境）费增减的主要原因"),
    "three_public.vehicle_purchase": _("公务用车购置费增减的主要原因"),
    "three_public.vehicle_operation": _("公务用车运行维护费增减的主要原因"),
    "three_public.reception": _("公务接待费增减的主要原因"),
    "gov_fund": _("政府性基金预算支出情况说明"),
    "procurement": _("政府采购预算情况说明"),
    "operating_costs": _("机关运行经费（单位运行经费）增减的主要原因"),
    "general_budget_change": _("一般公共预算支出增减的主要原因"),
    "general_basic_change": _("一般公共预算基本支出增减的主要原因"),
    "fiscal_change": _("财政拨款收支增减的主要原因"),
    "purpose.basic": _("基本支出主要用于"),
    "purpose.project": _("项目支出主要用于"),
}
INFO_SECTIONS = (
    (_("一、基本信息（与本平台的单位和年度一致，请勿修改）"), IDENTITY_FIELDS),
    (_("二、概况与其他重要事项"), TEXT_FIELDS),
    (_("三、上年数（用于同比说明；空白表示未知，不作比较）"), PRIOR_FIELDS),
)
FIXED_FIELDS = {field.key: field for _title, fields in INFO_SECTIONS for field in fields}


def prior_code_field(group: str, code: str, name: str) -> InfoField:
    label, _lengths = PRIOR_CODE_GROUPS[group]
    return InfoField(f"prior.{group}.{code}", str(label) % {"code": code, "name": name}, OPTIONAL_AMOUNT)


def explanation_field(key: str, class_names: dict[str, str]) -> InfoField:
    label = EXPLANATION_LABELS.get(key)
    if label is None and key.startswith("function_class."):
        code = key.removeprefix("function_class.")
        label = _("%(code)s %(name)s（类）支出增减的主要原因") % {"code": code, "name": class_names.get(code, "")}
    elif label is None and key.startswith("economic."):
        label = _("经济分类%(code)s支出增减的主要原因") % {"code": key.removeprefix("economic.")}
    return InfoField(f"{EXPLANATION_PREFIX}{key}", str(label or key), LONGTEXT)


def prior_code_of(key: str) -> tuple[str, str] | None:
    """(group, code) of a 字段代码 naming last year's figure of one code, e.g. prior.economic.30101."""
    for group, (_label, lengths) in PRIOR_CODE_GROUPS.items():
        prefix = f"prior.{group}."
        code = key.removeprefix(prefix)
        if key.startswith(prefix) and len(code) in lengths and code.isascii() and code.isdigit():
            return group, code
    return None


def info_field(key: str) -> InfoField | None:
    """The field a 字段代码 names, or None when it names none."""
    if key in FIXED_FIELDS:
        return FIXED_FIELDS[key]
    if (found := prior_code_of(key)) is not None:
        return prior_code_field(*found, "")
    if key.startswith(EXPLANATION_PREFIX):
        name = key.removeprefix(EXPLANATION_PREFIX)
        return explanation_field(name, {}) if is_key(name) else None
    return None


def info_sections(
    prior_codes: dict[str, list[str]], explanation_keys: list[str], economic_names: dict[str, str]
) -> list[tuple[str, list[InfoField]]]:
    """The 说明与其他 rows: fixed fields, every function 类 for last year (and the codes given for the other
    groups of last year's figures), every known explanation and extras."""
    names = dict(FUNCTION_CLASSES)
    classes = [code for code, _name in FUNCTION_CLASSES]
    keys = [*EXPLANATION_LABELS, *(f"function_class.{code}" for code, _name in FUNCTION_CLASSES)]
    keys += sorted(set(explanation_keys) - set(keys))
    sections = [(title, list(fields)) for title, fields in INFO_SECTIONS]
    for group in PRIOR_CODE_GROUPS:
        listed = classes if group == "function_class" else []
        codes = [*listed, *sorted(set(prior_codes.get(group, [])) - set(listed))]
        group_names = economic_names if group == "economic" else names
        sections[-1][1].extend(prior_code_field(group, code, group_names.get(code, "")) for code in codes)
    sections.append((_("四、情况说明（各项增减的主要原因，由单位填写）"), [explanation_field(k, names) for k in keys]))
    return sections


KIND_CHOICES = choice_labels(Kind)
YES_NO = {"是": True, "否": False, "Y": True, "N": False}
LAYOUT_CHOICES = {str(layout.name): key for key, layout in registry().items()} | {key: key for key in registry()}
UNIT_TYPE_CHOICES = UNIT_TYPE_WORDINGS
