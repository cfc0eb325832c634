"""The budget-disclosure/1 JSON format: parse into a DisclosureData, and write one back.

Parsing touches the database only to read the year's catalog. It collects every problem with
the place it was found (key path, and the table and row it belongs to) and raises them together,
so that a rejected document changes nothing and the sender can fix everything at once.
"""

import json
import re
from decimal import Decimal

from catalogs.missing import CodeCheck, MissingCodes
from catalogs.models import Scheme
from disclosures.choices import (
    Fund,
    IncomeSource,
    IndicatorCategory,
    Kind,
    Level,
    Operator,
    ProcurementCategory,
    ProcurementMode,
)
from disclosures.input_limits import InputRefused, load_json, text_problems
from disclosures.layouts import get_layout, is_layout
from disclosures.models import (
    FINAL_LINE_AMOUNT_FIELDS,
    PRIOR_YEAR_AMOUNT_FIELDS,
    THREE_PUBLIC_COUNT_FIELDS,
    THREE_PUBLIC_FINAL_AMOUNT_FIELDS,
    Disclosure,
    EvaluatedProject,
    PerformanceIndicator,
    PerformanceTarget,
    ProcurementItem,
)
from disclosures.money import WAN, YUAN, AmountError, exact_wan_text, parse_amount
from disclosures.narrative.reasons import canonical_key, is_key
from disclosures.snapshot import (
    CARRYOVER_KEYS,
    FUND_FIELDS,
    BasicRow,
    DisclosureData,
    Evaluation,
    FundedRow,
    Indicator,
    Line,
    Prior,
    Target,
    ThreePublicRow,
    code_book,
)
from units.models import Department, Jurisdiction, Unit
from units.types import unit_type_from_wording

FORMAT = "budget-disclosure/1"

