"""Every figure the narrative states, computed once from a disclosure's data; no phrasing here.

Amounts are exact Decimals in 元, shares and rates Decimals in percent with 2 decimals. Last
year's figures come from last year's published disclosure when the portal has it, else from the
figures the unit typed (``data.prior``), else they are unknown and nothing is compared; both sides
are computed as the checks compute them (``disclosures.checks.yoy``). Names are those of the
disclosure year's catalog. Layouts (templates) turn these facts into sentences.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from catalogs.models import ClassificationCode
from disclosures.checks.yoy import prior_from, year_figures
from disclosures.choices import FISCAL_FUNDS, Fund, IndicatorCategory, Kind, Level, ProcurementCategory
from disclosures.money import ZERO, percent
from disclosures.narrative import reasons
from disclosures.narrative.change import Change
from disclosures.snapshot import CARRYOVER_KEYS, FUND_FIELDS, DisclosureData, Line, ListedUnit, Target
from disclosures.tables.builders import Names, build_tables
from disclosures.tables.declaration import TableKey
from units.models import Unit

if TYPE_CHECKING:
    from disclosures.narrative.final_facts import FinalFacts

CARRYOVER = "carryover"
CARRYOVER_LABEL = gettext_lazy("上年结转结余")
# 机关运行经费 is reported by these only (the others are outside its statistics); a layout may report
# 单位运行经费 for every unit instead (see layouts.Rules.operating_costs).
OPERATING_COST_UNIT_TYPES = (Unit.Type.ADMINISTRATIVE, Unit.Type.CIVIL_SERVICE_MANAGED)
# What a 类's share is a share of (the layout declares which one its text prints).
SHARE_BASES = ("expenditure", "general_budget")
# Income by source in the order of table 1, as a layout that lists every source (zeros too) names them.
INCOME_ITEMS = (
    ("general_budget", gettext_lazy("一般公共预算拨款"), ("general_budget_superior", "general_budget_local",
                                                   "general_budget_bond")),
    ("gov_fund", gettext_lazy("政府性基金预算拨款"), ("gov_fund_superior", "gov_fund_local", "gov_fund_bond")),
    ("state_capital", gettext_lazy("国有资本经营预算拨款"), ("state_capital_superior", "state_capital_local")),
    ("special_account", gettext_lazy("财政专户管理资金"), ("special_account",)),
    ("unit_business", gettext_lazy("事业收入"), ("unit_business",)),
    ("unit_operating", gettext_lazy("事业单位经营收入"), ("unit_operating",)),
    ("unit_superior", gettext_lazy("上级补助收入"), ("unit_superior",)),
    ("unit_affiliated", gettext_lazy("附属单位上缴收入"), ("unit_affiliated",)),
    ("unit_other", gettext_lazy("其他收入"), ("unit_other",)),
)  # fmt: skip


@dataclass(frozen=True)
class Part:
    """One named part of a whole: an income source, a fund, a procurement category."""

    key: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class IncomeSource:
    """本年收入 of one fund, or the 上年结转结余 (``key`` "carryover")."""

    key: str
    label: str
    is_fiscal: bool  # printed as “…拨款”
    change: Change


@dataclass(frozen=True)
class FunctionClass:
    code: str
    name: str
    change: Change
    shares: dict[str, Decimal | None] = field(default_factory=dict)  # by base: expenditure, general_budget

    @property
    def share(self) -> Decimal | None:
        """Its share of the whole expenditure (支出总计)."""
        return self.shares.get("expenditure")


@dataclass(frozen=True)
class LineItem:
    """One expenditure line (function 项 and fund), with the names of its 类, 款 and 项."""

    index: int  # position in DisclosureData.lines
    code: str
    fund: str
    class_name: str
    kind_name: str
    item_name: str
    total: Decimal
    basic: Decimal
    project: Decimal
    purpose: str

    @property
    def structure(self) -> str:
        """basic / project / mixed (both), or none when the line has neither (only 结转下年)."""
        if self.basic and self.project:
            return "mixed"
        if self.basic:
            return "basic"
        return "project" if self.project else "none"


@dataclass(frozen=True)
class LinesSummary:
    """The lines of one fund (tables 5, 8, 9): totals, one item per 项 and the 类 they add up to."""

    total: Change
    basic: Decimal
    project: Decimal
    items: list[LineItem]
    is_empty: bool
    empty_reason: str = ""
    classes: list[FunctionClass] = field(default_factory=list)


@dataclass(frozen=True)
class Income:
    total: Change  # 收支总预算, explained by income_change, else total_change
    sources: list[IncomeSource]  # the sources with an amount, in the order of table 1
    items: list[Part] = field(default_factory=list)  # every source, zeros too, 单位资金 by its parts


@dataclass(frozen=True)
class Expenditure:
    total: Decimal  # 支出总计 (本年支出 + 结转下年支出), the base of every share
    overall: Change  # 收支总预算, explained by expenditure_change, else total_change
    basic: Change
    project: Change
    basic_share: Decimal | None
    project_share: Decimal | None
    carry_forward: Decimal
    classes: list[FunctionClass]
    basic_purpose: str = ""  # what 基本支出 as a whole is 主要用于, where the unit wrote it
    project_purpose: str = ""


@dataclass(frozen=True)
class Fiscal:
    """财政拨款 (table 4): the three fiscal funds' income and expenditure."""

    total: Decimal
    income: list[Part]  # funds with an amount, then 上年结转结余 when there is one
    classes: list[Part]
    carry_forward: Decimal
    change: Change  # 本年财政拨款收入 (without 上年结转) against last year's, explained by fiscal_change
    spent: Decimal = ZERO  # 本年财政拨款支出 (without 结转下年)
    income_by_fund: dict[str, Decimal] = field(default_factory=dict)  # 本年收入 of each fiscal fund, zeros too


