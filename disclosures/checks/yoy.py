"""A large change from last year needs the unit's reason (主要原因是…), which no figure can give.

Last year's figures come from last year's published disclosure when the portal has it
(``previous``), else from the figures the unit typed (``data.prior``; an unknown figure is None
and is not compared). A change is large when it is at least ``LARGE_CHANGE_RATE`` percent of last
year's figure and at least ``LARGE_CHANGE_AMOUNT``: both, so that neither a 30% change of 0.90万元
of 公务接待费 nor a 2% change of a 900万元 total asks for a reason.

Explanation keys (``Explanation.key``, ``DisclosureData.explanations``, the ``explanations`` of
budget-disclosure/1) name the figure they explain; the narrative prints each as the figure's
“主要原因是…” clause:

    total_change           收支总预算 (收入总计 = 支出总计); also accepted for the income by fund
    income_change          收入 by fund (一般公共预算拨款收入 …)
    expenditure_change     支出总预算 (accepted for the total)
    basic_change           基本支出
    project_change         项目支出
    function_class.<类>    expenditure of one function 类, e.g. function_class.208
    three_public.<item>    table 7: abroad, vehicle_purchase, vehicle_operation, reception, meeting, training;
                           three_public.vehicle (公务用车购置及运行维护费) is accepted for both vehicle items
    gov_fund               政府性基金预算支出
    procurement            政府采购预算
    operating_costs        机关运行经费

``FACTS`` lists which key explains which figure (the first key is the figure's own); the
narrative (``disclosures.narrative.reasons``) uses the same keys and compares the same figures
(``year_figures``, ``prior_from``), and ``explanation_label`` names a key for a page.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.checks.balance import current_income_fields
from disclosures.checks.findings import Finding, table_label, total, wan, warning
from disclosures.checks.labels import code_row
from disclosures.choices import Fund, ProcurementMode
from disclosures.models import INCOME_AMOUNT_FIELDS
from disclosures.money import ZERO, percent
from disclosures.snapshot import DisclosureData, Prior
from disclosures.tables.builders import FUNCTION_CLASSES, Names
from disclosures.tables.declaration import BUDGET_TABLES, TableKey

UNEXPLAINED = "yoy.unexplained"

LARGE_CHANGE_RATE = Decimal("10")  # percent of last year's figure
LARGE_CHANGE_AMOUNT = Decimal("100000")  # 元, i.e. 10万元

FUNCTION_CLASS_KEY = "function_class."
THREE_PUBLIC_ITEMS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training")


@dataclass(frozen=True)
class Fact:
    """A figure compared with last year, where it is printed, and the explanation keys that explain it."""

    figure: str  # name in Prior.figures (the PriorYear fields), or function_class.<类>
    label: str | Promise
    keys: tuple[str, ...]
    table: str | None
    row: str | Promise
    column: str | Promise


TOTAL_ROW = gettext_lazy("合计")
lazy = gettext_lazy
FACTS = (
    Fact("total", lazy("收支总预算"), ("total_change", "income_change", "expenditure_change"),
         TableKey.INCOME_EXPENDITURE, lazy("收入总计"), lazy("预算数")),
    *(
        Fact(f"income_{fund.value}", format_lazy("{}{}", fund.label, lazy("收入")), ("income_change", "total_change"),
             TableKey.INCOME, TOTAL_ROW, fund.label)
        for fund in Fund
    ),
    Fact("basic", lazy("基本支出"), ("basic_change",), TableKey.EXPENDITURE, TOTAL_ROW, lazy("基本支出")),
    Fact("project", lazy("项目支出"), ("project_change",), TableKey.EXPENDITURE, TOTAL_ROW, lazy("项目支出")),
    Fact("general_budget_expenditure", lazy("一般公共预算支出"), ("general_budget_change",), TableKey.GENERAL_BUDGET,
         TOTAL_ROW, lazy("合计")),
    Fact("general_budget_basic", lazy("一般公共预算基本支出"), ("general_basic_change",), TableKey.BASIC_BY_ECONOMIC,
         TOTAL_ROW, lazy("合计")),
    Fact("abroad", lazy("因公出国（境）费"), ("three_public.abroad",), TableKey.THREE_PUBLIC, TOTAL_ROW,
         lazy("因公出国（境）费")),
    Fact("vehicle_purchase", lazy("公务用车购置费"), ("three_public.vehicle_purchase", "three_public.vehicle"),
         TableKey.THREE_PUBLIC, TOTAL_ROW, lazy("公务用车购置费")),
    Fact("vehicle_operation", lazy("公务用车运行维护费"), ("three_public.vehicle_operation", "three_public.vehicle"),
         TableKey.THREE_PUBLIC, TOTAL_ROW, lazy("公务用车运行维护费")),
    Fact("reception", lazy("公务接待费"), ("three_public.reception",), TableKey.THREE_PUBLIC, TOTAL_ROW,
         lazy("公务接待费")),
    Fact("meeting", lazy("会议费"), ("three_public.meeting",), TableKey.THREE_PUBLIC, TOTAL_ROW, lazy("会议费")),
    Fact("training", lazy("培训费"), ("three_public.training",), TableKey.THREE_PUBLIC, TOTAL_ROW, lazy("培训费")),
    Fact("gov_fund_expenditure", lazy("政府性基金预算支出"), ("gov_fund",), TableKey.GOV_FUND, TOTAL_ROW, lazy("合计")),
    Fact("procurement_total", lazy("政府采购预算"), ("procurement",), TableKey.PROCUREMENT, TOTAL_ROW, lazy("合计")),
    Fact("operating_costs", lazy("机关运行经费"), ("operating_costs",), None, lazy("第二部分 情况说明"),
         lazy("机关运行经费")),
)  # fmt: skip
# Keys that explain more than one figure, or a part the narrative prints on its own.
KEY_LABELS = {
    "total_change": gettext_lazy("收支总预算"),
    "income_change": gettext_lazy("收入预算"),
    "expenditure_change": gettext_lazy("支出预算"),
    "three_public.total": gettext_lazy("“三公”经费"),
    "three_public.vehicle": gettext_lazy("公务用车购置及运行维护费"),
    **{f"procurement.{mode.value}": mode.label for mode in ProcurementMode},
}
# Why a table has no data (empty.gov_fund) is not a change; the narrative prints it after the empty-table note.
EMPTY_TABLE_KEY = "empty."


def year_figures(data: DisclosureData) -> dict[str, Decimal]:
    """A year's figures under the names of ``Prior.figures``, to compare one year with another."""
    lines = data.lines
    figures = {
        "total": total(data.income_amount(name) for name in INCOME_AMOUNT_FIELDS),
        "basic": total(line.basic for line in lines),
        "project": total(line.project for line in lines),
        "gov_fund_expenditure": total(line.total for line in lines if line.fund == Fund.GOV_FUND),
        "general_budget_expenditure": total(line.total for line in lines if line.fund == Fund.GENERAL_BUDGET),
        "general_budget_basic": total(line.basic for line in lines if line.fund == Fund.GENERAL_BUDGET),
        "operating_costs": data.operating_costs,
        "procurement_total": total(item.total for item in data.procurement),
    }
    for fund in Fund.values:
        figures[f"income_{fund}"] = total(data.income_amount(name) for name in current_income_fields(fund))
    for item in THREE_PUBLIC_ITEMS:
        figures[item] = total(getattr(row, item) for row in data.three_public)
    for mode in ProcurementMode.values:
        figures[f"procurement_{mode}"] = total(item.total for item in data.procurement if item.mode == mode)
    return figures


