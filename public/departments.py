"""A department's year: its units' states and the consolidated figures of those that have published.

A department's budget is the sum of its units' (部门预算 = Σ 单位预算); only published reports count,
so the page says how many units the figures cover. The department's own published document (its 部门预算
consolidated in the portal) is listed first, with its files and hashes.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from disclosures.models import Disclosure
from disclosures.money import ZERO
from public import charts
from public.department_documents import DepartmentDocument, published_department_documents
from public.directory import DepartmentEntry, directory, ordered_units
from public.figures import Figures, consolidate, figures_for
from public.queries import published
from public.report import class_names
from units.models import Department, Unit


@dataclass
class UnitFigures:
    disclosure: Disclosure
    figures: Figures


@dataclass
class DepartmentYear:
    department: Department
    year: int
    entry: DepartmentEntry | None
    units: list[UnitFigures]
    total: Figures
    charts: list[charts.Chart]
    documents: list[DepartmentDocument]  # the department's own published 部门预算 / 部门决算


CHARTED_UNITS = 12


def unit_bars(units: list[UnitFigures]) -> list[tuple[str, Decimal]]:
    """The units that spend most, one bar each; the others together, so that the chart stays short."""
    ranked = sorted(units, key=lambda u: -u.figures.expenditure)
    bars = [(u.disclosure.unit.name, u.figures.expenditure) for u in ranked[:CHARTED_UNITS]]
    rest = ranked[CHARTED_UNITS:]
    if rest:
        others = sum((u.figures.expenditure for u in rest), ZERO)
        bars.append((_("其他%(count)d个单位") % {"count": len(rest)}, others))
    return bars


def department_year(year: int, code: str) -> DepartmentYear:
    department = get_object_or_404(Department, code=code)
    entries = directory(year, ordered_units(Unit.objects.filter(department=department)))
    reports = list(published().filter(year=year, unit__department=department).order_by("unit__code"))
    figures = figures_for([d.pk for d in reports])
    units = [UnitFigures(d, figures[d.pk]) for d in reports]
    total = consolidate([u.figures for u in units])
    shown = [
        charts.function_class_chart("chart-function", total, class_names(year)),
        charts.basic_project_chart("chart-basic-project", total),
        charts.bar_chart(
            "chart-units", _("各单位支出"), unit_bars(units), total_label=_("部门合计"), counter=_("个单位")
        ),
    ]
    return DepartmentYear(
        department,
        year,
        entries[0] if entries else None,
        units,
        total,
        shown if units else [],
        published_department_documents(year, department.pk),
    )
