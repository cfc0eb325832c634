"""The checks: seed 002 passes, and each rule catches the error it exists for, with its place and figures."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogs.services import clone_year
from disclosures.checks import (
    LARGE_CHANGE_AMOUNT,
    ROUNDING_ALLOWANCE_PER_FIGURE,
    Finding,
    Severity,
    check_texts,
    findings_for,
    rounding_allowance,
    run_checks,
)
from disclosures.checks.yoy import explanation_label, prior_from, year_figures
from disclosures.choices import Fund, Status
from disclosures.interchange import parse
from disclosures.models import Disclosure, PerformanceTarget, ProcurementItem
from disclosures.services import import_disclosure
from disclosures.snapshot import BasicRow, FundedRow, Indicator, Line, Target, code_book
from disclosures.tables.builders import Names, build_table
from tests.tables import LIUZHOU
from units.models import Unit

WAN = Decimal("10000")  # 1万元 in 元
QUERY_BUDGET = 30  # two snapshot loads (this year, last year published), the catalog, the lookups


def wan(text: str) -> Decimal:
    return Decimal(text) * WAN


def check(data, previous=None) -> list[Finding]:
    return run_checks(data, code_book(data.year), previous)


def with_code(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


def the_one(findings: list[Finding], code: str) -> Finding:
    matching = with_code(findings, code)
    assert len(matching) == 1, [f.message for f in findings]
    return matching[0]


def for_field(findings: list[Finding], field: str) -> Finding:
    return next(finding for finding in findings if finding.field == field)


# Seed 002, the reference disclosure


def test_seed_002_has_no_error(seed_data):
    findings = check(seed_data)
    assert [f.message for f in findings if f.is_error] == []


def test_seed_002_warns_only_about_its_two_unexplained_changes(seed_data):
    # Its text gives no reason for 项目支出 +70.73万元 (+24.16%) nor for 政府采购 +99.76万元 (+64.61%).
    findings = check(seed_data)
    assert [(f.severity, f.code, f.table, f.field) for f in findings] == [
        (Severity.WARNING, "yoy.unexplained", "expenditure", "explanations.project_change"),
        (Severity.WARNING, "yoy.unexplained", "procurement", "explanations.procurement"),
    ]
    assert "363.47万元" in findings[0].message and "292.74万元" in findings[0].message
    assert "增加70.73万元（增长24.16%）" in findings[0].message
    assert "254.16万元" in findings[1].message and "154.40万元" in findings[1].message


def test_saved_disclosure_gives_the_same_findings_as_its_data(seed_disclosure, seed_data):
    assert findings_for(seed_disclosure) == check(seed_data)


def test_finding_names_its_table():
    finding = check_texts({"lines[0].purpose": "××"})[0]
    assert finding.is_error and finding.table_label == "预算公开03表" and finding.anchor == "table-3"
    assert finding.severity_label == "错误"
    assert not replace(finding, severity=Severity.WARNING).is_error


# Codes


def test_function_code_not_in_the_catalog(seed_data):
    seed_data.lines[6].function_code = "2159999"
    finding = the_one(check(seed_data), "code.unknown")
    assert (finding.table, finding.column, finding.field) == (
        "expenditure",
        "功能分类科目（项）",
        "lines[6].function_code",
    )
    assert finding.row == "2159999（一般公共预算）"
    assert "2159999" in finding.message and "2025年支出功能分类目录" in finding.message


def test_function_code_at_the_wrong_level(seed_data):
    seed_data.lines[6].function_code = "21505"
    finding = the_one(check(seed_data), "code.level")
    assert finding.table == "expenditure" and finding.is_error
    assert "21505 工业和信息产业" in finding.message and "“款”级" in finding.message and "7位“项”级" in finding.message


def test_economic_code_must_be_a_kuan(seed_data):
    seed_data.basic[10].economic_code = "302"
    finding = the_one(check(seed_data), "code.level")
    assert (finding.table, finding.field) == ("basic_by_economic", "basic[10].economic_code")
    assert "5位“款”级" in finding.message


def test_procurement_code_is_checked(seed_data):
    seed_data.procurement[0].function_code = "2159999"
    finding = the_one(check(seed_data), "code.unknown")
    assert (finding.table, finding.row, finding.field) == (
        "procurement",
        "办公用设备购置",
        "procurement[0].function_code",
    )


# Entered rows


def test_negative_amount(seed_data):
    seed_data.basic[10].public = wan("-7.11")
    finding = the_one(check(seed_data), "amount.negative")
    assert (finding.table, finding.row, finding.column) == ("basic_by_economic", "30201 办公费", "公用经费")
    assert "-7.11万元" in finding.message and finding.field == "basic[10].public"


def test_negative_income(seed_data):
    seed_data.income["special_account"] = wan("-1")
    finding = the_one(check(seed_data), "amount.negative")
    assert (finding.table, finding.row, finding.column) == ("income_expenditure", "财政专户管理资金", "预算数")


def test_duplicate_economic_row(seed_data):
    seed_data.basic.append(BasicRow("30101"))
    finding = the_one(check(seed_data), "row.duplicate")
    assert (finding.table, finding.row, finding.field) == ("basic_by_economic", "30101 基本工资", "basic[28]")
    assert "第1行" in finding.message


def test_procurement_item_without_a_mode(seed_data):
    seed_data.procurement[4].mode = ""
    finding = the_one(check(seed_data), "row.invalid_choice")
    assert (finding.table, finding.row, finding.column) == ("procurement", "龙城市民云APP运维费", "采购方式")
    assert "集中采购" in finding.message


def test_line_with_every_amount_zero(seed_data):
    seed_data.lines.append(Line("2010505", purpose="统计"))
    finding = the_one(check(seed_data), "line.empty")
    assert (finding.severity, finding.table) == (Severity.WARNING, "expenditure")
    assert finding.row == "2010505 专项统计业务（一般公共预算）"


# Balance


def test_income_and_expenditure_totals_must_balance(seed_data):
    seed_data.income["general_budget_local"] += wan("10")
    findings = check(seed_data)
    total = the_one(findings, "balance.total")
    assert (total.table, total.column) == ("income_expenditure", "预算数")
    assert "收入991.89万元" in total.message and "支出981.89万元" in total.message
    assert "相差10.00万元" in total.message
    fund = the_one(findings, "balance.fund")
    assert (fund.table, fund.row, fund.column) == ("general_budget", "合计", "合计")
    assert "一般公共预算收入991.89万元" in fund.message


def test_carry_over_counts_on_both_sides(seed_data):
    seed_data.income["carryover_general_budget"] = wan("5")
    seed_data.lines[6].carry_forward = wan("5")
    assert with_code(check(seed_data), "balance.total") == []
    seed_data.lines[6].carry_forward = wan("0")
    assert "上年结转结余5.00万元" in the_one(check(seed_data), "balance.total").message


def test_income_under_the_wrong_fund(seed_data):
    # The totals balance, but 100万元 of the general-budget lines is typed as 单位资金 income.
    seed_data.income["general_budget_local"] -= wan("100")
    seed_data.income["unit_business"] = wan("100")
    findings = check(seed_data)
    assert with_code(findings, "balance.total") == []
    by_table = {f.table: f for f in with_code(findings, "balance.fund")}
    assert set(by_table) == {"income", "general_budget"}
    assert by_table["income"].column == "单位资金" and "单位资金收入100.00万元" in by_table["income"].message
    assert "支出0.00万元" in by_table["income"].message
    assert (
        "一般公共预算收入881.89万元" in by_table["general_budget"].message
        and "支出981.89万元" in by_table["general_budget"].message
    )


def test_fund_income_fields_match_table_2(seed_data):
    from disclosures.checks.balance import current_income_fields

    seed_data.income |= {"gov_fund_bond": wan("1"), "state_capital_local": wan("2"), "unit_other": wan("3")}
    cells = build_table(LIUZHOU.by_number(2), seed_data, {}).rows[0].cells
    for fund in Fund.values:
        assert sum(seed_data.income_amount(name) for name in current_income_fields(fund)) == cells[f"current_{fund}"]


# Across tables, and the rounding of figures typed from printed tables


def test_rounding_allowance_counts_only_figures_that_may_be_rounded():
    assert ROUNDING_ALLOWANCE_PER_FIGURE == Decimal("50")
    # 100万元 may be a printed figure; zero is exact; 12345.67元 was typed in 元 and is exact.
    assert rounding_allowance([wan("100"), Decimal("0"), Decimal("12345.67")]) == Decimal("50")


def test_table_6_against_table_5(seed_data):
    seed_data.basic[0].personnel += wan("1")
    finding = the_one(check(seed_data), "crosstable.basic_by_economic")
    assert (finding.table, finding.row, finding.column) == ("basic_by_economic", "合计", "人员经费")
    assert "533.07万元" in finding.message and "532.08万元" in finding.message and "相差0.99万元" in finding.message


def test_seed_table_6_differs_from_table_5_by_rounding_only(seed_data):
    # Typed from the printed tables: table 6's rows sum to 618.40, table 5's lines to 618.42.
    basic = sum(row.total for row in seed_data.basic)
    lines = sum(line.basic for line in seed_data.lines)
    assert (basic, lines) == (wan("618.40"), wan("618.42"))
    assert with_code(check(seed_data), "crosstable.basic_by_economic") == []


def test_a_cent_of_rounding_passes_and_ten_cents_fail(seed_data):
    # Table 12 sums 8 printed figures and 项目支出 1: together they may drift by 9 × 50元 = 0.045万元.
    seed_data.targets[0].amount += wan("0.01")
    assert with_code(check(seed_data), "crosstable.targets_total") == []
    seed_data.targets[0].amount += wan("0.09")
    finding = the_one(check(seed_data), "crosstable.targets_total")
    assert "相差0.10万元" in finding.message


def test_exact_amounts_get_no_allowance(seed_data):
    # Typed in 元 from a source system: not rounded 万元 figures, so they must agree to the cent.
    seed_data.targets = [replace(seed_data.targets[0], amount=Decimal("3634700.01"))]
    seed_data.lines[6].project = Decimal("3634700.02")
    finding = the_one(check(seed_data), "crosstable.targets_total")
    assert "相差0.01元" in finding.message


def test_table_12_must_cover_every_project(seed_data):
    del seed_data.targets[-1]
    finding = the_one(check(seed_data), "crosstable.targets_total")
    assert (finding.table, finding.row, finding.column) == ("performance", "合计", "预算资金总额")
    assert "7个项目" in finding.message and "263.47万元" in finding.message and "363.47万元" in finding.message


def test_target_without_goal_or_indicators(seed_data):
    seed_data.targets[1] = replace(seed_data.targets[1], goal=" ", indicators=[])
    findings = check(seed_data)
    goal = the_one(findings, "target.goal_missing")
    assert (goal.severity, goal.table, goal.row, goal.column) == (
        Severity.WARNING,
        "performance",
        "信息化项目建设管理工作经费",
        "年度绩效目标",
    )
    assert the_one(findings, "target.indicators_missing").field == "targets[1].indicators"


def test_reception_against_economic_30217(seed_data):
    seed_data.three_public[0].reception = wan("1.50")
    finding = the_one(check(seed_data), "crosstable.three_public_economic")
    assert (finding.severity, finding.table, finding.row, finding.column) == (
        Severity.WARNING,
        "three_public",
        "一般公共预算",
        "公务接待费",
    )
    assert "1.50万元" in finding.message and "30217 公务接待费" in finding.message and "0.93万元" in finding.message


def test_training_against_economic_30216(seed_data):
    seed_data.basic[19].public = wan("0")  # 30216 培训费
    finding = the_one(check(seed_data), "crosstable.three_public_economic")
    assert finding.column == "培训费" and "1.39万元" in finding.message


def test_procurement_under_a_function_without_expenditure(seed_data):
    seed_data.procurement[0].function_code = "2010505"
    finding = the_one(check(seed_data), "crosstable.funded_without_expenditure")
    assert (finding.severity, finding.table, finding.field) == (
        Severity.WARNING,
        "procurement",
        "procurement[0].function_code",
    )
    assert "2010505 专项统计业务" in finding.message


def test_service_purchases_exceeding_their_function(seed_data):
    seed_data.service_purchases.append(FundedRow("2080501", "退休人员服务", {"general_budget": wan("30")}))
    finding = the_one(check(seed_data), "crosstable.funded_exceeds_expenditure")
    assert (finding.table, finding.row) == ("service_purchases", "2080501 行政单位离退休")
    assert "30.00万元" in finding.message and "19.85万元" in finding.message and "超出10.15万元" in finding.message


def test_personnel_amount_under_a_public_class(seed_data):
    seed_data.basic[10] = replace(seed_data.basic[10], personnel=wan("7.11"), public=wan("0"))
    finding = the_one(check(seed_data), "basic.wrong_column")
    assert (finding.table, finding.row, finding.column) == ("basic_by_economic", "30201 办公费", "人员经费")
    assert "302 商品和服务支出" in finding.message and "7.11万元" in finding.message


def test_operating_costs_only_for_administrative_units(seed_data):
    seed_data.unit_type = Unit.Type.PUBLIC_INSTITUTION
    finding = the_one(check(seed_data), "operating_costs.not_applicable")
    assert finding.column == "机关运行经费" and "86.34万元" in finding.message


def test_operating_costs_missing(seed_data):
    seed_data.operating_costs = Decimal("0")
    finding = the_one(check(seed_data), "operating_costs.missing")
    assert "86.34万元" in finding.message and finding.severity == Severity.WARNING


# What the unit writes


def test_line_without_purpose(seed_data):
    seed_data.lines[0].purpose = ""
    finding = the_one(check(seed_data), "line.purpose_missing")
    assert (finding.severity, finding.table, finding.column) == (Severity.WARNING, "expenditure", "主要用于")
    assert finding.row == "2080501 行政单位离退休（一般公共预算）" and "19.85万元" in finding.message


@pytest.mark.parametrize(
    ("text", "code", "shown"),
    [
        ("第四部分：××（单位）2024年单位预算报表", "text.placeholder", "“××”、“（单位）”"),
        ("XX单位负责全市信息化建设。", "text.placeholder", "“XX”"),
        ("某某科负责网站管理。", "text.placeholder", "“某某”"),
        ("【参考格式】我单位政府性基金预算支出共78.26万元", "text.template_note", "“【参考格式】”"),
        ("【提示】非常重要，这部分内容属于高频易错点", "text.template_note", "“【提示】”"),
        ("同口径比2023年增加（减少）0万元，与上年持平", "text.either_or", "“增加（减少）”"),
        ("第二部分：柳州市柳江区信息中心024年单位预算情况说明", "text.year_digits", "“024年”"),
        ("机关事业单位基本养老保险缴费18.10元，同比增加5.66万元", "text.amount_in_yuan", "“18.10元”"),
        ("国有资产占用额为128.36万元，其中固定资产30.04万元，无形资产万元。", "text.missing_amount", "“无形资产万元”"),
    ],
)
def test_template_leftovers_are_caught(text, code, shown):
    finding = the_one(check_texts({"annual_tasks": text}), code)
    assert finding.is_error and shown in finding.message
    assert (finding.table, finding.row, finding.column) == ("", "第一部分 概况", "年度主要工作任务")


def test_a_long_note_is_shortened_in_the_message():
    finding = check_texts({"duties": "【请在此处填写主要职责，不少于一百字，不要照抄】"})[0]
    assert "“【请在此处填写主要职责，不少于一百字，…”" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "2025年单位收支总预算981.89万元，同比增加83.15万元，同比增长9.25%。",
        "各部门（单位）按要求公开；部门名称(单位)见附表。",
        "项目周期3年，近10年来持续运行；用电价格1.20元/度。",
        "办公设备购置费(≤2.1587万元)；满意度(≥90%)。",
        "报表金额单位为万元，以万元计；投资规模达数百万元。",
    ],
)
def test_ordinary_text_passes(text):
    assert check_texts({"duties": text}) == []


def test_text_findings_name_their_row(seed_data):
    seed_data.lines[6].purpose = "××系统运维"
    seed_data.targets[2].goal = "完成【待补充】"
    seed_data.explanations["project_change"] = "项目支出增加（减少）"
    findings = check(seed_data)
    purpose = the_one(findings, "text.placeholder")
    assert (purpose.table, purpose.column) == ("expenditure", "主要用于")
    assert purpose.row == "2150599 其他工业和信息产业支出（一般公共预算）"
    goal = the_one(findings, "text.template_note")
    assert (goal.table, goal.row, goal.field) == ("performance", "柳州市政府网站安全管理工作", "targets[2].goal")
    reason = the_one(findings, "text.either_or")
    assert (reason.row, reason.column, reason.field) == (
        "第二部分 情况说明",
        "项目支出变动原因",
        "explanations.project_change",
    )


def test_check_texts_places_keys_without_data():
    findings = check_texts({"lines[2].purpose": "某某", "explanations.function_class.208": "××", "state_assets": "ok"})
    assert [(f.table, f.row, f.column) for f in findings] == [
        ("expenditure", "第3行", "主要用于"),
        ("", "第二部分 情况说明", "208 社会保障和就业支出变动原因"),
    ]


def test_seed_texts_are_clean(seed_data):
    assert [f for f in check(seed_data) if f.code.startswith("text.")] == []


# Year over year


def test_explained_change_is_not_reported(seed_data):
    seed_data.explanations["project_change"] = "新增龙城市民云APP运维项目。"
    assert [f.field for f in check(seed_data)] == ["explanations.procurement"]


def test_large_means_both_rate_and_amount(seed_data):
    del seed_data.explanations["total_change"]
    # 收支总预算 +83.15万元 is only +9.25%: not large.
    assert "explanations.total_change" not in [f.field for f in check(seed_data)]
    # 公务接待费 0.90 → 5.00万元 is +456% but only 4.10万元: not large.
    seed_data.three_public[0].reception = wan("5")
    assert "explanations.three_public.reception" not in [f.field for f in check(seed_data)]
    # 机关运行经费 85.51 → 96.34万元 is +10.83万元 and +12.67%: large.
    seed_data.operating_costs = wan("96.34")
    del seed_data.explanations["operating_costs"]
    finding = for_field(check(seed_data), "explanations.operating_costs")
    assert finding.table == "" and "增加10.83万元（增长12.67%）" in finding.message
    assert LARGE_CHANGE_AMOUNT == wan("10")


def test_decrease_and_function_class(seed_data):
    del seed_data.explanations["function_class.215"]
    seed_data.prior.function_class["215"] = wan("900")
    finding = for_field(check(seed_data), "explanations.function_class.215")
    assert (finding.table, finding.row) == ("income_expenditure", "215 资源勘探工业信息等支出")
    assert "减少106.74万元（下降11.86%）" in finding.message
    assert finding.message.endswith("请填写“资源勘探工业信息等支出减少的主要原因”。")  # as the box is labelled


def test_new_function_class_had_nothing_last_year(seed_data):
    seed_data.lines.append(Line("2010505", project=wan("20"), purpose="统计调查"))
    finding = for_field(check(seed_data), "explanations.function_class.201")
    assert finding.row == "201 一般公共服务支出" and "增加20.00万元（上年为0）" in finding.message


def test_vehicle_costs_may_be_explained_together(seed_data):
    seed_data.three_public[0].vehicle_operation = wan("12")
    seed_data.prior.figures["vehicle_operation"] = wan("0")
    finding = for_field(check(seed_data), "explanations.three_public.vehicle_operation")
    assert (finding.table, finding.column) == ("three_public", "公务用车运行维护费")
    seed_data.explanations["three_public.vehicle"] = "新增公务用车一辆。"
    assert "explanations.three_public.vehicle_operation" not in [f.field for f in check(seed_data)]


def test_unknown_prior_figure_is_not_compared(seed_data):
    seed_data.prior.figures["project"] = None
    assert "explanations.project_change" not in [f.field for f in check(seed_data)]
    seed_data.prior = None
    assert with_code(check(seed_data), "yoy.unexplained") == []


def test_previous_published_year_is_used_instead_of_typed_figures(seed_data):
    previous = replace(seed_data, year=2024, procurement=list(seed_data.procurement))
    fields = [f.field for f in check(seed_data, previous)]
    assert fields == []  # same figures as last year: nothing changed
    previous = replace(previous, procurement=[], lines=[replace(line, project=Decimal("0")) for line in previous.lines])
    fields = [f.field for f in check(seed_data, previous)]
    # procurement from 0 is large; 项目支出 from 0 too; total and 215 changed but are explained.
    assert fields == ["explanations.project_change", "explanations.procurement"]
    message = with_code(check(seed_data, previous), "yoy.unexplained")[1].message
    assert "2024年0.00万元" in message and "（上年为0）" in message


def test_prior_from_previous_knows_every_listed_class(seed_data):
    prior = prior_from(seed_data)
    assert prior.function_class["201"] == 0 and prior.function_class["215"] == wan("793.26")
    assert year_figures(seed_data)["procurement_centralized"] == wan("1.24")


def test_explanation_labels():
    names = Names({})
    assert explanation_label("three_public.reception", names) == "公务接待费变动原因"
    assert explanation_label("income_change", names) == "收入预算变动原因"
    assert explanation_label("function_class.221", names) == "221 住房保障支出变动原因"
    assert explanation_label("procurement.centralized", names) == "集中采购变动原因"
    assert explanation_label("empty.gov_fund", names) == "预算公开08表无数据的说明"
    assert explanation_label("whatever", names) == "说明“whatever”"


# Queries


def _grow(disclosure: Disclosure, extra: int) -> None:
    item = ProcurementItem.objects.filter(disclosure=disclosure).first()
    for number in range(extra):
        PerformanceTarget.objects.create(disclosure=disclosure, position=100 + number, project=f"项目{number}")
        ProcurementItem.objects.create(
            disclosure=disclosure, position=100 + number, function_code=item.function_code, project=f"采购{number}",
            mode=item.mode, category=item.category,
        )  # fmt: skip


@pytest.fixture
def published_2024(seed_json, seed_disclosure):
    clone_year(from_year=2025, to_year=2024)
    seed_json["year"] = 2024
    seed_json["expenditure_lines"][6]["project"] = "292.74"
    previous = import_disclosure(data=parse(json.dumps(seed_json)))
    Disclosure.objects.filter(pk=previous.pk).update(status=Status.PUBLISHED)
    return previous


def test_findings_for_uses_last_years_published_disclosure(published_2024, seed_disclosure):
    findings = findings_for(Disclosure.objects.get(pk=seed_disclosure.pk))
    # Last year's published lines give 项目支出 292.74 again; its procurement equals this year's.
    assert [f.field for f in findings] == ["explanations.project_change"]


def test_query_count_does_not_grow_with_rows(published_2024, seed_disclosure, django_assert_max_num_queries):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            with django_assert_max_num_queries(QUERY_BUDGET):
                findings_for(Disclosure.objects.get(pk=seed_disclosure.pk))
        return len(queries)

    before = count()
    _grow(seed_disclosure, 20)
    Disclosure.objects.filter(pk=published_2024.pk).update(status=Status.DRAFT)
    _grow(published_2024, 20)
    Disclosure.objects.filter(pk=published_2024.pk).update(status=Status.PUBLISHED)
    assert count() == before


def test_targets_without_indicators_are_reported_from_the_database(seed_disclosure):
    PerformanceTarget.objects.create(disclosure=seed_disclosure, position=99, project="新项目", amount=0)
    findings = findings_for(Disclosure.objects.get(pk=seed_disclosure.pk))
    assert the_one(findings, "target.indicators_missing").row == "新项目"
    assert the_one(findings, "target.goal_missing").row == "新项目"


def test_new_target_with_indicator_is_complete(seed_data):
    seed_data.targets.append(Target("新项目", goal="完成", indicators=[Indicator("quantity", "数量", "=", "1", "个")]))
    assert [f.code for f in check(seed_data) if f.code.startswith("target.")] == []
