"""The demo unit's 2025 决算 draft: made from its 2025 budget, with illustrative actuals.

The actuals are invented (a plausible execution of seed 002's budget: 人员经费 as budgeted, 公用经费 97%,
项目支出 90%, “三公” 85% …) so that an accountant can try the 决算 flow with 年初预算 filled in; they are not
any unit's figures.
"""

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from disclosures.choices import FISCAL_FUNDS, Fund
from disclosures.final_accounts import create_from_budget
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.snapshot import CARRYOVER_KEYS, Evaluation, load
from units.models import Unit

CENT = Decimal("0.01")
EVALUATION_TEXT = "（演示用的示意文字）项目按计划实施，绩效目标基本完成。"
PUBLIC_SPENT, PROJECT_SPENT, THREE_PUBLIC_SPENT = Decimal("0.97"), Decimal("0.90"), Decimal("0.85")


def _part(amount: Decimal, share: Decimal) -> Decimal:
    return (amount * share).quantize(CENT, rounding=ROUND_HALF_UP)


def load_demo_final(unit: Unit, budget: Disclosure) -> Disclosure | None:
    """The unit's 决算 draft of the budget's year, unless it has one (work done on the demo is kept)."""
    if Disclosure.objects.filter(unit=unit, year=budget.year, kind="final").exists():
        return None
    final = create_from_budget(unit=unit, year=budget.year, budget=budget)
    source, data = load(budget), load(final)
    planned = {(line.function_code, line.fund): line for line in source.lines}
    data.lines = [
        replace(line, personnel=plan.personnel, public=_part(plan.public, PUBLIC_SPENT),
                project=_part(plan.project, PROJECT_SPENT), income=plan.total)
        for line in data.lines if (plan := planned.get((line.function_code, line.fund)))
    ]  # fmt: skip
    data.basic = [replace(row, public=_part(row.public, PUBLIC_SPENT)) for row in source.basic]
    # Each figure is rounded to the cent on its own: the 项 carrying most 公用经费 takes the difference, so
    # that the economic table adds up to the functional one exactly.
    general = [line for line in data.lines if line.fund == Fund.GENERAL_BUDGET]
    if general:
        largest = max(general, key=lambda line: line.public)
        largest.public += sum((row.public for row in data.basic), Decimal(0)) - sum(
            (line.public for line in general), Decimal(0)
        )
    data.income = dict(source.income)
    spent = {fund: sum((line.total for line in data.lines if line.fund == fund), Decimal(0)) for fund in Fund.values}
    received = {fund: sum((line.income for line in data.lines if line.fund == fund), Decimal(0)) for fund in Fund}
    data.final = {
        f"closing_{fund}": received[fund] + data.income_amount(CARRYOVER_KEYS[fund]) - spent[fund]
        for fund in Fund.values
    }
    # Income by source as budgeted: the fiscal funds' as their lines received, the rest as the budget states.
    for fund in FISCAL_FUNDS:
        fields = [name for name in data.income if name.startswith(fund)]
        for name in fields:
            data.income[name] = Decimal(0)
        data.income[f"{fund}_local"] = received[fund]
    data.three_public = [
        replace(row, **{name: _part(getattr(plan, name), THREE_PUBLIC_SPENT) for name in
                        ("abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training_local")},
                vehicles_held=3, reception_batches=12, reception_people=60)
        for row, plan in zip(data.three_public, source.three_public, strict=False)
    ]  # fmt: skip
    procured = {category: sum((item.total for item in source.procurement if item.category == category), Decimal(0))
                for category in ("goods", "works", "services")}  # fmt: skip
    data.final |= {f"procurement_{key}": _part(amount, Decimal("0.95")) for key, amount in procured.items()}
    data.final["procurement_sme"] = _part(sum(procured.values(), Decimal(0)), Decimal("0.60"))
    data.final["procurement_small_micro"] = _part(sum(procured.values(), Decimal(0)), Decimal("0.40"))
    data.final["vehicles_general"] = 3
    data.operating_costs = _part(source.operating_costs, Decimal("0.95"))
    evaluated = [target for target in source.targets if target.key_project] or source.targets[:1]
    data.evaluations = [
        Evaluation(target.project, _part(target.amount, PROJECT_SPENT), EVALUATION_TEXT) for target in evaluated
    ]
    return import_disclosure(data=data, replace=True)
