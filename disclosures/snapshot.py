"""A disclosure's whole content as plain Python values, independent of the database.

Everything reads and writes through this one shape: JSON and Excel import parse into it (and are
checked before anything is saved), checks and the narrative's facts are computed from it, the
table builders lay it out, and export writes it back. Amounts are exact Decimals in 元.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Fund, Level, Status
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
    PerformanceIndicator,
    PerformanceTarget,
    PriorYear,
    PriorYearEconomic,
    PriorYearFunctionClass,
    ProcurementItem,
    ServicePurchaseItem,
    ThreePublicCosts,
)

logger = logging.getLogger(__name__)

ZERO = Decimal("0")
FUND_FIELDS = FundedItem.FUND_FIELDS
# The Income field holding each fund's 上年结转结余.
CARRYOVER_KEYS = {fund.value: f"carryover_{fund.value}" for fund in Fund}
ALL_FUNDS = PriorYearFunctionClass.Scope.ALL_FUNDS
GENERAL_BUDGET_ONLY = PriorYearFunctionClass.Scope.GENERAL_BUDGET


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
class ListedUnit:
    """A unit of a department's document as the document lists it: included, or left out and why."""

    code: str
    name: str
    type: str
    included: bool = True
    reason: str = ""
    version: int | None = None  # the version of the unit's disclosure it is built from (None: it has none)
    status: str = ""  # that version's status


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
    # A department's document (level department) lists its units, and holds the included units' own data,
    # which its tables print as one row each under the department's (合计 / department / each unit).
    level: str = Level.UNIT
    units: list[ListedUnit] = field(default_factory=list)
    members: list["DisclosureData"] = field(default_factory=list)

    @property
    def is_department_level(self) -> bool:
        return self.level == Level.DEPARTMENT

    @property
    def organisations(self) -> list["DisclosureData"]:
        """The units whose rows the tables print: a department's included units, or the unit itself."""
        return self.members if self.is_department_level else [self]

    def income_amount(self, name: str) -> Decimal:
        return self.income.get(name, ZERO)


def code_book(year: int) -> dict[tuple[str, str], ClassificationCode]:
    """Every catalog code of a year, keyed by (scheme, code): one query."""
    return {(row.scheme, row.code): row for row in ClassificationCode.objects.filter(year=year)}


def load(disclosure: Disclosure) -> DisclosureData:
    """Read a disclosure's content with a fixed number of queries, whatever its size.

    A department's document is consolidated from its units' disclosures (disclosures.consolidation).
    """
    if disclosure.is_department_level:
        from disclosures.consolidation import load_department  # here: consolidation reads through this module

        return load_department(disclosure)
    return load_many([disclosure])[disclosure.pk]


def _by_disclosure(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.disclosure_id, []).append(row)
    return grouped


def _grouped(rows, build) -> dict[int, list]:
    """Rows read as values (no model instances: a department reads thousands), built and grouped by disclosure."""
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.pop("disclosure_id"), []).append(build(row))
    return grouped


def _funded_row(row: dict) -> FundedRow:
    return FundedRow(
        function_code=row["code"],
        project=row["project"],
        funds={name: row[name] for name in FUND_FIELDS},
        mode=row.get("mode", ""),
        category=row.get("category", ""),
    )


def load_many(disclosures: list[Disclosure]) -> dict[int, DisclosureData]:
    """The content of unit disclosures by pk, in the same fixed number of queries whatever their number.

    Each disclosure should come with ``unit__department__jurisdiction`` selected.
    """
    ids = [disclosure.pk for disclosure in disclosures]
    incomes = {row.disclosure_id: row for row in Income.objects.filter(disclosure_id__in=ids)}
    priors = {
        row.disclosure_id: row
        for row in PriorYear.objects.filter(disclosure_id__in=ids).prefetch_related(
            "function_classes", "economic_items"
        )
    }
    content = {"disclosure_id__in": ids}
    lines = _grouped(
        ExpenditureLine.objects.filter(**content).values(
            "disclosure_id", "fund", "personnel", "public", "project", "carry_forward", "purpose",
            code=F("function_code__code"),
        ),
        lambda row: Line(function_code=row.pop("code"), **row),
    )  # fmt: skip
    basic = _grouped(
        BasicExpenditure.objects.filter(**content).values(
            "disclosure_id", "personnel", "public", code=F("economic_code__code")
        ),
        lambda row: BasicRow(economic_code=row.pop("code"), **row),
    )
    three_public = _grouped(
        ThreePublicCosts.objects.filter(**content).values("disclosure_id", "fund", *THREE_PUBLIC_AMOUNT_FIELDS),
        lambda row: ThreePublicRow(**row),
    )
    procurement = _grouped(
        ProcurementItem.objects.filter(**content).values(
            "disclosure_id", "project", "mode", "category", *FUND_FIELDS, code=F("function_code__code")
        ),
        _funded_row,
    )
    services = _grouped(
        ServicePurchaseItem.objects.filter(**content).values(
            "disclosure_id", "project", *FUND_FIELDS, code=F("function_code__code")
        ),
        _funded_row,
    )
    targets = _by_disclosure(PerformanceTarget.objects.filter(disclosure_id__in=ids).prefetch_related("indicators"))
    explanations = explanations_of(ids)
    return {
        disclosure.pk: _data(
            disclosure,
            income=incomes.get(disclosure.pk),
            prior=_prior(priors.get(disclosure.pk)),
            lines=lines.get(disclosure.pk, []),
            basic=basic.get(disclosure.pk, []),
            three_public=three_public.get(disclosure.pk, []),
            procurement=procurement.get(disclosure.pk, []),
            services=services.get(disclosure.pk, []),
            targets=targets.get(disclosure.pk, []),
            explanations=explanations.get(disclosure.pk, {}),
        )
        for disclosure in disclosures
    }


