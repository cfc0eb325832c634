"""A unit's published 决算 on the public site, beside its budget of the same year.

The 决算 page shows the document and a budget-against-actual chart (年初预算数 against 决算数, with 完成率)
of its fiscal funds and “三公” 经费; the budget page links to it, and it back to the budget.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from disclosures.choices import Kind, Status
from disclosures.models import Disclosure
from disclosures.money import ZERO, format_wan
from disclosures.narrative import compose
from disclosures.rendering.document import document_context
from disclosures.snapshot import code_book, load
from public.charts import COMPARE_SPAN, PALETTE, PRIOR_COLOUR, Chart, DataTable, length, wan


def published_final(year: int, unit_code: str) -> Disclosure | None:
    """The unit's published 决算 of the year, if there is one."""
    return (
        Disclosure.objects.filter(kind=Kind.FINAL, status=Status.PUBLISHED, year=year, unit__code=unit_code)
        .select_related("unit__department__jurisdiction")
        .first()
    )


def published_budget(year: int, unit_code: str) -> Disclosure | None:
    return Disclosure.objects.filter(kind=Kind.BUDGET, status=Status.PUBLISHED, year=year, unit__code=unit_code).first()


@dataclass
class Execution:
    label: str
    budget: str
    actual: str
    rate: str  # 完成率, "" on a zero budget
    label_y: int
    budget_y: int
    actual_y: int
    budget_width: Decimal
    actual_width: Decimal


@dataclass
class BudgetActualChart(Chart):
    rows: list[Execution] = field(default_factory=list)
    bar_height: int = 14
    budget_colour: str = PRIOR_COLOUR
    actual_colour: str = PALETTE[0]
    template: str = "public/charts/budget_actual.html"


ROW = 64


def budget_actual_chart(final: Disclosure) -> BudgetActualChart:
    """年初预算数 against 决算数 of 一般公共预算, 政府性基金, 国有资本经营 and “三公” 经费 (those with either)."""
    data = load(final)
    facts = compose(data, code_book(data.year)).facts.final
    candidates = [
        (_("一般公共预算财政拨款支出"), facts.general_budget.against),
        (_("政府性基金预算财政拨款支出"), facts.gov_fund.against),
        (_("国有资本经营预算财政拨款支出"), facts.state_capital.against),
        (_("“三公”经费"), facts.three_public.total),
    ]
    chosen = [(label, against) for label, against in candidates if against.budget or against.actual]
    maximum = max([value for _label, a in chosen for value in (a.budget, a.actual)], default=ZERO)
    rows = []
    for index, (label, against) in enumerate(chosen):
        top = 26 + index * ROW
        rows.append(Execution(
            label=label, budget=wan(against.budget), actual=wan(against.actual),
            rate="" if against.rate is None else _("完成年初预算的%(rate)s%%") % {"rate": against.rate},
            label_y=top + 14, budget_y=top + 20, actual_y=top + 38,
            budget_width=length(against.budget, maximum, COMPARE_SPAN),
            actual_width=length(against.actual, maximum, COMPARE_SPAN),
        ))  # fmt: skip
    title = _("%(year)d年预算执行：年初预算与决算") % {"year": final.year}
    table = DataTable(
        title,
        [_("项目"), _("年初预算数（万元）"), _("决算数（万元）"), _("完成率")],
        [[label, format_wan(a.budget), format_wan(a.actual), "" if a.rate is None else f"{a.rate}%"]
         for label, a in chosen],
    )  # fmt: skip
    return BudgetActualChart(
        key="chart-budget-actual",
        title=title,
        summary=_("每项上条为年初预算数，下条为决算数；年初预算为零的不计算完成率。"),
        height=26 + max(len(rows), 1) * ROW,
        table=table,
        is_empty=not rows,
        rows=rows,
    )


def final_context(final: Disclosure) -> dict:
    return {
        "disclosure": final,
        "document_html": render_to_string("document/_body.html", document_context(final, draft=False)),
        "chart": budget_actual_chart(final),
        "budget": published_budget(final.year, final.unit.code),
    }
