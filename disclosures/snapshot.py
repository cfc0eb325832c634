"""A disclosure's whole content as plain Python values, independent of the database.

Everything reads and writes through this one shape: JSON and Excel import parse into it (and are
checked before anything is saved), checks and the narrative's facts are computed from it, the
table builders lay it out, and export writes it back. Amounts are exact Decimals in 元.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from catalogs.models import ClassificationCode
from disclosures.choices import Fund, Status
from disclosures.models import (
    INCOME_AMOUNT_FIELDS,
    PRIOR_YEAR_AMOUNT_FIELDS,
    THREE_PUBLIC_AMOUNT_FIELDS,
    BasicExpenditure,
    Disclosure,
    ExpenditureLine,
    Explanation,
    FundedItem,
    Income,
    PerformanceTarget,
    PriorYear,
    PriorYearFunctionClass,
    ProcurementItem,
    ServicePurchaseItem,
    ThreePublicCosts,
)
from disclosures.table_writers import (
    BasicContent,
    write_basic,
    write_explanations,
    write_income,
    write_lines,
    write_prior,
    write_procurement,
    write_service_purchases,
    write_targets,
    write_three_public,
)

logger = logging.getLogger(__name__)

ZERO = Decimal("0")
FUND_FIELDS = FundedItem.FUND_FIELDS
# The Income field holding each fund's 上年结转结余.
CARRYOVER_KEYS = {fund.value: f"carryover_{fund.value}" for fund in Fund}
ALL_FUNDS = PriorYearFunctionClass.Scope.ALL_FUNDS
GENERAL_BUDGET_ONLY = PriorYearFunctionClass.Scope.GENERAL_BUDGET
# The disclosure's own fields a DisclosureData carries.
DATA_FIELDS = (
    "duties", "organisation", "annual_tasks", "operating_costs", "state_assets", "contact_person", "contact_phone",
)  # fmt: skip


@dataclass
class Line:
    function_code: str
    fund: str = Fund.GENERAL_BUDGET
    personnel: Decimal = ZERO
    public: Decimal = ZERO
    project: Decimal = ZERO
    carry_forward: Decimal = ZERO
    purpose: str = ""

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public + self.project


@dataclass
class BasicRow:
    economic_code: str
    personnel: Decimal = ZERO
    public: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public


@dataclass
class ThreePublicRow:
    fund: str = Fund.GENERAL_BUDGET
    abroad: Decimal = ZERO
    vehicle_purchase: Decimal = ZERO
    vehicle_operation: Decimal = ZERO
    reception: Decimal = ZERO
    meeting: Decimal = ZERO
    training_local: Decimal = ZERO
    training_superior: Decimal = ZERO

    @property
    def vehicle(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def three_public_total(self) -> Decimal:
        return self.abroad + self.vehicle + self.reception

    @property
    def training(self) -> Decimal:
        return self.training_local + self.training_superior


@dataclass
class FundedRow:
    """A row of table 10 (with mode and category) or table 11 (without)."""

    function_code: str
    project: str
    funds: dict[str, Decimal] = field(default_factory=dict)
    mode: str = ""
    category: str = ""

    def fund(self, name: str) -> Decimal:
        return self.funds.get(name, ZERO)

    @property
    def total(self) -> Decimal:
        return sum((self.fund(name) for name in FUND_FIELDS), ZERO)


@dataclass
class Indicator:
    category: str
    name: str
    operator: str = ""
    value: str = ""
    unit: str = ""

    @property
    def text(self) -> str:
        """The published form: 名称(比较符值单位), e.g. 碎纸机(=4台) or 绩效排名(前10名); a qualitative
        indicator without a value is its name alone (政府网站运行良好)."""
        if not (self.operator or self.value or self.unit):
            return self.name
        return f"{self.name}({self.operator}{self.value}{self.unit})"

    @property
    def statement(self) -> str:
        """As a sentence states it: 政府网站检查=1次/月, 政府网站运行良好."""
        return f"{self.name}{self.operator}{self.value}{self.unit}"


@dataclass
class Target:
    project: str
    amount: Decimal = ZERO
    goal: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    key_project: bool = False  # a 重点项目


@dataclass
class Prior:
    """Last year's figures; None means unknown (no comparison), which differs from zero."""

    year: int | None = None
    figures: dict[str, Decimal | None] = field(default_factory=dict)
    function_class: dict[str, Decimal] = field(default_factory=dict)  # expenditure by function 类
    general_budget_class: dict[str, Decimal] = field(default_factory=dict)  # 一般公共预算支出 by 类
    economic: dict[str, Decimal] = field(default_factory=dict)  # 一般公共预算基本支出 by economic 款 or 类

    def get(self, name: str) -> Decimal | None:
        return self.figures.get(name)


