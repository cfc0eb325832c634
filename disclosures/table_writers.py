"""Writing a disclosure's tables so that a stored row keeps its identity while its values stay the same.

Every write (a table saved on its page, the explanations page, a JSON or Excel import, a revision) makes
the stored rows equal what is wanted by updating the rows that differ, creating the new ones and deleting
the ones gone. A row that did not change is not written at all, so the audit (django-simple-history)
records only what someone really changed: saving a page twice, or re-importing the same workbook, writes
no entry, and two items of one project never "swap" their amounts.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from catalogs.models import Scheme
from disclosures.models import (
    FINAL_AMOUNT_FIELDS,
    FINAL_COUNT_FIELDS,
    FINAL_LINE_AMOUNT_FIELDS,
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
    PerformanceIndicator,
    PerformanceTarget,
    PriorYear,
    PriorYearEconomic,
    PriorYearFunctionClass,
    ProcurementItem,
    ServicePurchaseItem,
    ThreePublicCosts,
)
from disclosures.tables.declaration import TableKey

if TYPE_CHECKING:
    from disclosures.snapshot import BasicRow, Evaluation, FundedRow, Line, Prior, Target, ThreePublicRow

FUND_FIELDS = FundedItem.FUND_FIELDS
# Row order: a moved row is written with its new position, but a position is not a value of the row.
ORDER_FIELD = "position"


@dataclass
class BasicContent:
    """What the table 6 page saves: the 款 rows, and 机关运行经费 when the unit reports it."""

    rows: list["BasicRow"]
    operating_costs: Decimal | None = None


def _pair(existing: list, wanted: list[dict], key: Callable | None, group: Callable | None) -> list:
    """For each wanted row, the stored row it continues (None: a new row).

    First a stored row with exactly the wanted values (wherever it moved), then one with the same natural
    ``key``; a table without a natural key pairs what is left in order (within the same ``group``), so that
    retyping a project's name changes that row instead of deleting and recreating it.
    """
    names = [name for name in (wanted[0] if wanted else {}) if name != ORDER_FIELD]

    def stored(obj) -> dict:
        return {name: getattr(obj, name) for name in names}

    def content(values: dict) -> tuple:
        return tuple(values[name] for name in names)

    paired: list = [None] * len(wanted)
    by_content = defaultdict(list)
    for obj in existing:
        by_content[content(stored(obj))].append(obj)
    for index, values in enumerate(wanted):
        if same := by_content.get(content(values)):
            paired[index] = same.pop(0)
    taken = {id(obj) for obj in paired if obj is not None}
    remaining = [obj for obj in existing if id(obj) not in taken]
    match = key if key is not None else (group or (lambda values: ()))
    candidates = defaultdict(list)
    for obj in remaining:
        candidates[match(stored(obj))].append(obj)
    for index, values in enumerate(wanted):
        if paired[index] is None and (same := candidates.get(match(values))):
            paired[index] = same.pop(0)
    return paired


def sync_rows(model, existing: list, wanted: list[dict], *, owner: dict, key=None, group=None) -> list:
    """Make one table's stored rows equal ``wanted`` (values by field attname), writing only what changed.

    ``key`` is the table's natural key (a function of the values), ``group`` what rows without one are
    paired within (see _pair). Returns the rows in the order of ``wanted``.
    """
    paired = _pair(existing, wanted, key, group)
    kept = {id(obj) for obj in paired if obj is not None}
    leftover = [obj for obj in existing if id(obj) not in kept]
    if leftover:
        model.objects.filter(pk__in=[obj.pk for obj in leftover]).delete()
    rows, changed, created, fields = [], [], [], set()
    for obj, values in zip(paired, wanted, strict=True):
        if obj is None:
            obj = model(**owner, **values)
            created.append(obj)
        else:
            differing = [name for name, value in values.items() if getattr(obj, name) != value]
            for name in differing:
                setattr(obj, name, values[name])
            if differing:
                changed.append(obj)
                fields.update(name.removesuffix("_id") for name in differing)
        rows.append(obj)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))
    if created:
        model.objects.bulk_create(created)
    return rows


def _update_changed(model, row, values: dict) -> None:
    """Write the fields of a one-row table that differ (none: no write, no audit entry)."""
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if changed:
        model.objects.filter(pk=row.pk).update(**changed)
        for name, value in changed.items():
            setattr(row, name, value)


def _function_id(book: dict, code: str) -> int:
    return book[(Scheme.FUNCTION, code)].pk


def write_income(disclosure: Disclosure, income: dict[str, Decimal], book: dict) -> None:
    row, _created = Income.objects.get_or_create(disclosure=disclosure)
    _update_changed(Income, row, income)


def write_lines(disclosure: Disclosure, lines: list["Line"], book: dict) -> None:
    wanted = [
        {"position": position, "function_code_id": _function_id(book, line.function_code), "fund": line.fund,
         "personnel": line.personnel, "public": line.public, "project": line.project,
         "carry_forward": line.carry_forward, "purpose": line.purpose, "income_source": line.income_source,
         **{name: getattr(line, name) for name in FINAL_LINE_AMOUNT_FIELDS}}
        for position, line in enumerate(lines)
    ]  # fmt: skip
    existing = list(ExpenditureLine.objects.filter(disclosure=disclosure))
    sync_rows(ExpenditureLine, existing, wanted, owner={"disclosure": disclosure},
              key=lambda values: (values["function_code_id"], values["fund"], values["income_source"]))  # fmt: skip


def write_basic(disclosure: Disclosure, content: BasicContent, book: dict) -> None:
    wanted = [
        {"economic_code_id": book[(Scheme.ECON_DEPT, row.economic_code)].pk, "personnel": row.personnel,
         "public": row.public}
        for row in content.rows
    ]  # fmt: skip
    existing = list(BasicExpenditure.objects.filter(disclosure=disclosure))
    sync_rows(BasicExpenditure, existing, wanted, owner={"disclosure": disclosure},
              key=lambda values: values["economic_code_id"])  # fmt: skip
    if content.operating_costs is not None and content.operating_costs != disclosure.operating_costs:
        Disclosure.objects.filter(pk=disclosure.pk).update(operating_costs=content.operating_costs)
        disclosure.operating_costs = content.operating_costs


def write_three_public(disclosure: Disclosure, rows: list["ThreePublicRow"], book: dict) -> None:
    wanted = [{"fund": row.fund, **{name: getattr(row, name) for name in THREE_PUBLIC_ROW_FIELDS}} for row in rows]
    existing = list(ThreePublicCosts.objects.filter(disclosure=disclosure))
    sync_rows(ThreePublicCosts, existing, wanted, owner={"disclosure": disclosure}, key=lambda values: values["fund"])


def _funded(model, extra: tuple[str, ...]):
    def write(disclosure: Disclosure, rows: list["FundedRow"], book: dict) -> None:
        wanted = [
            {"position": position, "function_code_id": _function_id(book, row.function_code), "project": row.project,
             **{name: row.fund(name) for name in FUND_FIELDS}, **{name: getattr(row, name) for name in extra}}
            for position, row in enumerate(rows)
        ]  # fmt: skip
        sync_rows(model, list(model.objects.filter(disclosure=disclosure)), wanted, owner={"disclosure": disclosure})

    return write


write_procurement = _funded(ProcurementItem, ("mode", "category"))
write_service_purchases = _funded(ServicePurchaseItem, ())


def write_targets(disclosure: Disclosure, targets: list["Target"], book: dict) -> None:
    wanted = [
        {"position": position, "project": target.project, "amount": target.amount, "goal": target.goal,
         "key_project": target.key_project}
        for position, target in enumerate(targets)
    ]  # fmt: skip
    existing = list(PerformanceTarget.objects.filter(disclosure=disclosure))
    stored = sync_rows(PerformanceTarget, existing, wanted, owner={"disclosure": disclosure})
    indicators = [
        {"target_id": row.pk, "position": position, "category": item.category, "name": item.name,
         "operator": item.operator or "", "value": item.value, "unit": item.unit}
        for row, target in zip(stored, targets, strict=True)
        for position, item in enumerate(target.indicators)
    ]  # fmt: skip
    stored_indicators = PerformanceIndicator.objects.filter(target__disclosure=disclosure).select_related("target")
    sync_rows(PerformanceIndicator, list(stored_indicators), indicators, owner={},
              group=lambda values: values["target_id"])  # fmt: skip


def write_explanations(disclosure: Disclosure, explanations: dict[str, str]) -> None:
    wanted = [{"key": key, "text": text} for key, text in explanations.items() if text]
    for values in wanted:
        # The importers name a bad key; this is the last guard.
        Explanation(disclosure=disclosure, **values).clean_fields(exclude=["disclosure"])
    existing = list(Explanation.objects.filter(disclosure=disclosure))
    sync_rows(Explanation, existing, wanted, owner={"disclosure": disclosure}, key=lambda values: values["key"])


def write_prior(disclosure: Disclosure, prior: "Prior | None") -> None:
    if prior is None:
        PriorYear.objects.filter(disclosure=disclosure).delete()
        return
    figures = {"year": prior.year, **{name: prior.get(name) for name in PRIOR_YEAR_AMOUNT_FIELDS}}
    row = PriorYear.objects.filter(disclosure=disclosure).first()
    if row is None:
        row = PriorYear.objects.create(disclosure=disclosure, **figures)
    else:
        _update_changed(PriorYear, row, figures)
    scopes = ((PriorYearFunctionClass.Scope.ALL_FUNDS, prior.function_class),
              (PriorYearFunctionClass.Scope.GENERAL_BUDGET, prior.general_budget_class))  # fmt: skip
    classes = [
        {"scope": scope, "class_code": code, "amount": amount}
        for scope, amounts in scopes
        for code, amount in amounts.items()
    ]
    sync_rows(PriorYearFunctionClass, list(row.function_classes.all()), classes, owner={"prior_year": row},
              key=lambda values: (values["scope"], values["class_code"]))  # fmt: skip
    economic = [{"code": code, "amount": amount} for code, amount in prior.economic.items()]
    sync_rows(PriorYearEconomic, list(row.economic_items.all()), economic, owner={"prior_year": row},
              key=lambda values: values["code"])  # fmt: skip


def write_final(disclosure: Disclosure, figures: dict, evaluations: list["Evaluation"]) -> None:
    """A 决算's figures stated once (FinalAccounts; none for a budget) and its evaluated projects."""
    write_final_figures(disclosure, figures)
    wanted = [
        {"position": position, "project": row.project, "amount": row.amount, "text": row.text}
        for position, row in enumerate(evaluations)
    ]
    sync_rows(EvaluatedProject, list(EvaluatedProject.objects.filter(disclosure=disclosure)), wanted,
              owner={"disclosure": disclosure})  # fmt: skip