@dataclass(frozen=True)
class EconomicItem:
    """One economic 类 or 款 of table 6 with its change from last year."""

    code: str
    name: str
    class_name: str  # the 类's name (its own name for a 类)
    change: Change
    personnel: Decimal
    public: Decimal

    @property
    def is_class(self) -> bool:
        return len(self.code) == 3

    @property
    def label(self) -> str:
        """工资福利支出-基本工资 for a 款, 商品和服务支出 for a 类."""
        return self.name if self.is_class else f"{self.class_name}-{self.name}"


@dataclass(frozen=True)
class BasicSpending:
    """一般公共预算基本支出 (table 6) and the economic 款 its 人员经费 and 公用经费 consist of."""

    total: Decimal
    personnel: Decimal
    public: Decimal
    personnel_items: list[str]
    public_items: list[str]
    is_empty: bool
    empty_reason: str = ""
    change: Change = field(default_factory=lambda: Change(ZERO))  # against last year, general_basic_change
    economic: list[EconomicItem] = field(default_factory=list)  # each 款 of table 6, in code order
    classes: list[EconomicItem] = field(default_factory=list)  # each 类 of table 6, in code order


@dataclass(frozen=True)
class ThreePublic:
    """“三公”经费 and each of its items, and 会议费 / 培训费: table 7's 合计, the basis the checks and
    last year's typed figures use too (for nearly every unit it is all 一般公共预算)."""

    total: Change
    abroad: Change
    vehicle: Change
    vehicle_purchase: Change
    vehicle_operation: Change
    reception: Change
    meeting: Change
    training: Change


@dataclass(frozen=True)
class Procurement:
    total: Change
    centralized: Change
    decentralized: Change
    centralized_share: Decimal | None
    decentralized_share: Decimal | None
    categories: list[Part]  # every category, zeros too
    funds: list[Part]  # the sources of funds with an amount
    is_empty: bool
    empty_reason: str = ""
    general_budget: Decimal = ZERO  # the part paid from 一般公共预算拨款
    general_budget_categories: list[Part] = field(default_factory=list)  # that part by category, zeros too


@dataclass(frozen=True)
class ServicePurchases:
    total: Decimal
    funds: list[Part]
    count: int
    is_empty: bool
    empty_reason: str = ""


@dataclass(frozen=True)
class IndicatorGroup:
    """A target's indicators of one category, each as the text states it: 政府网站检查=1次/月."""

    category: str
    label: str  # 数量指标
    statements: list[str]


@dataclass(frozen=True)
class TargetFact:
    project: str
    amount: Decimal
    goal: str
    is_key: bool  # a 重点项目, whose targets some layouts state in full
    groups: list[IndicatorGroup]


@dataclass(frozen=True)
class Performance:
    count: int  # projects with performance targets
    amount: Decimal
    is_empty: bool
    empty_reason: str = ""
    targets: list[TargetFact] = field(default_factory=list)

    @property
    def key_targets(self) -> list[TargetFact]:
        return [target for target in self.targets if target.is_key]


