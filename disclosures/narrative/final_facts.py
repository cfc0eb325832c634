"""Every figure a 决算's narrative states beyond a budget's, computed once from its data; no phrasing here.

Budget against actual: each 项 of a fiscal fund with its 年初预算数, 决算数 and 完成率 (None on a zero
budget: a zero budget is described as such, never as a percentage) and the unit's reason for the
difference (``budget_gap.*`` keys). Last year's figures are those of last year's 决算 when the portal
has it, else the figures the unit typed, as for a budget (``facts._Sources``).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy

from disclosures.choices import FISCAL_FUNDS, Fund
from disclosures.money import ZERO, percent, wan_2dp
from disclosures.narrative import reasons
from disclosures.narrative.change import Change
from disclosures.tables.final_builders import (
    OTHER_SOURCES,
    closing,
    fiscal_income,
    income_total,
    opening,
    source_income,
)

OVER, UNDER, EQUAL = "over", "under", "equal"


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def share(part: Decimal, whole: Decimal, places: int = 2) -> Decimal | None:
    """A share in percent; ``places`` 3 where a share of nearly all would print as 100.00%."""
    if places == 2:
        return percent(part, whole)
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal(1).scaleb(-places))


@dataclass(frozen=True)
class Portion:
    """One named part of a whole with its share of it."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class AgainstBudget:
    """决算数 against 年初预算数, with the unit's reason for the difference."""

    budget: Decimal
    actual: Decimal
    key: str
    reason: str = ""

    @property
    def rate(self) -> Decimal | None:
        """完成率 (决算数 ÷ 年初预算数); None on a zero budget."""
        return percent(self.actual, self.budget)

    @property
    def direction(self) -> str:
        difference = self.actual - self.budget
        if not wan_2dp(abs(difference)):
            return EQUAL
        return OVER if difference > 0 else UNDER

    @property
    def gap(self) -> Decimal:
        return abs(self.actual - self.budget)


@dataclass(frozen=True)
class ItemAgainstBudget:
    code: str
    class_name: str
    kind_name: str
    item_name: str
    against: AgainstBudget


@dataclass(frozen=True)
class ClassShare:
    code: str
    name: str
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class FiscalFund:
    """One fiscal fund's 决算: its spending against last year and its budget, by 类 and by 项."""

    fund: str
    income: Change
    spent: Change
    share_of_spent: Decimal | None  # of 本年支出合计
    against: AgainstBudget
    classes: list[ClassShare]
    items: list[ItemAgainstBudget]

    @property
    def is_empty(self) -> bool:
        return not (self.spent.current or self.income.current or self.against.budget)


@dataclass(frozen=True)
class ThreePublicItem:
    key: str
    label: str
    against: AgainstBudget
    share: Decimal | None  # of the 三公 决算
    change: Change


@dataclass(frozen=True)
class ThreePublicFinal:
    total: AgainstBudget
    change: Change
    items: list[ThreePublicItem]
    abroad_groups: int
    abroad_people: int
    vehicles_bought: int
    vehicles_held: int
    reception_batches: int
    reception_people: int
    reception_foreign: Decimal
    reception_domestic: Decimal

    def item(self, key: str) -> ThreePublicItem:
        return next(item for item in self.items if item.key == key)


@dataclass(frozen=True)
class ProcurementFinal:
    total: Decimal
    categories: list[Portion]
    sme: Portion
    small_micro: Portion


@dataclass(frozen=True)
class Assets:
    vehicles: int
    vehicle_kinds: list[tuple[str, int]]
    equipment_general: int
    equipment_special: int


@dataclass(frozen=True)
class EvaluationFact:
    project: str
    amount: Decimal
    text: str


@dataclass(frozen=True)
class FinalFacts:
    total: Change  # 收入总计 (= 支出总计) against last year's
    income_total: Decimal  # 本年收入合计
    income_sources: list[Portion]  # 财政拨款, then every other source, zeros too (3-decimal shares)
    spent: Change  # 本年支出合计 against last year's
    spending: list[Portion]  # 基本支出, 项目支出, 经营支出 … with their shares of 本年支出合计
    opening: Decimal
    closing: Decimal
    distribution: Decimal
    fiscal_income: Change
    fiscal_spent: Change
    general_budget: FiscalFund
    gov_fund: FiscalFund
    state_capital: FiscalFund
    three_public: ThreePublicFinal
    procurement: ProcurementFinal
    assets: Assets
    evaluations: list[EvaluationFact] = field(default_factory=list)

    @property
    def outgoing(self) -> Decimal:
        """支出总计: 本年支出合计 + 结余分配 + 年末结转和结余 (equal to 收入总计 when the 决算 balances)."""
        return self.spent.current + self.distribution + self.closing

    @property
    def evaluated_amount(self) -> Decimal:
        return _sum(item.amount for item in self.evaluations)

    def spending_part(self, key: str) -> Portion:
        return next(part for part in self.spending if part.key == key)


