"""Charts computed from a report's figures: the right labels, amounts, shares and comparisons."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from catalogs.services import clone_year
from disclosures.models import Disclosure
from disclosures.snapshot import replace_content
from public import charts
from public.departments import CHARTED_UNITS, UnitFigures, unit_bars
from public.figures import Figures, PriorFigures, figures_for
from public.queries import unit_reports
from public.report import class_names, report_charts, stated_prior
from tests.test_public_support import publish


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def seed_figures(seed_disclosure) -> Figures:
    return figures_for([seed_disclosure.pk])[seed_disclosure.pk]


def test_figures_of_seed_002(seed_figures):
    assert seed_figures.total == Decimal("9818900.00")
    assert seed_figures.basic == Decimal("6184200.00") and seed_figures.project == Decimal("3634700.00")
    assert seed_figures.by_class == {
        "208": Decimal("959800.00"), "210": Decimal("500100.00"), "215": Decimal("7932600.00"),
        "221": Decimal("426400.00"),
    }  # fmt: skip
    assert seed_figures.three_public_total == Decimal("9300.00")


def test_function_class_chart_labels_and_shares(seed_figures, seed_disclosure):
    chart = charts.function_class_chart("c", seed_figures, class_names(2025))

    labels = [(bar.label, bar.amount, bar.share) for bar in chart.bars]
    assert labels[0] == ("资源勘探工业信息等支出", "793.26万元", "80.79%")
    assert ("住房保障支出", "42.64万元", "4.34%") in labels
    assert chart.bars[0].bar_width == Decimal("220.0")  # the largest bar spans the scale
    assert chart.table.rows[-1] == ["本年支出合计", "981.89", "100.00%"]
    assert "共4项，合计981.89万元" in chart.summary


def test_basic_and_project_chart(seed_figures):
    chart = charts.basic_project_chart("c", seed_figures)

    assert [(s.label, s.amount, s.share) for s in chart.segments] == [
        ("基本支出·人员经费", "532.08万元", "54.19%"),
        ("基本支出·公用经费", "86.34万元", "8.79%"),
        ("项目支出", "363.47万元", "37.02%"),
    ]
    circumference = chart.segments[0].dash + chart.segments[0].gap
    assert sum(s.dash for s in chart.segments) == pytest.approx(circumference, abs=Decimal("0.2"))
    assert chart.centre_amount == "981.89"


def test_comparison_with_the_prior_year_the_report_states(seed_disclosure, seed_figures):
    prior = PriorFigures.from_stated(2024, stated_prior(seed_disclosure))
    chart = charts.compare_chart("c", 2025, seed_figures, prior)

    total = chart.comparisons[0]
    assert (total.label, total.current, total.prior) == ("收支总预算", "981.89万元", "898.74万元")
    assert (total.direction, total.change_amount, total.change_percent) == ("up", "83.15万元", "9.25%")
    assert "本单位在2025年公开材料中填报的上年数" in chart.source
    assert chart.table.rows[1] == ["基本支出", "618.42", "606.00", "12.42", "2.05%"]


def test_comparison_prefers_last_years_published_report(seed_disclosure, seed_data):
    published_2025 = publish(seed_disclosure)
    clone_year(from_year=2025, to_year=2024)
    earlier = Disclosure.objects.create(layout="liuzhou-2025", unit=seed_disclosure.unit, year=2024)
    seed_data.year = 2024
    seed_data.lines = [line for line in seed_data.lines if not line.project]  # 2024: basic expenditure only
    seed_data.three_public = []
    replace_content(earlier, seed_data)
    publish(earlier, timezone.now() - timedelta(days=365))

    compare, three_public = report_charts(unit_reports(2025, "309002"))[2:]

    assert "本平台已公开的2024年单位预算" in compare.source
    project = compare.comparisons[2]
    assert (project.prior, project.direction, project.change_percent) == ("0.00万元", "up", "")
    assert [column.year for column in three_public.columns] == [2024, 2025]
    assert [column.total for column in three_public.columns] == ["0.00", "0.93"]
    assert not three_public.has_stated_prior
    assert published_2025.year == 2025


def test_three_public_chart_adds_the_stated_prior_year(seed_figures):
    stated = {"abroad": 0, "vehicle_purchase": 0, "vehicle_operation": 0, "reception": 9000}
    prior = PriorFigures(year=2024, three_public={item: Decimal(amount) for item, amount in stated.items()})
    chart = charts.three_public_chart("c", {2025: seed_figures}, prior)

    assert [(c.year, c.total, c.is_stated_prior) for c in chart.columns] == [
        (2024, "0.90", True),
        (2025, "0.93", False),
    ]
    assert chart.columns[1].blocks[0].label == "公务接待费"
    assert chart.table.headers[1:5] == ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    assert chart.table.rows[0][0] == "2024年（上年填报数）"


def test_charts_with_nothing_to_draw_say_so():
    empty = Figures()

    assert charts.function_class_chart("c", empty, {}).is_empty
    assert charts.basic_project_chart("c", empty).is_empty
    assert charts.compare_chart("c", 2025, empty, None).is_empty
    assert charts.three_public_chart("c", {}, None).is_empty


def test_a_large_department_charts_its_biggest_units_and_groups_the_rest():
    units = [
        UnitFigures(SimpleNamespace(unit=SimpleNamespace(name=f"单位{n:02d}")), Figures(project=Decimal(n * 10000)))
        for n in range(1, 16)
    ]

    bars = unit_bars(units)

    assert bars[0] == ("单位15", Decimal("150000"))
    assert len(bars) == CHARTED_UNITS + 1
    assert bars[-1] == ("其他3个单位", Decimal("60000"))  # 单位01–03: 1 + 2 + 3 万元
