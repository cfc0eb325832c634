"""The narrative's facts, computed from data alone: no template is rendered here."""

import copy
from decimal import Decimal

import pytest

from catalogs.models import Scheme
from disclosures.choices import Fund
from disclosures.narrative import reasons
from disclosures.narrative.change import DECREASE, FLAT, INCREASE, Change
from disclosures.narrative.facts import compute_facts
from disclosures.snapshot import Line

D = Decimal


def yuan(wan: str) -> Decimal:
    return D(wan) * 10000


class TestChange:
    def test_increase_with_rate(self):
        change = Change(yuan("981.89"), yuan("898.74"))
        assert change.direction == INCREASE
        assert change.difference == yuan("83.15")
        assert change.rate == D("9.25")
        assert change.moved

    def test_decrease_rate_is_of_last_year(self):
        change = Change(yuan("95.98"), yuan("105.36"))
        assert change.direction == DECREASE
        assert change.rate == D("8.90")

    def test_no_rate_when_last_year_was_zero(self):
        change = Change(yuan("5"), D("0"))
        assert change.direction == INCREASE
        assert change.rate is None

    def test_unknown_last_year_compares_nothing(self):
        change = Change(yuan("5"))
        assert change.direction is None
        assert change.difference is None
        assert change.rate is None
        assert not change.moved

    def test_flat_below_printed_precision(self):
        assert Change(yuan("0.93"), yuan("0.93")).direction == FLAT
        assert Change(D("9300.40"), D("9300.00")).direction == FLAT  # 0.00004万元 prints as 0.00
        assert Change(D("9350.00"), D("9300.00")).direction == INCREASE  # 0.005万元 prints as 0.01

    def test_reason_is_stated_only_for_a_change_that_moved(self):
        assert Change(yuan("2"), yuan("1"), "basic_change", "多了").stated_reason == "多了"
        assert Change(yuan("1"), yuan("1"), "basic_change", "没变").stated_reason == ""
        assert Change(yuan("1"), None, "basic_change", "不知").stated_reason == ""


@pytest.fixture
def facts(seed_data, book):
    return compute_facts(seed_data, book)


def test_totals_and_prior_year_from_the_fixture_prior_block(facts):
    assert facts.total.current == yuan("981.89")
    assert facts.total.previous == yuan("898.74")  # 981.89 − 83.15, as seed 002's text gives it
    assert facts.total.rate == D("9.25")
    assert facts.previous_year == 2024


def test_income_sources_only_those_with_an_amount(facts):
    [source] = facts.income.sources
    assert (source.key, source.is_fiscal) == (Fund.GENERAL_BUDGET, True)
    assert source.change.current == yuan("981.89")
    assert source.change.previous == yuan("898.74")


def test_expenditure_structure_and_shares(facts):
    spending = facts.expenditure
    assert spending.total == yuan("981.89")
    assert (spending.basic.current, spending.basic.previous) == (yuan("618.42"), yuan("606.00"))
    assert (spending.basic_share, spending.project_share) == (D("62.98"), D("37.02"))
    assert spending.project.rate == D("24.16")


def test_function_classes_with_catalog_names_shares_changes_and_reasons(facts):
    classes = {item.code: item for item in facts.expenditure.classes}
    assert list(classes) == ["208", "210", "215", "221"]
    assert classes["215"].name == "资源勘探工业信息等支出"
    assert classes["215"].share == D("80.79")
    assert classes["215"].change.difference == yuan("97.56")
    assert classes["208"].change.direction == DECREASE
    assert classes["208"].change.key == "function_class.208"
    assert classes["208"].change.reason == "2025年社保计提基数降低。"


def test_names_come_from_the_disclosure_years_catalog(seed_data, book):
    renamed = dict(book)
    entry = copy.copy(renamed[(Scheme.FUNCTION, "21505")])
    entry.name = "工业和信息产业（新名称）"
    renamed[(Scheme.FUNCTION, "21505")] = entry

    items = compute_facts(seed_data, renamed).general_budget.items

    assert {item.kind_name for item in items if item.code.startswith("21505")} == {"工业和信息产业（新名称）"}


def test_general_budget_lines_in_code_order_with_names_and_structure(facts):
    items = facts.general_budget.items
    assert [item.code for item in items][:2] == ["2080501", "2080505"]
    first = items[0]
    assert (first.class_name, first.kind_name, first.item_name) == (
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "行政单位离退休",
    )
    assert first.structure == "basic"
    assert {item.code: item.structure for item in items}["2150599"] == "project"
    assert facts.general_budget.total.current == yuan("981.89")
    assert (facts.general_budget.basic, facts.general_budget.project) == (yuan("618.42"), yuan("363.47"))