SPENDING_PARTS = (
    ("basic", gettext_lazy("基本支出")),
    ("project", gettext_lazy("项目支出")),
    ("remittance", gettext_lazy("上缴上级支出")),
    ("operating", gettext_lazy("经营支出")),
    ("subsidy", gettext_lazy("对附属单位补助支出")),
)
THREE_PUBLIC_PARTS = (
    ("abroad", gettext_lazy("因公出国（境）费"), ("abroad",)),
    ("vehicle", gettext_lazy("公务用车购置及运行费"), ("vehicle_purchase", "vehicle_operation")),
    ("vehicle_purchase", gettext_lazy("公务用车购置费"), ("vehicle_purchase",)),
    ("vehicle_operation", gettext_lazy("公务用车运行费"), ("vehicle_operation",)),
    ("reception", gettext_lazy("公务接待费"), ("reception",)),
)
VEHICLE_KINDS = (
    ("vehicles_ministerial", gettext_lazy("部级领导干部用车")),
    ("vehicles_general", gettext_lazy("一般公务用车")),
    ("vehicles_enforcement", gettext_lazy("一般执法执勤用车")),
    ("vehicles_special", gettext_lazy("特种专业技术用车")),
    ("vehicles_other", gettext_lazy("其他用车")),
)


def _against(src, budget: Decimal, actual: Decimal, key: str) -> AgainstBudget:
    return AgainstBudget(budget, actual, key, src.explanations.get(key, ""))


def _fiscal_fund(src, fund: str, income: Change, spent: Change, base: Decimal) -> FiscalFund:
    indexed = src.lines(fund)
    lines = [line for _index, line in indexed]
    names = src.names
    class_totals: dict[str, Decimal] = {}
    for line in lines:
        class_totals[line.function_code[:3]] = class_totals.get(line.function_code[:3], ZERO) + line.total
    return FiscalFund(
        fund=fund,
        income=income,
        spent=spent,
        share_of_spent=percent(spent.current, base),
        against=_against(src, _sum(line.budget_initial for line in lines), spent.current, reasons.budget_gap(fund)),
        classes=[
            ClassShare(code, names.function(code), amount, percent(amount, spent.current))
            for code, amount in class_totals.items()
        ],
        items=[
            ItemAgainstBudget(
                code=line.function_code,
                class_name=names.function(line.function_code[:3]),
                kind_name=names.function(line.function_code[:5]),
                item_name=names.function(line.function_code),
                against=_against(src, line.budget_initial, line.total, reasons.budget_gap(fund, line.function_code)),
            )
            for line in lines
        ],
    )