@dataclass(frozen=True)
class OperatingCosts:
    change: Change
    of_agency: bool  # a 行政单位 or 参公 unit, the only ones in 机关运行经费's statistics
    uses: list[str]  # the 公用经费 款 it is spent on


@dataclass
class Facts:
    year: int
    previous_year: int
    unit_code: str
    unit_name: str
    department_name: str
    unit_type: str
    duties: str
    organisation: str
    annual_tasks: str
    state_assets: str
    jurisdiction_name: str
    contact_person: str
    contact_phone: str
    total: Change  # 收支总预算 (收入总计)
    income: Income
    expenditure: Expenditure
    fiscal: Fiscal
    general_budget: LinesSummary
    basic: BasicSpending
    three_public: ThreePublic
    gov_fund: LinesSummary
    state_capital: LinesSummary
    procurement: Procurement
    service_purchases: ServicePurchases
    performance: Performance
    operating_costs: OperatingCosts
    empty_tables: dict[int, bool] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    final: "FinalFacts | None" = None  # a 决算's own figures (narrative.final_facts), zeros for a budget
    # A department's document: the units it is consolidated from, and those it leaves out (with the reason).
    level: str = Level.UNIT
    kind: str = Kind.BUDGET
    units: list[ListedUnit] = field(default_factory=list)
    left_out: list[ListedUnit] = field(default_factory=list)

    @property
    def is_department_level(self) -> bool:
        return self.level == Level.DEPARTMENT

    @property
    def level_word(self) -> str:
        """单位 or 部门: the document's own level, as titles name it."""
        return str(Level(self.level).label)

    @property
    def kind_word(self) -> str:
        """预算 or 决算."""
        return str(Kind(self.kind).label)


class _Sources:
    """What the facts are computed from: this year's data and figures, last year's, names, reasons."""

    def __init__(self, data: DisclosureData, book: dict, previous: DisclosureData | None):
        self.data = data
        self.names = Names(book)
        self.now = year_figures(data)
        self.before = prior_from(previous) if previous is not None else data.prior
        self.explanations = {key: text.strip() for key, text in data.explanations.items() if text.strip()}
        self.empty = {table.spec.key: table.is_empty for table in build_tables(data, book)}

    @property
    def spent(self) -> Decimal:
        """支出总计 (本年支出 + 结转下年支出), the base of the whole budget's shares."""
        return _sum(line.total + line.carry_forward for line in self.data.lines)

    @property
    def general_budget_total(self) -> Decimal:
        """一般公共预算支出, the base of its 类's shares."""
        return _sum(line.total for line in self.data.lines if line.fund == Fund.GENERAL_BUDGET)

    def previous(self, name: str) -> Decimal | None:
        return self.before.get(name) if self.before is not None else None

    def previous_sum(self, *names: str) -> Decimal | None:
        values = [self.previous(name) for name in names]
        return None if None in values else sum(values, ZERO)

    def previous_economic(self, code: str) -> Decimal | None:
        """Last year's 基本支出 of an economic 款, or of a 类: given as such, else the sum of its 款 given."""
        known = self.before.economic if self.before is not None else {}
        if len(code) == 3 and code not in known:
            parts = [amount for item, amount in known.items() if len(item) == 5 and item.startswith(code)]
            if parts:
                return _sum(parts)
        return self.previous_class(code, "economic")

    def previous_fiscal_income(self) -> Decimal | None:
        """Last year's 财政拨款收入: a fiscal fund missing from last year's known income had none."""
        values = [self.previous(f"income_{fund}") for fund in FISCAL_FUNDS]
        known = [value for value in values if value is not None]
        return _sum(known) if known else None

    def previous_class(self, code: str, scope: str = "function_class") -> Decimal | None:
        """A 类 (or economic 款) missing from last year's known figures of its kind was 0 then; with none
        known it is unknown. ``scope``: function_class, general_budget_class or economic."""
        known = getattr(self.before, scope) if self.before is not None else None
        if not known:
            return None
        return known.get(code, ZERO)

    def change(self, current: Decimal, previous: Decimal | None, key: str = "") -> Change:
        return Change(current, previous, key, self.explanations.get(key, "") if key else "")

    def figure(self, name: str, key: str = "") -> Change:
        """A PriorYear figure this year against last year."""
        return self.change(self.now.get(name), self.previous(name), key)

    def empty_reason(self, table_key: str) -> str:
        return self.explanations.get(reasons.empty_table(table_key), "") if self.empty[table_key] else ""

    def lines(self, *funds: str) -> list[tuple[int, Line]]:
        """The lines of these funds with their index in ``data.lines``, in code order."""
        chosen = [(index, line) for index, line in enumerate(self.data.lines) if line.fund in funds]
        return sorted(chosen, key=lambda pair: pair[1].function_code)

    def carryover(self, funds=tuple(Fund.values)) -> Decimal:
        """上年结转结余 of the given funds."""
        return _sum(self.data.income_amount(CARRYOVER_KEYS[fund]) for fund in funds)

    def first_reason(self, current: Decimal, previous: Decimal | None, *keys: str) -> Change:
        """A change explained by the first of ``keys`` the unit wrote (the last key when none)."""
        key = next((key for key in keys if key in self.explanations), keys[-1])
        return self.change(current, previous, key)


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def _class_totals(lines: list[Line]) -> dict[str, Decimal]:
    """本年支出 by function 类 code, in code order."""
    totals: dict[str, Decimal] = {}
    for line in sorted(lines, key=lambda line: line.function_code):
        totals[line.function_code[:3]] = totals.get(line.function_code[:3], ZERO) + line.total
    return totals