def write_final_figures(disclosure: Disclosure, figures: dict) -> None:
    row = FinalAccounts.objects.filter(disclosure=disclosure).first()
    if not figures:
        if row is not None:
            row.delete()
    else:
        values = {name: figures.get(name, 0 if name in FINAL_COUNT_FIELDS else Decimal(0))
                  for name in (*FINAL_AMOUNT_FIELDS, *FINAL_COUNT_FIELDS)}  # fmt: skip
        if row is None:
            FinalAccounts.objects.create(disclosure=disclosure, **values)
        else:
            _update_changed(FinalAccounts, row, values)


# A 决算's page of 本年收入, 年初结转和结余, its own figures and the projects of its 绩效评价 (forms/entry_final.py)
# saves under this key.
FINAL_FIGURES = "final_figures"


@dataclass(frozen=True)
class FiguresContent:
    income: dict[str, Decimal]
    final: dict
    evaluations: list["Evaluation"]


def write_figures(disclosure: Disclosure, content: FiguresContent, book: dict) -> None:
    write_income(disclosure, content.income, book)
    write_final(disclosure, content.final, content.evaluations)


# The entered tables, and how the content of each one's page is written.
WRITERS: dict[str, Callable[[Disclosure, object, dict], None]] = {
    TableKey.INCOME_EXPENDITURE: write_income,
    TableKey.EXPENDITURE: write_lines,
    TableKey.BASIC_BY_ECONOMIC: write_basic,
    TableKey.THREE_PUBLIC: write_three_public,
    TableKey.PROCUREMENT: write_procurement,
    TableKey.SERVICE_PURCHASES: write_service_purchases,
    TableKey.PERFORMANCE: write_targets,
    FINAL_FIGURES: write_figures,
}