def _three_public(src) -> ThreePublicFinal:
    rows = [row for row in src.data.three_public if row.fund == Fund.GENERAL_BUDGET]

    def amount(name: str) -> Decimal:
        return _sum(getattr(row, name) for row in rows)

    def count(name: str) -> int:
        return sum(getattr(row, name) for row in rows)

    actual_total = _sum(amount(name) for name in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"))
    budget_total = _sum(
        amount(f"budget_{name}") for name in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
    )
    items = []
    for key, label, names in THREE_PUBLIC_PARTS:
        actual = _sum(amount(name) for name in names)
        budget = _sum(amount(f"budget_{name}") for name in names)
        previous = src.previous_sum(*names)
        items.append(
            ThreePublicItem(
                key,
                str(label),
                _against(src, budget, actual, reasons.budget_gap("three_public")),
                percent(actual, actual_total),
                src.change(actual, previous, reasons.three_public(key)),
            )
        )
    reception_foreign = amount("reception_foreign")
    return ThreePublicFinal(
        total=_against(src, budget_total, actual_total, reasons.budget_gap("three_public")),
        change=src.change(
            actual_total,
            src.previous_sum("abroad", "vehicle_purchase", "vehicle_operation", "reception"),
            reasons.three_public("total"),
        ),
        items=items,
        abroad_groups=count("abroad_groups"),
        abroad_people=count("abroad_people"),
        vehicles_bought=count("vehicles_bought"),
        vehicles_held=count("vehicles_held"),
        reception_batches=count("reception_batches"),
        reception_people=count("reception_people"),
        reception_foreign=reception_foreign,
        reception_domestic=amount("reception") - reception_foreign,
    )


def _procurement(data) -> ProcurementFinal:
    parts = (("goods", gettext_lazy("货物")), ("works", gettext_lazy("工程")), ("services", gettext_lazy("服务")))
    amounts = {key: data.final_figure(f"procurement_{key}") for key, _label in parts}
    total = _sum(amounts.values())
    sme = data.final_figure("procurement_sme")
    small_micro = data.final_figure("procurement_small_micro")
    return ProcurementFinal(
        total=total,
        categories=[Portion(key, str(label), amounts[key], percent(amounts[key], total)) for key, label in parts],
        sme=Portion("sme", str(gettext_lazy("中小企业")), sme, percent(sme, total)),
        small_micro=Portion("small_micro", str(gettext_lazy("小微企业")), small_micro, percent(small_micro, total)),
    )


def compute_final_facts(src) -> FinalFacts:
    """The 决算 facts of ``src`` (a ``facts._Sources`` of a 决算's data)."""
    data = src.data
    lines = data.lines
    current = income_total(data)
    spent_amount = _sum(line.total for line in lines)
    fiscal = {fund: fiscal_income(data, fund) for fund in FISCAL_FUNDS}
    fiscal_total = _sum(fiscal.values())
    sources = [Portion("fiscal", str(gettext_lazy("财政拨款收入")), fiscal_total, share(fiscal_total, current, 3))]
    sources += [
        Portion(key, str(label), source_income(data, key), share(source_income(data, key), current, 3))
        for key, label in OTHER_SOURCES
    ]
    spending_amounts = {
        "basic": _sum(line.basic for line in lines),
        **{
            key: _sum(getattr(line, key) for line in lines) for key in ("project", "remittance", "operating", "subsidy")
        },
    }
    fund_spent = {fund: _sum(line.total for line in lines if line.fund == fund) for fund in FISCAL_FUNDS}
    previous_fund_spent = {
        Fund.GENERAL_BUDGET: src.previous("general_budget_expenditure"),
        Fund.GOV_FUND: src.previous("gov_fund_expenditure"),
        Fund.STATE_CAPITAL: None,
    }
    known = [value for value in previous_fund_spent.values() if value is not None]
    gap_keys = {Fund.GENERAL_BUDGET: reasons.GENERAL_BUDGET, Fund.GOV_FUND: reasons.GOV_FUND, Fund.STATE_CAPITAL: ""}

    def fund_facts(fund: str) -> FiscalFund:
        return _fiscal_fund(
            src,
            fund,
            src.change(fiscal[fund], src.previous(f"income_{fund}")),
            src.change(fund_spent[fund], previous_fund_spent[fund], gap_keys[fund]),
            spent_amount,
        )

    total_in = current + data.final_figure("fund_drawdown") + opening(data)
    return FinalFacts(
        total=src.change(total_in, src.previous("total"), reasons.TOTAL),
        income_total=current,
        income_sources=sources,
        spent=src.first_reason(spent_amount, src.previous("spent"), reasons.EXPENDITURE, reasons.TOTAL),
        spending=[
            Portion(key, str(label), spending_amounts[key], percent(spending_amounts[key], spent_amount))
            for key, label in SPENDING_PARTS
        ],
        opening=opening(data),
        closing=closing(data),
        distribution=data.final_figure("surplus_distribution"),
        fiscal_income=src.change(fiscal_total, src.previous_fiscal_income(), reasons.FISCAL),
        fiscal_spent=src.change(_sum(fund_spent.values()), _sum(known) if known else None, reasons.FISCAL),
        general_budget=fund_facts(Fund.GENERAL_BUDGET),
        gov_fund=fund_facts(Fund.GOV_FUND),
        state_capital=fund_facts(Fund.STATE_CAPITAL),
        three_public=_three_public(src),
        procurement=_procurement(data),
        assets=Assets(
            vehicles=sum(data.final_figure(name) for name, _label in VEHICLE_KINDS),
            vehicle_kinds=[(str(label), data.final_figure(name)) for name, label in VEHICLE_KINDS],
            equipment_general=data.final_figure("equipment_general"),
            equipment_special=data.final_figure("equipment_special"),
        ),
        evaluations=[EvaluationFact(row.project, row.amount, row.text.strip()) for row in data.evaluations],
    )