def _classes(src: "_Sources", lines: list[Line], scope: str, keys: dict[str, str] | None = None) -> list[FunctionClass]:
    """The 类 of ``lines`` with last year's figure of ``scope`` and their shares of both bases."""
    bases = {"expenditure": src.spent, "general_budget": src.general_budget_total}
    keys = keys or {}
    return [
        FunctionClass(
            code,
            src.names.function(code),
            src.change(amount, src.previous_class(code, scope), keys.get(code, reasons.function_class(code))),
            {base: percent(amount, whole) for base, whole in bases.items()},
        )
        for code, amount in _class_totals(lines).items()
    ]


def _single_fund_class(lines: list[Line], fund: str) -> str | None:
    """The 类 that consists of exactly the lines of ``fund``, if there is one (e.g. 212 of 政府性基金):
    the text states its change twice, so the unit is asked for one reason, printed in both sentences."""
    of_fund = {line.function_code[:3] for line in lines if line.fund == fund}
    if len(of_fund) != 1:
        return None
    (code,) = of_fund
    return code if all(line.fund == fund for line in lines if line.function_code[:3] == code) else None


def _fund_parts(totals: dict[str, Decimal]) -> list[Part]:
    labels = {**dict(Fund.choices), CARRYOVER: CARRYOVER_LABEL}
    return [Part(name, str(labels[name]), amount) for name, amount in totals.items() if amount]


def _income(src: _Sources) -> Income:
    sources = [
        IncomeSource(fund, str(label), fund in FISCAL_FUNDS, src.figure(f"income_{fund}"))
        for fund, label in Fund.choices
        if src.now[f"income_{fund}"]
    ]
    if carried_in := src.carryover():
        sources.append(IncomeSource(CARRYOVER, str(CARRYOVER_LABEL), False, Change(carried_in)))
    total = src.first_reason(src.now["total"], src.previous("total"), reasons.INCOME, reasons.TOTAL)
    items = [Part(key, str(label), _sum(src.data.income_amount(name) for name in names))
             for key, label, names in INCOME_ITEMS]  # fmt: skip
    return Income(total=total, sources=sources, items=items)


def _expenditure(src: _Sources) -> Expenditure:
    lines = src.data.lines
    carry_forward = _sum(line.carry_forward for line in lines)
    spent = src.spent
    basic = src.figure("basic", reasons.BASIC)
    project = src.figure("project", reasons.PROJECT)
    shared = _single_fund_class(lines, Fund.GOV_FUND)
    classes = _classes(src, lines, "function_class", {shared: reasons.GOV_FUND} if shared else None)
    return Expenditure(
        total=spent,
        overall=src.first_reason(src.now["total"], src.previous("total"), reasons.EXPENDITURE, reasons.TOTAL),
        basic=basic,
        project=project,
        basic_share=percent(basic.current, spent),
        project_share=percent(project.current, spent),
        carry_forward=carry_forward,
        classes=classes,
        basic_purpose=src.explanations.get(reasons.BASIC_PURPOSE, ""),
        project_purpose=src.explanations.get(reasons.PROJECT_PURPOSE, ""),
    )