def function_class_figures(data: DisclosureData, fund: str | None = None) -> dict[str, Decimal]:
    """Expenditure by function 类 (of one fund, or of all); every 类 table 1 lists is known, zero when it
    has no line."""
    totals = {code: ZERO for code, _name in FUNCTION_CLASSES}
    for line in data.lines:
        if fund is None or line.fund == fund:
            code = line.function_code[:3]
            totals[code] = totals.get(code, ZERO) + line.total
    return totals


def economic_figures(data: DisclosureData) -> dict[str, Decimal]:
    """一般公共预算基本支出 by economic 款 and by 类."""
    totals: dict[str, Decimal] = {}
    for row in data.basic:
        for code in (row.economic_code, row.economic_code[:3]):
            totals[code] = totals.get(code, ZERO) + row.total
    return totals


def prior_from(previous: DisclosureData) -> Prior:
    """Last year's published disclosure as the figures this year is compared with."""
    return Prior(
        year=previous.year,
        figures=year_figures(previous),
        function_class=function_class_figures(previous),
        general_budget_class=function_class_figures(previous, Fund.GENERAL_BUDGET),
        economic=economic_figures(previous),
    )


def explanation_label(key: str, names: Names) -> str:
    """What an explanation explains, for the entry page and for findings: 项目支出变动原因."""
    table = key.removeprefix(EMPTY_TABLE_KEY)
    if key.startswith(EMPTY_TABLE_KEY) and table in BUDGET_TABLES:
        return _("%(table)s无数据的说明") % {"table": table_label(table)}
    if key.startswith(FUNCTION_CLASS_KEY):
        code = key.removeprefix(FUNCTION_CLASS_KEY)
        subject = code_row(code, names.function(code))
    elif key in KEY_LABELS:
        subject = str(KEY_LABELS[key])
    else:
        subject = next((str(fact.label) for fact in FACTS if fact.keys[0] == key), None)
        if subject is None:
            return _("说明“%(key)s”") % {"key": key}
    return _("%(subject)s变动原因") % {"subject": subject}


