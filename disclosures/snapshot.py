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

from catalogs.models import ClassificationCode
from disclosures.choices import Fund, Kind, Level, Status
from disclosures.models import (
    FINAL_AMOUNT_FIELDS,
    FINAL_COUNT_FIELDS,
    FINAL_LINE_AMOUNT_FIELDS,
    INCOME_AMOUNT_FIELDS,
    PRIOR_YEAR_AMOUNT_FIELDS,
    THREE_PUBLIC_ROW_FIELDS,
    BasicExpenditure,
    Disclosure,
    EvaluatedProject,
    ExpenditureLine,
    Explanation,
    FinalAccounts,
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
    write_final,
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
# Every figure of a table 7 row (its amounts, a 决算's budget amounts and counts).
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
    # A 决算's (see ExpenditureLine): its budget, income and balances, and its spending outside 基本/项目.
    budget_initial: Decimal = ZERO
    budget_adjusted: Decimal = ZERO
    income: Decimal = ZERO
    income_source: str = ""
    opening_balance: Decimal = ZERO
    closing_balance: Decimal = ZERO
    remittance: Decimal = ZERO
    operating: Decimal = ZERO
    subsidy: Decimal = ZERO

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public + self.project + self.remittance + self.operating + self.subsidy

    @property
    def budget_full_year(self) -> Decimal:
        """全年预算数: 年初预算数 and its 调整."""
        return self.budget_initial + self.budget_adjusted


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
    # A 决算's: the 年初预算 of each “三公” item, 外宾接待费, and the counts (see ThreePublicCosts).
    budget_abroad: Decimal = ZERO
    budget_vehicle_purchase: Decimal = ZERO
    budget_vehicle_operation: Decimal = ZERO
    budget_reception: Decimal = ZERO
    reception_foreign: Decimal = ZERO
    abroad_groups: int = 0
    abroad_people: int = 0
    vehicles_bought: int = 0
    vehicles_held: int = 0
    reception_batches: int = 0
    reception_people: int = 0

    @property
    def budget_vehicle(self) -> Decimal:
        return self.budget_vehicle_purchase + self.budget_vehicle_operation

    @property
    def budget_three_public_total(self) -> Decimal:
        return self.budget_abroad + self.budget_vehicle + self.budget_reception

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
class Evaluation:
    """A project a 决算 reports the 绩效评价 of."""

    project: str
    amount: Decimal = ZERO
    text: str = ""


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
    # A 决算's figures stated once (FinalAccounts fields: amounts in 元, counts) and its evaluated projects.
    final: dict[str, Decimal | int] = field(default_factory=dict)
    evaluations: list[Evaluation] = field(default_factory=list)
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

    def final_figure(self, name: str) -> Decimal | int:
        return self.final.get(name, 0 if name in FINAL_COUNT_FIELDS else ZERO)

    @property
    def is_final(self) -> bool:
        return self.kind == Kind.FINAL


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
    data = load_many([disclosure])[disclosure.pk]
    if disclosure.kind == Kind.FINAL and not disclosure.is_frozen:  # a published 决算 stays as it was published
        from disclosures.final_accounts import linked_budget  # here: it builds on this module

        return linked_budget(disclosure, data)
    return data


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
            "disclosure_id", "fund", "personnel", "public", "project", "carry_forward", "purpose", "income_source",
            *FINAL_LINE_AMOUNT_FIELDS, code=F("function_code__code"),
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
        ThreePublicCosts.objects.filter(**content).values("disclosure_id", "fund", *THREE_PUBLIC_ROW_FIELDS),
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
    # A budget has neither: its queries stay as they were.
    final_ids = [disclosure.pk for disclosure in disclosures if disclosure.kind == Kind.FINAL]
    finals, evaluations = {}, {}
    if final_ids:
        finals = {row.disclosure_id: row for row in FinalAccounts.objects.filter(disclosure_id__in=final_ids)}
        evaluations = _by_disclosure(EvaluatedProject.objects.filter(disclosure_id__in=final_ids))
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
            final=_final_figures(finals.get(disclosure.pk)),
            evaluations=evaluations.get(disclosure.pk, []),
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


def _data(
    disclosure,
    *,
    income,
    prior,
    lines,
    basic,
    three_public,
    procurement,
    services,
    targets,
    explanations,
    final,
    evaluations,
):
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
        final=final,
        evaluations=[Evaluation(project=row.project, amount=row.amount, text=row.text) for row in evaluations],
    )


def _final_figures(row: FinalAccounts | None) -> dict[str, Decimal | int]:
    if row is None:
        return {}
    return {name: getattr(row, name) for name in (*FINAL_AMOUNT_FIELDS, *FINAL_COUNT_FIELDS)}


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
    """Make every table of a disclosure hold ``data`` (codes must exist in the year's catalog); a 决算's
    年初预算数 are stored as its budget gives them, where the portal has that budget.

    Rows that stay the same are not written (disclosures.table_writers), so the audit shows what changed.
    """
    if disclosure.is_department_level:  # its figures are its units' sums, never stored on it
        raise ValueError(f"disclosure {disclosure.pk} is a department's document: its content is consolidated")
    book = code_book(disclosure.year)
    if disclosure.kind == Kind.FINAL:
        from disclosures.final_accounts import linked_budget  # here: it builds on this module

        data = linked_budget(disclosure, data)
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
    write_final(disclosure, data.final, data.evaluations)