def _fiscal(src: _Sources) -> Fiscal:
    lines = [line for _index, line in src.lines(*FISCAL_FUNDS)]
    carried_in = src.carryover(FISCAL_FUNDS)
    income = {fund: src.now[f"income_{fund}"] for fund in FISCAL_FUNDS}
    return Fiscal(
        total=_sum(income.values()) + carried_in,
        income=_fund_parts({**income, CARRYOVER: carried_in}),
        classes=[Part(code, src.names.function(code), amount) for code, amount in _class_totals(lines).items()],
        carry_forward=_sum(line.carry_forward for line in lines),
        change=src.change(_sum(income.values()), src.previous_fiscal_income(), reasons.FISCAL),
        spent=_sum(line.total for line in lines),
        income_by_fund=income,
    )


def _lines_summary(src: _Sources, fund: str, table: str, total: Change | None = None, scope: str = "") -> LinesSummary:
    indexed = src.lines(fund)
    lines = [line for _index, line in indexed]
    names = src.names
    items = [
        LineItem(
            index=index,
            code=line.function_code,
            fund=line.fund,
            class_name=names.function(line.function_code[:3]),
            kind_name=names.function(line.function_code[:5]),
            item_name=names.function(line.function_code),
            total=line.total,
            basic=line.basic,
            project=line.project,
            purpose=line.purpose.strip(),
        )
        for index, line in indexed
    ]
    return LinesSummary(
        total=total or Change(_sum(line.total for line in lines)),
        basic=_sum(line.basic for line in lines),
        project=_sum(line.project for line in lines),
        items=items,
        is_empty=not lines,
        empty_reason=src.empty_reason(table) if not lines else "",
        classes=_classes(src, lines, scope) if scope else [],
    )


def _basic(src: _Sources) -> BasicSpending:
    """The amounts are table 5's 基本支出 columns (exact, where table 6 rows may each be rounded to
    万元); the economic 款 they consist of are table 6's."""
    lines = [line for _index, line in src.lines(Fund.GENERAL_BUDGET)]
    personnel = _sum(line.personnel for line in lines)
    public = _sum(line.public for line in lines)
    rows = sorted(src.data.basic, key=lambda row: row.economic_code)
    is_empty = not (personnel + public) and src.empty[TableKey.BASIC_BY_ECONOMIC]
    by_class: dict[str, list] = {}
    for row in rows:
        by_class.setdefault(row.economic_code[:3], []).append(row)

    def item(code: str, members: list) -> EconomicItem:
        amount_personnel = _sum(row.personnel for row in members)
        amount_public = _sum(row.public for row in members)
        return EconomicItem(
            code=code,
            name=src.names.economic(code),
            class_name=src.names.economic(code[:3]),
            change=src.change(amount_personnel + amount_public, src.previous_economic(code), reasons.economic(code)),
            personnel=amount_personnel,
            public=amount_public,
        )

    return BasicSpending(
        total=personnel + public,
        personnel=personnel,
        public=public,
        personnel_items=[src.names.economic(row.economic_code) for row in rows if row.personnel],
        public_items=[src.names.economic(row.economic_code) for row in rows if row.public],
        is_empty=is_empty,
        empty_reason=src.empty_reason(TableKey.BASIC_BY_ECONOMIC) if is_empty else "",
        change=src.change(personnel + public, src.previous("general_budget_basic"), reasons.GENERAL_BASIC),
        economic=[item(row.economic_code, [row]) for row in rows],
        classes=[item(code, members) for code, members in by_class.items()],
    )


def _three_public(src: _Sources) -> ThreePublic:
    items = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
    vehicle = ("vehicle_purchase", "vehicle_operation")
    return ThreePublic(
        total=src.change(
            _sum(src.now.get(name) for name in items), src.previous_sum(*items), reasons.three_public("total")
        ),
        abroad=src.figure("abroad", reasons.three_public("abroad")),
        vehicle=src.change(
            _sum(src.now.get(name) for name in vehicle), src.previous_sum(*vehicle), reasons.three_public("vehicle")
        ),
        vehicle_purchase=src.figure("vehicle_purchase", reasons.three_public("vehicle_purchase")),
        vehicle_operation=src.figure("vehicle_operation", reasons.three_public("vehicle_operation")),
        reception=src.figure("reception", reasons.three_public("reception")),
        meeting=src.figure("meeting"),
        training=src.figure("training"),
    )


