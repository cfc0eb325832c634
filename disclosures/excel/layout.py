"""How a disclosure is laid out in a workbook, declared once for export, the blank template and import.

One sheet per published table (预算公开01表 … 预算公开12表) with the declaration's columns, plus the
columns an entered table needs but the published table does not print (table 3's 资金性质 and the
人员经费/公用经费 split, table 10's 采购方式 and 采购类型). Which cells a unit types is declared here per
table: the entry rows' ``entry_keys``; every other cell is derived and recomputed on import.
Two more sheets hold what no table prints: 绩效指标 (one row per indicator of table 12) and
说明与其他 (identity, texts, 机关运行经费, last year's figures and the explanations), one field per row.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from disclosures.choices import Fund, IndicatorCategory, Kind, Operator, ProcurementCategory, ProcurementMode
from disclosures.models import PRIOR_YEAR_AMOUNT_FIELDS, PriorYear
from disclosures.tables.builders import FUNCTION_CLASSES, ITEM, UNIT
from disclosures.tables.declaration import AMOUNT, CODE, TEXT, Column, HeaderCell, TableSpec, spec
from units.types import UNIT_TYPE_WORDINGS

INDICATOR_SHEET = "绩效指标"
INFO_SHEET = "说明与其他"
FIRST_HEADER_ROW = 4  # 1-based: code, title and 单位名称/单位 lines come first


@dataclass(frozen=True)
class SheetLayout:
    """One table's sheet: its columns and which cells of which rows the unit types."""

    spec: TableSpec
    extra_columns: tuple[Column, ...] = ()
    entry_kinds: frozenset[str] = frozenset()  # builder row kinds that are entry rows
    entry_keys: tuple[str, ...] = ()  # column keys typed on an entry row
    template_rows: int = 0  # blank entry rows in the template
    where_entered: str = ""

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

LAYOUTS: dict[int, SheetLayout] = {
    layout.spec.number: layout
    for layout in (
        SheetLayout(
            spec(1),
            entry_keys=("income_amount",),
            where_entered=_("收入各项由单位填报；上年结转结余按资金性质在预算公开02表“本单位”一行填报。"),
        ),
        SheetLayout(
            spec(2),
            entry_kinds=frozenset({UNIT}),
            entry_keys=tuple(f"carryover_{fund}" for fund in Fund.values),
            where_entered=_("本单位一行的“上年结转结余”各资金列由单位填报，其余由表1汇总生成。"),
        ),
        SheetLayout(
            spec(3),
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
                "每行填写一个功能分类“项”和一种资金性质；基本支出 = 人员经费 + 公用经费。"
                "右侧几列公开表不显示，用于填报。"
            ),
        ),
        SheetLayout(spec(4)),
        SheetLayout(spec(5)),
        SheetLayout(
            spec(6),
            entry_kinds=frozenset({ITEM}),
            entry_keys=("economic_code", "personnel", "public"),
            template_rows=80,
            where_entered=_("按经济分类“款”（5位）逐行填报；“类”行和合计行自动汇总。"),
        ),
        SheetLayout(
            spec(7),
            entry_kinds=frozenset({UNIT}),
            entry_keys=("fund", *THREE_PUBLIC_KEYS),
            template_rows=len(Fund.values),
            where_entered=_(
                "本单位各行按资金性质填报（每种资金性质一行，“部门（单位）代码”列为本单位代码）；"
                "小计、合计和汇总行自动计算。"
            ),
        ),
        SheetLayout(spec(8)),
        SheetLayout(spec(9)),
        SheetLayout(
            spec(10),
            extra_columns=(Column(_("采购方式"), "mode", TEXT), Column(_("采购类型"), "category", TEXT)),
            entry_kinds=frozenset({ITEM}),
            entry_keys=("function_code", "project", *FUND_AMOUNT_KEYS, "mode", "category"),
            template_rows=60,
            where_entered=_("逐项填报科目、项目名称、资金来源、采购方式和采购类型；按类型的各列自动生成。"),
        ),
        SheetLayout(
            spec(11),
            entry_kinds=frozenset({ITEM}),
            entry_keys=("function_code", "project", *FUND_AMOUNT_KEYS),
            template_rows=40,
            where_entered=_("逐项填报科目、项目名称和资金来源；合计自动汇总。"),
        ),
        SheetLayout(
            spec(12),
            entry_kinds=frozenset({UNIT}),
            entry_keys=("project", "amount", "goal"),
            template_rows=40,
            where_entered=_("逐个项目填报项目名称、预算资金总额和年度绩效目标；各项指标在“绩效指标”工作表填报。"),
        ),
    )
}
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