def test_a_line_with_both_basic_and_project_is_mixed(seed_data, book):
    seed_data.lines[0].project = yuan("1")
    item = compute_facts(seed_data, book).general_budget.items[0]
    assert item.structure == "mixed"
    assert (item.basic, item.project) == (yuan("19.85"), yuan("1"))


def test_basic_expenditure_and_the_economic_items_it_consists_of(facts):
    basic = facts.basic
    # The amounts are table 5's (exact lines); seed 002's table 6 rows, typed rounded, sum to 618.40.
    assert (basic.total, basic.personnel, basic.public) == (yuan("618.42"), yuan("532.08"), yuan("86.34"))
    assert basic.personnel_items[:3] == ["基本工资", "津贴补贴", "奖金"]
    assert basic.personnel_items[-1] == "其他对个人和家庭的补助"
    assert "维修（护）费" in basic.public_items and "其他交通费用" in basic.public_items
    assert len(basic.public_items) == 15


def test_three_public_items_each_against_last_year(facts):
    three = facts.three_public
    assert (three.total.current, three.total.previous) == (yuan("0.93"), yuan("0.90"))
    assert three.reception.rate == D("3.33")
    assert three.reception.reason == "根据单位往年接待数量及金额调增。"
    assert three.abroad.direction == FLAT
    assert three.vehicle.direction == FLAT
    assert three.meeting.current == yuan("1.62")
    assert three.meeting.previous is None  # not in the fixture's prior block: no comparison


def test_procurement_splits(facts):
    procurement = facts.procurement
    assert procurement.total.difference == yuan("99.76")
    assert (procurement.centralized.current, procurement.decentralized.current) == (yuan("1.24"), yuan("252.92"))
    assert (procurement.centralized_share, procurement.decentralized_share) == (D("0.49"), D("99.51"))
    assert procurement.decentralized.rate == D("64.98")
    assert [(part.label, part.amount) for part in procurement.categories] == [
        ("货物类", yuan("2.16")), ("工程类", D("0")), ("服务类", yuan("252.00")),
    ]  # fmt: skip
    assert [(part.key, part.amount) for part in procurement.funds] == [("general_budget", yuan("254.16"))]


def test_empty_tables_performance_and_operating_costs(facts):
    assert {key for key, empty in facts.empty_tables.items() if empty} == {
        "gov_fund",
        "state_capital",
        "service_purchases",
    }
    assert facts.gov_fund.is_empty and facts.state_capital.is_empty and facts.service_purchases.is_empty
    assert (facts.performance.count, facts.performance.amount) == (8, yuan("363.47"))
    costs = facts.operating_costs
    assert costs.of_agency  # 参公事业单位
    assert costs.change.rate == D("0.97")
    assert costs.uses == facts.basic.public_items


def test_operating_costs_do_not_apply_to_a_public_institution(seed_data, book):
    seed_data.unit_type = "事业单位"
    assert not compute_facts(seed_data, book).operating_costs.of_agency


def test_without_any_prior_year_nothing_is_compared(seed_data, book):
    seed_data.prior = None
    facts = compute_facts(seed_data, book)
    assert facts.total.direction is None
    assert all(item.change.direction is None for item in facts.expenditure.classes)
    assert facts.previous_year == 2024


def test_a_class_absent_from_known_class_figures_was_zero_last_year(seed_data, book):
    seed_data.lines.append(Line(function_code="2010301", personnel=yuan("5")))
    item = {c.code: c for c in compute_facts(seed_data, book).expenditure.classes}["201"]
    assert (item.change.previous, item.change.direction, item.change.rate) == (D("0"), INCREASE, None)


def test_last_years_published_data_wins_over_typed_figures(seed_data, book):
    previous = copy.deepcopy(seed_data)
    previous.year = 2024
    previous.income["general_budget_local"] = yuan("900.00")
    previous.lines[0].personnel = yuan("50")
    facts = compute_facts(seed_data, book, previous)
    assert facts.total.previous == yuan("900.00")  # not the typed 898.74
    assert {c.code: c for c in facts.expenditure.classes}["208"].change.previous == yuan("126.13")
    assert facts.three_public.meeting.previous == yuan("1.62")  # every figure is known from full data


def test_reasons_follow_the_key_convention(seed_data, book):
    seed_data.explanations = {"expenditure_change": "支出另有原因", "empty.gov_fund": "无基金收入"}
    facts = compute_facts(seed_data, book)
    assert facts.income.total.key == reasons.TOTAL and facts.income.total.reason == ""
    assert (facts.expenditure.overall.key, facts.expenditure.overall.reason) == ("expenditure_change", "支出另有原因")
    assert facts.gov_fund.empty_reason == "无基金收入"


def test_the_fixtures_keys_follow_the_convention(seed_json):
    assert all(reasons.is_key(key) for key in seed_json["explanations"])
    assert not reasons.is_key("three_public.parking")