def _procurement(src: _Sources) -> Procurement:
    items = src.data.procurement
    total = src.now.get("procurement_total")
    return Procurement(
        total=src.figure("procurement_total", reasons.PROCUREMENT),
        centralized=src.figure("procurement_centralized", reasons.procurement("centralized")),
        decentralized=src.figure("procurement_decentralized", reasons.procurement("decentralized")),
        centralized_share=percent(src.now.get("procurement_centralized"), total),
        decentralized_share=percent(src.now.get("procurement_decentralized"), total),
        categories=[
            Part(category, str(label), _sum(item.total for item in items if item.category == category))
            for category, label in ProcurementCategory.choices
        ],
        funds=_fund_parts({name: _sum(item.fund(name) for item in items) for name in FUND_FIELDS}),
        is_empty=src.empty[TableKey.PROCUREMENT],
        empty_reason=src.empty_reason(TableKey.PROCUREMENT),
        general_budget=_sum(item.fund(Fund.GENERAL_BUDGET) for item in items),
        general_budget_categories=[
            Part(
                category,
                str(label),
                _sum(item.fund(Fund.GENERAL_BUDGET) for item in items if item.category == category),
            )
            for category, label in ProcurementCategory.choices
        ],
    )


def _service_purchases(src: _Sources) -> ServicePurchases:
    items = src.data.service_purchases
    return ServicePurchases(
        total=_sum(item.total for item in items),
        funds=_fund_parts({name: _sum(item.fund(name) for item in items) for name in FUND_FIELDS}),
        count=len(items),
        is_empty=src.empty[TableKey.SERVICE_PURCHASES],
        empty_reason=src.empty_reason(TableKey.SERVICE_PURCHASES),
    )


def _target(target: Target) -> TargetFact:
    groups = [
        IndicatorGroup(category.value, str(category.label), statements)
        for category in IndicatorCategory
        if (statements := [item.statement for item in target.indicators if item.category == category.value])
    ]
    return TargetFact(target.project, target.amount, target.goal.strip(), target.key_project, groups)


def _performance(src: _Sources) -> Performance:
    targets = src.data.targets
    return Performance(
        count=len(targets),
        amount=_sum(target.amount for target in targets),
        is_empty=src.empty[TableKey.PERFORMANCE],
        empty_reason=src.empty_reason(TableKey.PERFORMANCE),
        targets=[_target(target) for target in targets],
    )


def compute_final_facts(src: _Sources) -> "FinalFacts":
    from disclosures.narrative.final_facts import compute_final_facts as compute  # it builds on this module

    return compute(src)


def compute_facts(
    data: DisclosureData, book: dict[tuple[str, str], ClassificationCode], previous: DisclosureData | None = None
) -> Facts:
    """The facts of ``data``; ``previous`` is last year's published data, else ``data.prior`` is used."""
    src = _Sources(data, book, previous)
    income = _income(src)
    basic = _basic(src)
    return Facts(
        year=data.year,
        previous_year=src.before.year if src.before is not None and src.before.year else data.year - 1,
        unit_code=data.unit_code,
        unit_name=data.unit_name,
        department_name=data.department_name,
        unit_type=data.unit_type,
        duties=data.duties.strip(),
        organisation=data.organisation.strip(),
        annual_tasks=data.annual_tasks.strip(),
        state_assets=data.state_assets.strip(),
        jurisdiction_name=data.jurisdiction_name,
        contact_person=data.contact_person.strip(),
        contact_phone=data.contact_phone.strip(),
        total=src.figure("total", reasons.TOTAL),
        income=income,
        expenditure=_expenditure(src),
        fiscal=_fiscal(src),
        general_budget=_lines_summary(
            src,
            Fund.GENERAL_BUDGET,
            TableKey.GENERAL_BUDGET,
            src.figure("general_budget_expenditure", reasons.GENERAL_BUDGET),
            scope="general_budget_class",
        ),
        basic=basic,
        three_public=_three_public(src),
        gov_fund=_lines_summary(
            src, Fund.GOV_FUND, TableKey.GOV_FUND, src.figure("gov_fund_expenditure", reasons.GOV_FUND)
        ),
        state_capital=_lines_summary(src, Fund.STATE_CAPITAL, TableKey.STATE_CAPITAL),
        procurement=_procurement(src),
        service_purchases=_service_purchases(src),
        performance=_performance(src),
        operating_costs=OperatingCosts(
            change=src.figure("operating_costs", reasons.OPERATING_COSTS),
            of_agency=data.unit_type in OPERATING_COST_UNIT_TYPES,
            uses=basic.public_items,
        ),
        empty_tables=src.empty,
        explanations=src.explanations,
        final=compute_final_facts(src),
        level=data.level,
        kind=data.kind,
        units=[unit for unit in data.units if unit.included],
        left_out=[unit for unit in data.units if not unit.included],
    )