def _prior(prior_row: PriorYear | None) -> Prior | None:
    if prior_row is None:
        return None
    classes = prior_row.function_classes.all()
    return Prior(
        year=prior_row.year,
        figures={name: getattr(prior_row, name) for name in PRIOR_YEAR_AMOUNT_FIELDS},
        function_class={row.class_code: row.amount for row in classes if row.scope == ALL_FUNDS},
        general_budget_class={row.class_code: row.amount for row in classes if row.scope == GENERAL_BUDGET_ONLY},
        economic={row.code: row.amount for row in prior_row.economic_items.all()},
    )


def document_fields(disclosure: Disclosure, department) -> dict:
    """What a document's data takes from the document itself and its department, whoever's it is."""
    return {
        "year": disclosure.year,
        "kind": disclosure.kind,
        "department_code": department.code,
        "department_name": department.name,
        "layout": disclosure.layout,
        "jurisdiction_code": department.jurisdiction.code,
        "jurisdiction_name": department.jurisdiction.name,
        "contact_person": disclosure.contact_person,
        "contact_phone": disclosure.contact_phone,
        "duties": disclosure.duties,
        "organisation": disclosure.organisation,
        "annual_tasks": disclosure.annual_tasks,
        "state_assets": disclosure.state_assets,
    }


def _data(disclosure, *, income, prior, lines, basic, three_public, procurement, services, targets, explanations):
    unit = disclosure.unit
    return DisclosureData(
        **document_fields(disclosure, unit.department),
        unit_code=unit.code,
        unit_name=unit.name,
        unit_type=unit.type,
        income={name: getattr(income, name) if income else ZERO for name in INCOME_AMOUNT_FIELDS},
        lines=lines,
        basic=basic,
        three_public=three_public,
        procurement=procurement,
        service_purchases=services,
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
        prior=prior,
        explanations=explanations,
    )


def stored_explanations(disclosure: Disclosure) -> dict[str, str]:
    """The unit's reasons by key (see explanations_of)."""
    return explanations_of([disclosure.pk]).get(disclosure.pk, {})


def explanations_of(disclosure_ids: list[int]) -> dict[int, dict[str, str]]:
    """The reasons of each disclosure by key, in one query. A key the convention does not know (stored before
    keys were checked, or by hand) is left out and logged: no page may fail on it, and nobody sees it printed."""
    from disclosures.narrative.reasons import is_key  # here: the narrative package imports this module

    explanations: dict[int, dict[str, str]] = {}
    rows = Explanation.objects.filter(disclosure_id__in=disclosure_ids).values_list("disclosure_id", "key", "text")
    for disclosure_id, key, text in rows:
        if is_key(key):
            explanations.setdefault(disclosure_id, {})[key] = text
        else:
            logger.warning("Disclosure %s: explanation key %r is not a known key; ignored", disclosure_id, key)
    return explanations


def previous_year(disclosure: Disclosure) -> Disclosure | None:
    """The owner's document of the year before, as the public read it (the current published version)."""
    owner = (
        {"department_id": disclosure.department_id}
        if disclosure.is_department_level
        else {"unit_id": disclosure.unit_id}
    )
    return (
        Disclosure.objects.filter(
            level=disclosure.level, year=disclosure.year - 1, kind=disclosure.kind, status=Status.PUBLISHED, **owner
        )
        .select_related("unit__department__jurisdiction", "department__jurisdiction")
        .first()
    )