INCOME_KEYS = {
    ("general_budget", "superior"): "general_budget_superior",
    ("general_budget", "local"): "general_budget_local",
    ("general_budget", "bond"): "general_budget_bond",
    ("gov_fund", "superior"): "gov_fund_superior",
    ("gov_fund", "local"): "gov_fund_local",
    ("gov_fund", "bond"): "gov_fund_bond",
    ("state_capital", "superior"): "state_capital_superior",
    ("state_capital", "local"): "state_capital_local",
    ("special_account", None): "special_account",
    ("unit_funds", "business"): "unit_business",
    ("unit_funds", "operating"): "unit_operating",
    ("unit_funds", "superior"): "unit_superior",
    ("unit_funds", "affiliated"): "unit_affiliated",
    ("unit_funds", "other"): "unit_other",
}
PRIOR_KEYS = {
    "total": "total",
    "basic": "basic",
    "project": "project",
    "meeting": "meeting",
    "training": "training",
    "operating_costs": "operating_costs",
    "spent": "spent",
    "gov_fund_expenditure": "gov_fund_expenditure",
    "general_budget_expenditure": "general_budget_expenditure",
    "general_budget_basic": "general_budget_basic",
}
PRIOR_GROUPS = {
    "income": {fund.value: f"income_{fund.value}" for fund in Fund},
    "three_public": {key: key for key in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")},
    "procurement": {"total": "procurement_total", "centralized": "procurement_centralized",
                    "decentralized": "procurement_decentralized"},
}  # fmt: skip
THREE_PUBLIC_KEYS = [
    "abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training_local", "training_superior",
]  # fmt: skip
# What a 决算 states besides a budget's (docs/disclosure-format.md, 决算): optional keys, written only for a 决算.
FINAL_LINE_KEYS = FINAL_LINE_AMOUNT_FIELDS
FINAL_THREE_PUBLIC_KEYS = THREE_PUBLIC_FINAL_AMOUNT_FIELDS
FINAL_GROUPS = {
    "closing": {fund.value: f"closing_{fund.value}" for fund in Fund},
    "procurement": {"goods": "procurement_goods", "works": "procurement_works", "services": "procurement_services",
                    "sme": "procurement_sme", "small_micro": "procurement_small_micro"},
}  # fmt: skip
FINAL_AMOUNT_KEYS = {"surplus_distribution": "surplus_distribution", "fund_drawdown": "fund_drawdown"}
FINAL_ASSET_KEYS = {
    "vehicles": {"ministerial": "vehicles_ministerial", "general": "vehicles_general",
                 "enforcement": "vehicles_enforcement", "special": "vehicles_special", "other": "vehicles_other"},
    "equipment": {"general": "equipment_general", "special": "equipment_special"},
}  # fmt: skip
TABLE_OF = {
    "expenditure_lines": "预算公开03表",
    "basic_by_economic": "预算公开06表",
    "three_public": "预算公开07表",
    "procurement": "预算公开10表",
    "service_purchases": "预算公开11表",
    "performance_targets": "预算公开12表",
    "income": "预算公开01表",
    "carryover_in": "预算公开01表",
}


class InterchangeError(Exception):
    def __init__(self, errors: list[str], missing_codes: MissingCodes | None = None):
        # The codes the year's catalog lacks, listed first in one more message, for an administrator to add.
        self.missing_codes = missing_codes or None
        self.errors = [missing_codes.message(), *errors] if self.missing_codes else errors
        super().__init__("\n".join(self.errors))


def _where(path: str) -> str:
    """A key path, with the table and row it belongs to when there is one."""
    head, _, rest = path.partition("[")
    table = TABLE_OF.get(head.split(".")[0])
    if table and rest:
        index = int(rest.split("]")[0])
        return f"{path}（{table} 第{index + 1}行）"
    if table:
        return f"{path}（{table}）"
    return path


# The keys each object of the format may hold; any other key is reported as a warning and ignored.
KNOWN_KEYS = {
    "": {"format", "kind", "year", "amount_unit", "layout", "department", "unit", "overview", "income",
         "carryover_in", "expenditure_lines", "basic_by_economic", "three_public", "procurement", "service_purchases",
         "performance_targets", "operating_costs", "state_assets", "contact", "prior_year", "explanations", "notes",
         "final", "evaluations", "level", "units"},
    "department": {"code", "name", "jurisdiction"},
    "department.jurisdiction": {"code", "name"},
    "unit": {"code", "name", "type"},
    "overview": {"duties", "organisation", "annual_tasks"},
    "contact": {"person", "phone"},
    "income": {"general_budget", "gov_fund", "state_capital", "special_account", "unit_funds"},
    "carryover_in": set(CARRYOVER_KEYS),
    "expenditure_lines[]": {"function_code", "fund", "personnel", "public", "project", "carry_forward", "purpose",
                            *FINAL_LINE_KEYS, "income_source"},
    "basic_by_economic[]": {"economic_code", "personnel", "public"},
    "three_public[]": {"fund", *THREE_PUBLIC_KEYS, *FINAL_THREE_PUBLIC_KEYS, *THREE_PUBLIC_COUNT_FIELDS},
    "final": {*FINAL_GROUPS, *FINAL_AMOUNT_KEYS, "assets"},
    "final.closing": set(FINAL_GROUPS["closing"]),
    "final.procurement": set(FINAL_GROUPS["procurement"]),
    "final.assets": set(FINAL_ASSET_KEYS),
    "final.assets.vehicles": set(FINAL_ASSET_KEYS["vehicles"]),
    "final.assets.equipment": set(FINAL_ASSET_KEYS["equipment"]),
    "evaluations[]": {"project", "amount", "text"},
    "procurement[]": {"function_code", "project", "mode", "category", "funds"},
    "service_purchases[]": {"function_code", "project", "funds"},
    "performance_targets[]": {"project", "amount", "goal", "indicators", "key_project"},
    "performance_targets[].indicators[]": {"category", "name", "operator", "value", "unit"},
    "prior_year": {"year", "note", *PRIOR_KEYS, *PRIOR_GROUPS, "function_class", "general_budget_class", "economic"},
}  # fmt: skip


def _schema_path(path: str) -> str:
    """expenditure_lines[3] → expenditure_lines[]: the path of the object's kind in KNOWN_KEYS."""
    return re.sub(r"\[\d+\]", "[]", path)


class _Reader:
    def __init__(self, unit: str):
        self.unit = unit
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{_where(path)}：{message}")

    def obj(self, value, path: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "应为对象（{…}）")
            return {}
        known = KNOWN_KEYS.get(_schema_path(path))
        if known is not None:
            for key in value:
                if key not in known:
                    where = f"{path}.{key}" if path else str(key)
                    self.warnings.append(f"{_where(where)}：不认识的键，已忽略")
        return value

    def items(self, value, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "应为列表（[…]）")
            return []
        return value

    def amount(self, value, path: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal | type(None)):
            self.error(path, f"“{value}”不是金额")
            return Decimal("0")
        try:
            return parse_amount(value, self.unit)
        except AmountError as exc:
            self.error(path, str(exc))
            return Decimal("0")

    def count(self, value, path: str) -> int:
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2_000_000_000:
            self.error(path, f"“{value}”不是有效的数量（应为非负整数）")
            return 0
        return value

    def optional_amount(self, value, path: str) -> Decimal | None:
        return None if value is None else self.amount(value, path)

    def text(self, value, path: str, required: bool = False, field=None) -> str:
        """``field`` (a model field) limits the length to what the database column holds."""
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(path, "应为文字")
            return ""
        value = value.strip()
        if required and not value:
            self.error(path, "不能为空")
        limit = getattr(field, "max_length", None)
        if limit and len(value) > limit:
            self.error(path, f"不能超过{limit}个字（现有{len(value)}个）")
        return value

    def flag(self, value, path: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(path, "应为 true 或 false")
            return False
        return value

    def choice(self, value, path: str, choices, label: str) -> str:
        if value not in choices:
            self.error(path, f"“{value}”不是有效的{label}（可选：{'、'.join(choices)}）")
            return ""
        return value


def _field(model, name: str):
    return model._meta.get_field(name)


def parse(raw: bytes | str) -> DisclosureData:
    """Parse a budget-disclosure/1 document; raises InterchangeError listing every problem."""
    try:
        document = load_json(raw)
    except InputRefused as exc:
        raise InterchangeError(exc.errors) from exc
    unstorable = list(text_problems(document))
    if unstorable:
        raise InterchangeError(unstorable)
    if not isinstance(document, dict):
        raise InterchangeError(["不是有效的预算公开文档：顶层应为对象"])
    reader = _Reader(WAN)
    reader.obj(document, "")
    if document.get("format") != FORMAT:
        raise InterchangeError([f"format：应为“{FORMAT}”，实际为“{document.get('format')}”"])
    unit_of_amounts = document.get("amount_unit", WAN)
    if unit_of_amounts not in (WAN, YUAN):
        raise InterchangeError([f"amount_unit：应为“万元”或“元”，实际为“{unit_of_amounts}”"])
    year = document.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InterchangeError([f"year：“{year}”不是有效的年度"])
    level = document.get("level", Level.UNIT)
    if level == Level.DEPARTMENT:
        raise InterchangeError(
            ["level：部门公开材料由所属单位的公开材料汇总生成，不能导入；请导入各单位的公开材料，再在平台上汇总"]
        )
    if level != Level.UNIT:
        raise InterchangeError([f"level：应为“unit”或“department”，实际为“{level}”"])
    reader.unit = unit_of_amounts
    codes = CodeCheck(year, code_book(year))

    def code(value, path: str, scheme: str, level: int) -> str:
        text = str(value).strip() if isinstance(value, str | int) else ""
        problem = codes.problem(scheme, text, level)
        if problem:
            reader.error(path, problem)
        return text

    kind = reader.choice(document.get("kind", Kind.BUDGET), "kind", Kind.values, "类型")
    department = reader.obj(document.get("department"), "department")
    unit = reader.obj(document.get("unit"), "unit")
    type_wording = unit.get("type")
    if type_wording is not None and not isinstance(type_wording, str):
        reader.error("unit.type", f"应为文字（单位类型，可选：{'、'.join(Unit.Type.values)}）")
        type_wording = None
    unit_type = unit_type_from_wording(type_wording) or reader.choice(
        type_wording, "unit.type", Unit.Type.values, "单位类型"
    )
    overview = reader.obj(document.get("overview"), "overview")
    jurisdiction = reader.obj(department.get("jurisdiction"), "department.jurisdiction")
    contact = reader.obj(document.get("contact"), "contact")
    layout = reader.text(document.get("layout"), "layout")
    if layout and not is_layout(layout):
        reader.error("layout", f"“{layout}”不是本平台的公开格式")
    elif layout and kind and get_layout(layout).kind != kind:
        reader.error("layout", f"“{layout}”是{Kind(get_layout(layout).kind).label}的格式，与 kind“{kind}”不符")
    data = DisclosureData(
        year=year,
        kind=kind,
        department_code=reader.text(
            department.get("code"), "department.code", required=True, field=_field(Department, "code")
        ),
        department_name=reader.text(
            department.get("name"), "department.name", required=True, field=_field(Department, "name")
        ),
        unit_code=reader.text(unit.get("code"), "unit.code", required=True, field=_field(Unit, "code")),
        unit_name=reader.text(unit.get("name"), "unit.name", required=True, field=_field(Unit, "name")),
        unit_type=unit_type,
        layout=layout,
        jurisdiction_code=reader.text(
            jurisdiction.get("code"), "department.jurisdiction.code", field=_field(Jurisdiction, "code")
        ),
        jurisdiction_name=reader.text(
            jurisdiction.get("name"), "department.jurisdiction.name", field=_field(Jurisdiction, "name")
        ),
        contact_person=reader.text(contact.get("person"), "contact.person", field=_field(Disclosure, "contact_person")),
        contact_phone=reader.text(contact.get("phone"), "contact.phone", field=_field(Disclosure, "contact_phone")),
        duties=reader.text(overview.get("duties"), "overview.duties"),
        organisation=reader.text(overview.get("organisation"), "overview.organisation"),
        annual_tasks=reader.text(overview.get("annual_tasks"), "overview.annual_tasks"),
        operating_costs=reader.amount(document.get("operating_costs"), "operating_costs"),
        state_assets=reader.text(document.get("state_assets"), "state_assets"),
    )

    income = reader.obj(document.get("income"), "income")
    for (group, key), name in INCOME_KEYS.items():
        if key is None:
            data.income[name] = reader.amount(income.get(group), f"income.{group}")
        else:
            values = reader.obj(income.get(group), f"income.{group}")
            data.income[name] = reader.amount(values.get(key), f"income.{group}.{key}")
    carryover = reader.obj(document.get("carryover_in"), "carryover_in")
    for key, name in CARRYOVER_KEYS.items():
        data.income[name] = reader.amount(carryover.get(key), f"carryover_in.{key}")

    seen_lines: dict[tuple[str, str], int] = {}
    for index, item in enumerate(reader.items(document.get("expenditure_lines"), "expenditure_lines")):
        path = f"expenditure_lines[{index}]"
        item = reader.obj(item, path)
        line = Line(
            function_code=code(item.get("function_code"), f"{path}.function_code", Scheme.FUNCTION, 3),
            fund=reader.choice(item.get("fund", Fund.GENERAL_BUDGET), f"{path}.fund", Fund.values, "资金性质"),
            personnel=reader.amount(item.get("personnel"), f"{path}.personnel"),
            public=reader.amount(item.get("public"), f"{path}.public"),
            project=reader.amount(item.get("project"), f"{path}.project"),
            carry_forward=reader.amount(item.get("carry_forward"), f"{path}.carry_forward"),
            purpose=reader.text(item.get("purpose"), f"{path}.purpose"),
            income_source=reader.choice(item.get("income_source", ""), f"{path}.income_source",
                                        ["", *IncomeSource.values], "收入来源"),
            **{key: reader.amount(item.get(key), f"{path}.{key}") for key in FINAL_LINE_KEYS},
        )  # fmt: skip
        key = (line.function_code, line.fund)
        if key in seen_lines:
            reader.error(path, f"科目“{line.function_code}”与第{seen_lines[key] + 1}行重复（同一资金性质只能填一行）")
        seen_lines.setdefault(key, index)
        data.lines.append(line)

    seen_economic: dict[str, int] = {}
    for index, item in enumerate(reader.items(document.get("basic_by_economic"), "basic_by_economic")):
        path = f"basic_by_economic[{index}]"
        item = reader.obj(item, path)
        row = BasicRow(
            economic_code=code(item.get("economic_code"), f"{path}.economic_code", Scheme.ECON_DEPT, 2),
            personnel=reader.amount(item.get("personnel"), f"{path}.personnel"),
            public=reader.amount(item.get("public"), f"{path}.public"),
        )
        if row.economic_code in seen_economic:
            reader.error(path, f"科目“{row.economic_code}”与第{seen_economic[row.economic_code] + 1}行重复")
        seen_economic.setdefault(row.economic_code, index)
        data.basic.append(row)

    seen_funds: dict[str, int] = {}
    for index, item in enumerate(reader.items(document.get("three_public"), "three_public")):
        path = f"three_public[{index}]"
        item = reader.obj(item, path)
        row = ThreePublicRow(
            fund=reader.choice(item.get("fund", Fund.GENERAL_BUDGET), f"{path}.fund", Fund.values, "资金性质"),
            **{key: reader.amount(item.get(key), f"{path}.{key}") for key in (*THREE_PUBLIC_KEYS,
                                                                               *FINAL_THREE_PUBLIC_KEYS)},
            **{key: reader.count(item.get(key), f"{path}.{key}") for key in THREE_PUBLIC_COUNT_FIELDS},
        )  # fmt: skip
        if row.fund in seen_funds:
            reader.error(path, f"资金性质“{row.fund}”与第{seen_funds[row.fund] + 1}行重复")
        seen_funds.setdefault(row.fund, index)
        data.three_public.append(row)

    for section, target_list in (("procurement", data.procurement), ("service_purchases", data.service_purchases)):
        for index, item in enumerate(reader.items(document.get(section), section)):
            path = f"{section}[{index}]"
            item = reader.obj(item, path)
            funds = reader.obj(item.get("funds"), f"{path}.funds")
            for unknown in sorted(set(funds) - set(FUND_FIELDS)):
                reader.error(f"{path}.funds.{unknown}", f"“{unknown}”不是资金来源（可选：{'、'.join(FUND_FIELDS)}）")
            row = FundedRow(
                function_code=code(item.get("function_code"), f"{path}.function_code", Scheme.FUNCTION, 3),
                project=reader.text(
                    item.get("project"), f"{path}.project", required=True, field=_field(ProcurementItem, "project")
                ),
                funds={name: reader.amount(funds.get(name), f"{path}.funds.{name}") for name in FUND_FIELDS},
            )
            if section == "procurement":
                row.mode = reader.choice(item.get("mode"), f"{path}.mode", ProcurementMode.values, "采购方式")
                row.category = reader.choice(
                    item.get("category"), f"{path}.category", ProcurementCategory.values, "采购类型"
                )
            target_list.append(row)

    for index, item in enumerate(reader.items(document.get("performance_targets"), "performance_targets")):
        path = f"performance_targets[{index}]"
        item = reader.obj(item, path)
        target = Target(
            project=reader.text(
                item.get("project"), f"{path}.project", required=True, field=_field(PerformanceTarget, "project")
            ),
            amount=reader.amount(item.get("amount"), f"{path}.amount"),
            goal=reader.text(item.get("goal"), f"{path}.goal"),
            key_project=reader.flag(item.get("key_project"), f"{path}.key_project"),
        )
        for number, raw in enumerate(reader.items(item.get("indicators"), f"{path}.indicators")):
            where = f"{path}.indicators[{number}]"
            raw = reader.obj(raw, where)
            operator = raw.get("operator") or ""
            if operator:
                reader.choice(operator, f"{where}.operator", Operator.values, "比较符")
            value = raw.get("value")
            target.indicators.append(
                Indicator(
                    category=reader.choice(
                        raw.get("category"), f"{where}.category", IndicatorCategory.values, "指标类别"
                    ),
                    name=reader.text(
                        raw.get("name"), f"{where}.name", required=True, field=_field(PerformanceIndicator, "name")
                    ),
                    operator=operator,
                    # A qualitative indicator (政府网站运行良好) may have no value; a comparison needs one.
                    value=reader.text(str(value) if isinstance(value, int | Decimal) else value, f"{where}.value",
                                      required=bool(operator), field=_field(PerformanceIndicator, "value")),
                    unit=reader.text(raw.get("unit"), f"{where}.unit", field=_field(PerformanceIndicator, "unit")),
                )
            )  # fmt: skip
        data.targets.append(target)

    if document.get("prior_year") is not None:
        prior_doc = reader.obj(document.get("prior_year"), "prior_year")
        prior_year = prior_doc.get("year")
        if prior_year is not None and (
            isinstance(prior_year, bool) or not isinstance(prior_year, int) or not 2000 <= prior_year <= 2100
        ):
            reader.error("prior_year.year", f"“{prior_year}”不是有效的年度")
            prior_year = None
        prior = Prior(year=prior_year, figures=dict.fromkeys(PRIOR_YEAR_AMOUNT_FIELDS))
        for key, name in PRIOR_KEYS.items():
            prior.figures[name] = reader.optional_amount(prior_doc.get(key), f"prior_year.{key}")
        for group, names in PRIOR_GROUPS.items():
            values = reader.obj(prior_doc.get(group), f"prior_year.{group}")
            for key, name in names.items():
                prior.figures[name] = reader.optional_amount(values.get(key), f"prior_year.{group}.{key}")
        for group, lengths, label in (
            ("function_class", (3,), "功能分类类级编码应为3位数字"),
            ("general_budget_class", (3,), "功能分类类级编码应为3位数字"),
            ("economic", (3, 5), "经济分类编码应为3位（类）或5位（款）数字"),
        ):
            for class_code, amount in reader.obj(prior_doc.get(group), f"prior_year.{group}").items():
                if not (len(class_code) in lengths and class_code.isascii() and class_code.isdigit()):
                    reader.error(f"prior_year.{group}.{class_code}", label)
                    continue
                getattr(prior, group)[class_code] = reader.amount(amount, f"prior_year.{group}.{class_code}")
        data.prior = prior

    _parse_final(reader, document, data)

    for key, text in reader.obj(document.get("explanations"), "explanations").items():
        key = canonical_key(str(key))
        if not is_key(key):
            reader.error(f"explanations.{key}", "不是可识别的说明对象（例如 total_change、function_class.208）")
            continue
        data.explanations[key] = reader.text(text, f"explanations.{key}")

    if reader.errors:
        raise InterchangeError(reader.errors, missing_codes=codes.missing)
    data.import_warnings = reader.warnings
    return data


def _parse_final(reader: _Reader, document: dict, data: DisclosureData) -> None:
    """The ``final`` object and ``evaluations`` of a 决算 (a budget has neither)."""
    if document.get("final") is not None:
        final = reader.obj(document.get("final"), "final")
        for group, names in FINAL_GROUPS.items():
            values = reader.obj(final.get(group), f"final.{group}")
            for key, name in names.items():
                data.final[name] = reader.amount(values.get(key), f"final.{group}.{key}")
        for key, name in FINAL_AMOUNT_KEYS.items():
            data.final[name] = reader.amount(final.get(key), f"final.{key}")
        assets = reader.obj(final.get("assets"), "final.assets")
        for group, names in FINAL_ASSET_KEYS.items():
            values = reader.obj(assets.get(group), f"final.assets.{group}")
            for key, name in names.items():
                data.final[name] = reader.count(values.get(key), f"final.assets.{group}.{key}")
        if data.final["procurement_small_micro"] > data.final["procurement_sme"]:
            reader.error(
                "final.procurement.small_micro",
                "授予小微企业合同金额不能大于授予中小企业合同金额（小微企业是中小企业的一部分）",
            )
    for index, item in enumerate(reader.items(document.get("evaluations"), "evaluations")):
        path = f"evaluations[{index}]"
        item = reader.obj(item, path)
        data.evaluations.append(
            Evaluation(
                project=reader.text(
                    item.get("project"), f"{path}.project", required=True, field=_field(EvaluatedProject, "project")
                ),
                amount=reader.amount(item.get("amount"), f"{path}.amount"),
                text=reader.text(item.get("text"), f"{path}.text"),
            )
        )
    if (data.final or data.evaluations) and data.kind != Kind.FINAL:
        reader.error("kind", "只有决算（kind 为 final）才能填写 final 和 evaluations")


def _dump_final(data: DisclosureData) -> dict:
    amount = exact_wan_text
    final: dict = {group: {key: amount(data.final_figure(name)) for key, name in names.items()}
                   for group, names in FINAL_GROUPS.items()}  # fmt: skip
    final |= {key: amount(data.final_figure(name)) for key, name in FINAL_AMOUNT_KEYS.items()}
    final["assets"] = {group: {key: data.final_figure(name) for key, name in names.items()}
                       for group, names in FINAL_ASSET_KEYS.items()}  # fmt: skip
    return {
        "final": final,
        "evaluations": [
            {"project": row.project, "amount": amount(row.amount), "text": row.text} for row in data.evaluations
        ],
    }


def _funds(row: FundedRow) -> dict[str, str]:
    return {name: exact_wan_text(row.fund(name)) for name in FUND_FIELDS if row.fund(name)}


def dump(data: DisclosureData) -> dict:
    """The document for ``data``, amounts in 万元 without losing a cent."""
    amount = exact_wan_text
    income: dict = {}
    for (group, key), name in INCOME_KEYS.items():
        value = amount(data.income_amount(name))
        if key is None:
            income[group] = value
        else:
            income.setdefault(group, {})[key] = value
    document = {
        "format": FORMAT,
        "kind": data.kind,
        "year": data.year,
        "amount_unit": WAN,
        "layout": data.layout,
        "department": {
            "code": data.department_code,
            "name": data.department_name,
            **(
                {"jurisdiction": {"code": data.jurisdiction_code, "name": data.jurisdiction_name}}
                if data.jurisdiction_code
                else {}
            ),
        },
        "unit": {"code": data.unit_code, "name": data.unit_name, "type": data.unit_type},
        "overview": {"duties": data.duties, "organisation": data.organisation, "annual_tasks": data.annual_tasks},
        "income": income,
        "carryover_in": {key: amount(data.income_amount(name)) for key, name in CARRYOVER_KEYS.items()},
        "expenditure_lines": [
            {
                "function_code": line.function_code,
                "fund": line.fund,
                "personnel": amount(line.personnel),
                "public": amount(line.public),
                "project": amount(line.project),
                "carry_forward": amount(line.carry_forward),
                "purpose": line.purpose,
                **(
                    {
                        "income_source": line.income_source,
                        **{key: amount(getattr(line, key)) for key in FINAL_LINE_KEYS},
                    }
                    if data.is_final
                    else {}
                ),
            }
            for line in data.lines
        ],
        "basic_by_economic": [
            {"economic_code": row.economic_code, "personnel": amount(row.personnel), "public": amount(row.public)}
            for row in data.basic
        ],
        "three_public": [
            {
                "fund": row.fund,
                **{key: amount(getattr(row, key)) for key in THREE_PUBLIC_KEYS},
                **(
                    {
                        **{key: amount(getattr(row, key)) for key in FINAL_THREE_PUBLIC_KEYS},
                        **{key: getattr(row, key) for key in THREE_PUBLIC_COUNT_FIELDS},
                    }
                    if data.is_final
                    else {}
                ),
            }
            for row in data.three_public
        ],
        "procurement": [
            {
                "function_code": row.function_code,
                "project": row.project,
                "mode": row.mode,
                "category": row.category,
                "funds": _funds(row),
            }
            for row in data.procurement
        ],
        "service_purchases": [
            {"function_code": row.function_code, "project": row.project, "funds": _funds(row)}
            for row in data.service_purchases
        ],
        "performance_targets": [
            {
                "project": target.project,
                "amount": amount(target.amount),
                "goal": target.goal,
                **({"key_project": True} if target.key_project else {}),
                "indicators": [
                    {
                        "category": item.category,
                        "name": item.name,
                        "operator": item.operator or None,
                        "value": item.value,
                        "unit": item.unit,
                    }
                    for item in target.indicators
                ],
            }
            for target in data.targets
        ],
        "operating_costs": amount(data.operating_costs),
        "state_assets": data.state_assets,
        "explanations": dict(sorted(data.explanations.items())),
    }
    if data.is_final:
        document |= _dump_final(data)
    if data.is_department_level:
        _department_level(document, data)
    if data.contact_person or data.contact_phone:
        document["contact"] = {"person": data.contact_person, "phone": data.contact_phone}
    if data.prior is not None:
        prior: dict = {"year": data.prior.year} if data.prior.year else {}
        for key, name in PRIOR_KEYS.items():
            if data.prior.get(name) is not None:
                prior[key] = amount(data.prior.get(name))
        for group, names in PRIOR_GROUPS.items():
            values = {
                key: amount(data.prior.get(name)) for key, name in names.items() if data.prior.get(name) is not None
            }
            if values:
                prior[group] = values
        for group in ("function_class", "general_budget_class", "economic"):
            if values := getattr(data.prior, group):
                prior[group] = {code: amount(value) for code, value in sorted(values.items())}
        document["prior_year"] = prior
    return document


def _department_level(document: dict, data: DisclosureData) -> None:
    """A department's document says so, and lists its units (the ones left out with the reason) instead of a unit."""
    document["level"] = Level.DEPARTMENT.value
    del document["unit"]
    document["units"] = [
        {
            "code": unit.code,
            "name": unit.name,
            "type": unit.type,
            "included": unit.included,
            **({"reason": unit.reason} if not unit.included else {}),
            "version": unit.version,
        }
        for unit in data.units
    ]


def dumps(data: DisclosureData) -> str:
    return json.dumps(dump(data), ensure_ascii=False, indent=2)


def export_bytes(disclosure) -> bytes:
    from disclosures.snapshot import load

    return dumps(load(disclosure)).encode("utf-8")