@dataclass
class DisclosureData:
    year: int
    kind: str
    department_code: str
    department_name: str
    unit_code: str
    unit_name: str
    unit_type: str
    layout: str = ""  # the key of the layout the document is written in ("" before one is chosen)
    jurisdiction_code: str = ""
    jurisdiction_name: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    duties: str = ""
    organisation: str = ""
    annual_tasks: str = ""
    income: dict[str, Decimal] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    basic: list[BasicRow] = field(default_factory=list)
    three_public: list[ThreePublicRow] = field(default_factory=list)
    procurement: list[FundedRow] = field(default_factory=list)
    service_purchases: list[FundedRow] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    operating_costs: Decimal = ZERO
    state_assets: str = ""
    prior: Prior | None = None
    explanations: dict[str, str] = field(default_factory=dict)
    # What an import noticed but did not refuse (an unknown key): shown to whoever imported it, never stored.
    import_warnings: list[str] = field(default_factory=list)

    def income_amount(self, name: str) -> Decimal:
        return self.income.get(name, ZERO)


def code_book(year: int) -> dict[tuple[str, str], ClassificationCode]:
    """Every catalog code of a year, keyed by (scheme, code): one query."""
    return {(row.scheme, row.code): row for row in ClassificationCode.objects.filter(year=year)}


def load(disclosure: Disclosure) -> DisclosureData:
    """Read a disclosure's content with a fixed number of queries, whatever its size."""
    unit = disclosure.unit
    department = unit.department
    income = Income.objects.filter(disclosure=disclosure).first()
    prior_row = (
        PriorYear.objects.filter(disclosure=disclosure).prefetch_related("function_classes", "economic_items").first()
    )
    prior = None
    if prior_row is not None:
        classes = prior_row.function_classes.all()
        prior = Prior(
            year=prior_row.year,
            figures={name: getattr(prior_row, name) for name in PRIOR_YEAR_AMOUNT_FIELDS},
            function_class={row.class_code: row.amount for row in classes if row.scope == ALL_FUNDS},
            general_budget_class={row.class_code: row.amount for row in classes if row.scope == GENERAL_BUDGET_ONLY},
            economic={row.code: row.amount for row in prior_row.economic_items.all()},
        )
    targets = PerformanceTarget.objects.filter(disclosure=disclosure).prefetch_related("indicators")
    return DisclosureData(
        year=disclosure.year,
        kind=disclosure.kind,
        department_code=department.code,
        department_name=department.name,
        unit_code=unit.code,
        unit_name=unit.name,
        unit_type=unit.type,
        layout=disclosure.layout,
        jurisdiction_code=department.jurisdiction.code,
        jurisdiction_name=department.jurisdiction.name,
        contact_person=disclosure.contact_person,
        contact_phone=disclosure.contact_phone,
        duties=disclosure.duties,
        organisation=disclosure.organisation,
        annual_tasks=disclosure.annual_tasks,
        income={name: getattr(income, name) if income else ZERO for name in INCOME_AMOUNT_FIELDS},
        lines=[
            Line(
                function_code=row.function_code.code,
                fund=row.fund,
                personnel=row.personnel,
                public=row.public,
                project=row.project,
                carry_forward=row.carry_forward,
                purpose=row.purpose,
            )
            for row in ExpenditureLine.objects.filter(disclosure=disclosure).select_related("function_code")
        ],
        basic=[
            BasicRow(economic_code=row.economic_code.code, personnel=row.personnel, public=row.public)
            for row in BasicExpenditure.objects.filter(disclosure=disclosure).select_related("economic_code")
        ],
        three_public=[
            ThreePublicRow(fund=row.fund, **{name: getattr(row, name) for name in THREE_PUBLIC_AMOUNT_FIELDS})
            for row in ThreePublicCosts.objects.filter(disclosure=disclosure)
        ],
        procurement=[
            FundedRow(
                function_code=row.function_code.code,
                project=row.project,
                funds={name: getattr(row, name) for name in FUND_FIELDS},
                mode=row.mode,
                category=row.category,
            )
            for row in ProcurementItem.objects.filter(disclosure=disclosure).select_related("function_code")
        ],
        service_purchases=[
            FundedRow(
                function_code=row.function_code.code,
                project=row.project,
                funds={name: getattr(row, name) for name in FUND_FIELDS},
            )
            for row in ServicePurchaseItem.objects.filter(disclosure=disclosure).select_related("function_code")
        ],
        targets=[
            Target(
                project=row.project,
                amount=row.amount,
                goal=row.goal,
                key_project=row.key_project,
                indicators=[
                    Indicator(
                        category=item.category,
                        name=item.name,
                        operator=item.operator,
                        value=item.value,
                        unit=item.unit,
                    )
                    for item in row.indicators.all()
                ],
            )
            for row in targets
        ],
        operating_costs=disclosure.operating_costs,
        state_assets=disclosure.state_assets,
        prior=prior,
        explanations=stored_explanations(disclosure),
    )