def is_large(current: Decimal, prior: Decimal) -> bool:
    change = abs(current - prior)
    return change >= LARGE_CHANGE_AMOUNT and (not prior or change * 100 >= LARGE_CHANGE_RATE * prior)


def _change_text(current: Decimal, prior: Decimal) -> str:
    if current > prior:
        rate = percent(current - prior, prior)
        if rate is None:
            return _("增加%(change)s（上年为0）") % {"change": wan(current - prior)}
        return _("增加%(change)s（增长%(rate)s%%）") % {"change": wan(current - prior), "rate": rate}
    rate = percent(prior - current, prior)
    return _("减少%(change)s（下降%(rate)s%%）") % {"change": wan(prior - current), "rate": rate}


def _unexplained(fact_keys: tuple[str, ...], explanations: dict[str, str]) -> bool:
    return not any(explanations.get(key, "").strip() for key in fact_keys)


def _box_subject(fact: Fact, key: str, names: Names) -> str:
    if key.startswith(FUNCTION_CLASS_KEY):
        return names.function(key.removeprefix(FUNCTION_CLASS_KEY))
    return str(fact.label)


def _finding(data: DisclosureData, prior: Prior, fact: Fact, current: Decimal, last: Decimal, names: Names) -> Finding:
    key = fact.keys[0]
    detail = _(
        "%(label)s%(year)s年%(current)s，%(prior_year)s年%(prior)s，%(change)s，变动较大但未说明原因；"
        "请填写“%(reason)s”。"
    ) % {
        "label": fact.label,
        "year": data.year,
        "current": wan(current),
        "prior_year": prior.year or data.year - 1,
        "prior": wan(last),
        "change": _change_text(current, last),
        # the box as the 说明 page labels it: 项目支出增加的主要原因, a 类 by its name (资源勘探工业信息等支出…)
        "reason": _("%(subject)s%(direction)s的主要原因")
        % {"subject": _box_subject(fact, key, names), "direction": _("增加") if current > last else _("减少")},
    }
    return warning(UNEXPLAINED, fact.table, str(fact.row), str(fact.column), detail, f"explanations.{key}")


def _comparisons(data: DisclosureData, prior: Prior, names: Names) -> list[tuple[Fact, Decimal, Decimal | None]]:
    """Each fact with this year's figure and last year's (None when unknown)."""
    now = year_figures(data)
    pairs = [(fact, now[fact.figure], prior.get(fact.figure)) for fact in FACTS]
    if prior.function_class:
        # With last year's 类 figures known, a 类 missing from them had no expenditure then.
        classes = function_class_figures(data)
        for code in sorted(set(prior.function_class) | set(classes)):
            key = f"{FUNCTION_CLASS_KEY}{code}"
            name = code_row(code, names.function(code))
            fact = Fact(key, name, (key,), TableKey.INCOME_EXPENDITURE, name, _("预算数"))
            pairs.append((fact, classes.get(code, ZERO), prior.function_class.get(code, ZERO)))
    return pairs


def check_changes(
    data: DisclosureData, names: Names, previous: DisclosureData | None = None, *, asked: set[str] | None = None
) -> list[Finding]:
    """Large changes without a reason; ``asked``: the keys the layout's text prints a reason under (all if None)."""
    prior = prior_from(previous) if previous is not None else data.prior
    if prior is None:
        return []
    return [
        _finding(data, prior, fact, current, last, names)
        for fact, current, last in _comparisons(data, prior, names)
        if last is not None
        and is_large(current, last)
        and (asked is None or asked & set(fact.keys))
        and _unexplained(fact.keys, data.explanations)
    ]