def load_previous(disclosure: Disclosure) -> DisclosureData | None:
    """Last year's published content when the portal has it; callers fall back to ``data.prior``."""
    previous = previous_year(disclosure)
    return load(previous) if previous is not None else None


@transaction.atomic
def replace_content(disclosure: Disclosure, data: DisclosureData) -> None:
    """Replace every table of a disclosure with ``data`` (codes must exist in the year's catalog)."""
    book = code_book(disclosure.year)

    def function(code: str) -> ClassificationCode:
        return book[(Scheme.FUNCTION, code)]

    def economic(code: str) -> ClassificationCode:
        return book[(Scheme.ECON_DEPT, code)]

    disclosure.duties = data.duties
    disclosure.organisation = data.organisation
    disclosure.annual_tasks = data.annual_tasks
    disclosure.operating_costs = data.operating_costs
    disclosure.state_assets = data.state_assets
    disclosure.contact_person = data.contact_person
    disclosure.contact_phone = data.contact_phone
    disclosure.full_clean()
    disclosure.save()
    for model in (
        ExpenditureLine, BasicExpenditure, ThreePublicCosts, ProcurementItem, ServicePurchaseItem,
        PerformanceTarget, Explanation, Income, PriorYear,
    ):  # fmt: skip
        model.objects.filter(disclosure=disclosure).delete()
    Income.objects.create(disclosure=disclosure, **{name: data.income_amount(name) for name in INCOME_AMOUNT_FIELDS})
    ExpenditureLine.objects.bulk_create(
        ExpenditureLine(
            disclosure=disclosure,
            position=position,
            function_code=function(line.function_code),
            fund=line.fund,
            personnel=line.personnel,
            public=line.public,
            project=line.project,
            carry_forward=line.carry_forward,
            purpose=line.purpose,
        )
        for position, line in enumerate(data.lines)
    )
    BasicExpenditure.objects.bulk_create(
        BasicExpenditure(
            disclosure=disclosure, economic_code=economic(row.economic_code), personnel=row.personnel, public=row.public
        )
        for row in data.basic
    )
    ThreePublicCosts.objects.bulk_create(
        ThreePublicCosts(
            disclosure=disclosure, fund=row.fund, **{n: getattr(row, n) for n in THREE_PUBLIC_AMOUNT_FIELDS}
        )
        for row in data.three_public
    )
    ProcurementItem.objects.bulk_create(
        ProcurementItem(
            disclosure=disclosure,
            position=position,
            function_code=function(row.function_code),
            project=row.project,
            mode=row.mode,
            category=row.category,
            **{name: row.fund(name) for name in FUND_FIELDS},
        )
        for position, row in enumerate(data.procurement)
    )
    ServicePurchaseItem.objects.bulk_create(
        ServicePurchaseItem(
            disclosure=disclosure,
            position=position,
            function_code=function(row.function_code),
            project=row.project,
            **{name: row.fund(name) for name in FUND_FIELDS},
        )
        for position, row in enumerate(data.service_purchases)
    )
    targets = PerformanceTarget.objects.bulk_create(
        PerformanceTarget(
            disclosure=disclosure,
            position=position,
            project=t.project,
            amount=t.amount,
            goal=t.goal,
            key_project=t.key_project,
        )
        for position, t in enumerate(data.targets)
    )
    PerformanceIndicator.objects.bulk_create(
        PerformanceIndicator(
            target=target,
            position=position,
            category=item.category,
            name=item.name,
            operator=item.operator or "",
            value=item.value,
            unit=item.unit,
        )
        for target, source in zip(targets, data.targets, strict=True)
        for position, item in enumerate(source.indicators)
    )
    explanations = [
        Explanation(disclosure=disclosure, key=key, text=text) for key, text in data.explanations.items() if text
    ]
    for explanation in explanations:
        explanation.clean_fields(exclude=["disclosure"])  # the importers name a bad key; this is the last guard
    Explanation.objects.bulk_create(explanations)
    if data.prior is not None:
        prior = PriorYear.objects.create(
            disclosure=disclosure, year=data.prior.year, **{n: data.prior.get(n) for n in PRIOR_YEAR_AMOUNT_FIELDS}
        )
        PriorYearFunctionClass.objects.bulk_create(
            PriorYearFunctionClass(prior_year=prior, scope=scope, class_code=code, amount=amount)
            for scope, classes in ((ALL_FUNDS, data.prior.function_class),
                                   (GENERAL_BUDGET_ONLY, data.prior.general_budget_class))
            for code, amount in classes.items()
        )  # fmt: skip
        PriorYearEconomic.objects.bulk_create(
            PriorYearEconomic(prior_year=prior, code=code, amount=amount)
            for code, amount in data.prior.economic.items()
        )