# The 说明与其他 sheet: 项目 | 内容 | 字段代码, one field per row, read by its 字段代码.
INFO_COLUMNS = (Column(_("项目"), "label", TEXT), Column(_("内容"), "value", TEXT), Column(_("字段代码"), "key", TEXT))
YEAR, KIND, UNIT_TYPE, LONGTEXT, OPTIONAL_AMOUNT, OPTIONAL_YEAR = (
    "year", "kind", "unit_type", "longtext", "optional_amount", "optional_year",
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
    InfoField("department.code", _("主管部门代码"), CODE, identity=True),
    InfoField("department.name", _("主管部门名称"), TEXT, identity=True),
    InfoField("unit.code", _("单位代码"), CODE, identity=True),
    InfoField("unit.name", _("单位名称"), TEXT, identity=True),
    InfoField("unit.type", _("单位类型"), UNIT_TYPE, identity=True),
)
TEXT_FIELDS = (
    InfoField("overview.duties", _("主要职责"), LONGTEXT),
    InfoField("overview.organisation", _("机构设置情况"), LONGTEXT),
    InfoField("overview.annual_tasks", _("年度主要工作任务"), LONGTEXT),
    InfoField("operating_costs", _("机关运行经费（万元）"), AMOUNT),
    InfoField("state_assets", _("国有资产占用情况"), LONGTEXT),
)
PRIOR_FIELDS = (
    InfoField("prior.year", _("上年年度"), OPTIONAL_YEAR),
    *(InfoField(f"prior.{name}", format_lazy(_("上年{item}（万元）"), item=label), OPTIONAL_AMOUNT)
      for name, label in ((name, PriorYear.label(name)) for name in PRIOR_YEAR_AMOUNT_FIELDS)),
)  # fmt: skip
PRIOR_CLASS_PREFIX = "prior.function_class."
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
    "operating_costs": _("机关运行经费增减的主要原因"),
}
INFO_SECTIONS = (
    (_("一、基本信息（与本平台的单位和年度一致，请勿修改）"), IDENTITY_FIELDS),
    (_("二、概况与其他重要事项"), TEXT_FIELDS),
    (_("三、上年数（用于同比说明；空白表示未知，不作比较）"), PRIOR_FIELDS),
)
FIXED_FIELDS = {field.key: field for _title, fields in INFO_SECTIONS for field in fields}
MAX_EXPLANATION_KEY = 60


def prior_class_field(code: str, name: str) -> InfoField:
    return InfoField(
        f"{PRIOR_CLASS_PREFIX}{code}", _("上年%(code)s %(name)s（类）支出（万元）") % {"code": code, "name": name},
        OPTIONAL_AMOUNT,
    )  # fmt: skip


def explanation_field(key: str, class_names: dict[str, str]) -> InfoField:
    label = EXPLANATION_LABELS.get(key)
    if label is None and key.startswith("function_class."):
        code = key.removeprefix("function_class.")
        label = _("%(code)s %(name)s（类）支出增减的主要原因") % {"code": code, "name": class_names.get(code, "")}
    return InfoField(f"{EXPLANATION_PREFIX}{key}", str(label or key), LONGTEXT)


def info_field(key: str) -> InfoField | None:
    """The field a 字段代码 names, or None when it names none."""
    if key in FIXED_FIELDS:
        return FIXED_FIELDS[key]
    if key.startswith(PRIOR_CLASS_PREFIX):
        code = key.removeprefix(PRIOR_CLASS_PREFIX)
        return prior_class_field(code, "") if len(code) == 3 and code.isdigit() else None
    if key.startswith(EXPLANATION_PREFIX):
        name = key.removeprefix(EXPLANATION_PREFIX)
        return explanation_field(name, {}) if 0 < len(name) <= MAX_EXPLANATION_KEY else None
    return None


def info_sections(prior_classes: list[str], explanation_keys: list[str]) -> list[tuple[str, list[InfoField]]]:
    """The 说明与其他 rows: fixed fields, every function 类 for last year, every known explanation and extras."""
    names = dict(FUNCTION_CLASSES)
    classes = [code for code, _name in FUNCTION_CLASSES]
    classes += sorted(set(prior_classes) - set(classes))
    keys = [*EXPLANATION_LABELS, *(f"function_class.{code}" for code, _name in FUNCTION_CLASSES)]
    keys += sorted(set(explanation_keys) - set(keys))
    sections = [(title, list(fields)) for title, fields in INFO_SECTIONS]
    sections[-1][1].extend(prior_class_field(code, names.get(code, "")) for code in classes)
    sections.append((_("四、情况说明（各项增减的主要原因，由单位填写）"), [explanation_field(k, names) for k in keys]))
    return sections


KIND_CHOICES = choice_labels(Kind)
UNIT_TYPE_CHOICES = UNIT_TYPE_WORDINGS