def stored_explanations(disclosure: Disclosure) -> dict[str, str]:
    """The unit's reasons by key. A key the convention does not know (stored before keys were checked, or
    by hand) is left out and logged: no page may fail on it, and the unit never sees it printed."""
    from disclosures.narrative.reasons import is_key  # here: the narrative package imports this module

    explanations = {}
    for key, text in Explanation.objects.filter(disclosure=disclosure).values_list("key", "text"):
        if is_key(key):
            explanations[key] = text
        else:
            logger.warning("Disclosure %s: explanation key %r is not a known key; ignored", disclosure.pk, key)
    return explanations


def previous_year(disclosure: Disclosure) -> Disclosure | None:
    """The unit's disclosure of the year before, as the public read it (the current published version)."""
    return (
        Disclosure.objects.filter(
            unit_id=disclosure.unit_id, year=disclosure.year - 1, kind=disclosure.kind, status=Status.PUBLISHED
        )
        .select_related("unit__department__jurisdiction")
        .first()
    )


def load_previous(disclosure: Disclosure) -> DisclosureData | None:
    """Last year's published content when the portal has it; callers fall back to ``data.prior``."""
    previous = previous_year(disclosure)
    return load(previous) if previous is not None else None


@transaction.atomic
def replace_content(disclosure: Disclosure, data: DisclosureData) -> None:
    """Make every table of a disclosure hold ``data`` (codes must exist in the year's catalog).

    Rows that stay the same are not written (disclosures.table_writers), so the audit shows what changed.
    """
    book = code_book(disclosure.year)
    stored = {name: getattr(disclosure, name) for name in DATA_FIELDS}
    for name in DATA_FIELDS:
        setattr(disclosure, name, getattr(data, name))
    disclosure.full_clean()
    if any(getattr(disclosure, name) != value for name, value in stored.items()):
        disclosure.save()
    write_income(disclosure, {name: data.income_amount(name) for name in INCOME_AMOUNT_FIELDS}, book)
    write_lines(disclosure, data.lines, book)
    write_basic(disclosure, BasicContent(data.basic), book)
    write_three_public(disclosure, data.three_public, book)
    write_procurement(disclosure, data.procurement, book)
    write_service_purchases(disclosure, data.service_purchases, book)
    write_targets(disclosure, data.targets, book)
    write_explanations(disclosure, data.explanations)
    write_prior(disclosure, data.prior)
