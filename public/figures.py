"""The headline figures of published reports, read for many disclosures at once.

A report page compares years and a department page adds up units, so the figures are read with a
fixed number of aggregate queries for any number of disclosures (never one load per disclosure),
and they add up: a department's figures are the sum of its units'. Amounts are exact 元.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum

from disclosures.models import (
    INCOME_AMOUNT_FIELDS,
    ExpenditureLine,
    FundedItem,
    Income,
    ProcurementItem,
    ThreePublicCosts,
)
from disclosures.money import ZERO
from disclosures.snapshot import Prior

THREE_PUBLIC_ITEMS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
CARRYOVER_FIELDS = [name for name in INCOME_AMOUNT_FIELDS if name.startswith("carryover_")]
CURRENT_INCOME_FIELDS = [name for name in INCOME_AMOUNT_FIELDS if name not in CARRYOVER_FIELDS]
LINE_AMOUNTS = ("personnel", "public", "project", "carry_forward")


@dataclass
class Figures:
    income: Decimal = ZERO  # 本年收入合计
    carryover: Decimal = ZERO  # 上年结转结余
    personnel: Decimal = ZERO
    public: Decimal = ZERO
    project: Decimal = ZERO
    carry_forward: Decimal = ZERO  # 结转下年支出
    by_class: dict[str, Decimal] = field(default_factory=dict)  # function 类 → this year's expenditure
    three_public: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(THREE_PUBLIC_ITEMS, ZERO))
    procurement: Decimal = ZERO

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def expenditure(self) -> Decimal:
        """本年支出合计: basic and project expenditure."""
        return self.basic + self.project

    @property
    def total(self) -> Decimal:
        """收支总预算 (收入总计 = 支出总计)."""
        return self.income + self.carryover

    @property
    def three_public_total(self) -> Decimal:
        return sum(self.three_public.values(), ZERO)

    def __add__(self, other: "Figures") -> "Figures":
        by_class = defaultdict(lambda: ZERO, self.by_class)
        for code, amount in other.by_class.items():
            by_class[code] += amount
        return Figures(
            income=self.income + other.income,
            carryover=self.carryover + other.carryover,
            personnel=self.personnel + other.personnel,
            public=self.public + other.public,
            project=self.project + other.project,
            carry_forward=self.carry_forward + other.carry_forward,
            by_class=dict(sorted(by_class.items())),
            three_public={item: self.three_public[item] + other.three_public[item] for item in THREE_PUBLIC_ITEMS},
            procurement=self.procurement + other.procurement,
        )


def figures_for(disclosure_ids: list[int]) -> dict[int, Figures]:
    """Each disclosure's figures, in four queries whatever their number."""
    figures = {pk: Figures() for pk in disclosure_ids}
    for row in Income.objects.filter(disclosure_id__in=disclosure_ids).values("disclosure_id", *INCOME_AMOUNT_FIELDS):
        target = figures[row["disclosure_id"]]
        target.income = sum((row[name] for name in CURRENT_INCOME_FIELDS), ZERO)
        target.carryover = sum((row[name] for name in CARRYOVER_FIELDS), ZERO)
    lines = (
        ExpenditureLine.objects.filter(disclosure_id__in=disclosure_ids)
        .values("disclosure_id", "function_code__code")
        .annotate(**{f"sum_{name}": Sum(name) for name in LINE_AMOUNTS})
        .order_by()
    )
    for row in lines:
        target = figures[row["disclosure_id"]]
        for name in LINE_AMOUNTS:
            setattr(target, name, getattr(target, name) + row[f"sum_{name}"])
        class_code = row["function_code__code"][:3]
        spent = row["sum_personnel"] + row["sum_public"] + row["sum_project"]
        target.by_class[class_code] = target.by_class.get(class_code, ZERO) + spent
    for target in figures.values():
        target.by_class = dict(sorted(target.by_class.items()))
    three_public = (
        ThreePublicCosts.objects.filter(disclosure_id__in=disclosure_ids)
        .values("disclosure_id")
        .annotate(**{item: Sum(item) for item in THREE_PUBLIC_ITEMS})
        .order_by()
    )
    for row in three_public:
        figures[row["disclosure_id"]].three_public = {item: row[item] for item in THREE_PUBLIC_ITEMS}
    item_total = sum((F(name) for name in FundedItem.FUND_FIELDS[1:]), F(FundedItem.FUND_FIELDS[0]))
    procurement = (
        ProcurementItem.objects.filter(disclosure_id__in=disclosure_ids)
        .values("disclosure_id")
        .annotate(total=Sum(item_total))
        .order_by()
    )
    for row in procurement:
        figures[row["disclosure_id"]].procurement = row["total"]
    return figures


def consolidate(figures: list[Figures]) -> Figures:
    return sum(figures, Figures())


@dataclass
class PriorFigures:
    """Last year's figures as a report states them; None is unknown, which is not zero."""

    year: int
    total: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    three_public: dict[str, Decimal | None] = field(default_factory=dict)
    procurement: Decimal | None = None
    by_class: dict[str, Decimal] = field(default_factory=dict)
    from_published_report: bool = False

    @property
    def three_public_total(self) -> Decimal | None:
        values = [self.three_public.get(item) for item in THREE_PUBLIC_ITEMS]
        return None if any(value is None for value in values) else sum(values, ZERO)

    @classmethod
    def from_figures(cls, year: int, figures: Figures) -> "PriorFigures":
        return cls(
            year=year,
            total=figures.total,
            basic=figures.basic,
            project=figures.project,
            three_public=dict(figures.three_public),
            procurement=figures.procurement,
            by_class=dict(figures.by_class),
            from_published_report=True,
        )

    @classmethod
    def from_stated(cls, year: int, prior: Prior) -> "PriorFigures":
        return cls(
            year=prior.year or year,
            total=prior.get("total"),
            basic=prior.get("basic"),
            project=prior.get("project"),
            three_public={item: prior.get(item) for item in THREE_PUBLIC_ITEMS},
            procurement=prior.get("procurement_total"),
            by_class=dict(prior.function_class),
        )
