"""How the Liuzhou 2025 layout words the facts, and how layouts are chosen and overridden."""

import dataclasses
import re
from decimal import Decimal

from disclosures.choices import Fund
from disclosures.layouts import get_layout, layout_for, registry
from disclosures.narrative import compose
from disclosures.narrative.change import Change
from disclosures.narrative.reasons import PURPOSE, TEXT
from disclosures.snapshot import Line
from disclosures.templatetags.narrative import change_clause, clause, reason_clause, wan

D = Decimal
LIUZHOU_2025 = get_layout("liuzhou-2025")


def yuan(wan_text: str) -> Decimal:
    return D(wan_text) * 10000


def text(section) -> str:
    return re.sub(r"<[^>]+>", "", str(section.html)).replace("\n", "")


class TestFilters:
    def test_wan(self):
        assert wan(D("9818900.00")) == "981.89"
        assert wan(D("49.99")) == "0.00"
        assert wan(D("50.00")) == "0.01"  # half up

    def test_change_clauses(self):
        assert change_clause(Change(yuan("981.89"), yuan("898.74"))) == "，同比增加83.15万元，同比增长9.25%"
        assert change_clause(Change(yuan("95.98"), yuan("105.36"))) == "，同比减少9.38万元，同比下降8.90%"
        assert change_clause(Change(yuan("0"), yuan("0"))) == "，与上年持平"
        assert change_clause(Change(yuan("3"), D("0"))) == "，同比增加3.00万元"
        assert change_clause(Change(yuan("3"))) == ""

    def test_reason_clause_only_for_a_moved_change_and_escaped(self):
        assert reason_clause(Change(yuan("2"), yuan("1"), "k", "人员增加。")) == "，增加的主要原因是：人员增加"
        assert reason_clause(Change(yuan("1"), yuan("1"), "k", "人员增加。")) == ""
        assert reason_clause(Change(yuan("1"), yuan("2"), "k", "<b>")) == "，减少的主要原因是：&lt;b&gt;"

    def test_clause_drops_closing_punctuation(self):
        assert clause("一是…；二是项目支出增加。 ") == "一是…；二是项目支出增加"


def test_no_rate_when_last_year_was_zero(seed_data, book):
    seed_data.lines.append(Line(function_code="2010301", fund=Fund.GENERAL_BUDGET, personnel=yuan("5")))
    section = compose(seed_data, book).section("expenditure")
    assert "一般公共服务支出5.00万元，占支出总预算0.51%，同比增加5.00万元。" in text(section)


def test_without_a_prior_year_no_comparison_and_no_reason(seed_data, book):
    seed_data.prior = None
    document = compose(seed_data, book)
    overall = text(document.section("overall"))
    assert overall.startswith("2025年单位收支总预算981.89万元。收入包括：")
    body = "".join(text(section) for part in document.parts for section in part.sections)
    assert "同比" not in body and "主要原因" not in body  # the fixture's reasons need a change to explain


def test_a_reason_is_printed_only_where_the_unit_wrote_one(seed_data, book):
    del seed_data.explanations["function_class.215"]
    expenditure = text(compose(seed_data, book).section("expenditure"))
    assert "资源勘探工业信息等支出793.26万元，占支出总预算80.79%，同比增加97.56万元，同比增长14.02%。" in expenditure


def test_mixed_line_gives_both_figures(seed_data, book):
    seed_data.lines[0].project = yuan("1")
    general = text(compose(seed_data, book).section("general_budget"))
    assert "行政单位离退休（项）支出20.85万元，其中：基本支出19.85万元，项目支出1.00万元。主要用于：" in general


def test_a_line_without_purpose_has_no_purpose_sentence(seed_data, book):
    seed_data.lines[0].purpose = ""
    general = text(compose(seed_data, book).section("general_budget"))
    assert "行政单位离退休（项）支出19.85万元，全部为基本支出。（二）" in general


def test_empty_table_sentence_and_the_units_reason_after_it(seed_data, book):
    seed_data.explanations["empty.state_capital"] = "本单位无国有资本经营预算收入"
    document = compose(seed_data, book)
    assert text(document.section("gov_fund")) == "2025年我单位无政府性基金预算支出安排，故无数据情况说明。"
    assert text(document.section("state_capital")) == (
        "2025年我单位无国有资本经营预算支出安排，故无数据情况说明。本单位无国有资本经营预算收入。"
    )


def test_gov_fund_lines_are_described_like_the_general_budget(seed_data, book):
    seed_data.lines.append(Line(function_code="2080501", fund=Fund.GOV_FUND, project=yuan("10")))
    seed_data.income["gov_fund_local"] = yuan("10")
    gov_fund = text(compose(seed_data, book).section("gov_fund"))
    assert gov_fund.startswith("2025年单位政府性基金预算支出10.00万元。其中：基本支出0.00万元，项目支出10.00万元。")
    assert (
        "（一）社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）支出10.00万元，全部为项目支出。"
        in gov_fund
    )


def test_unit_text_is_escaped(seed_data, book):
    seed_data.state_assets = "<script>alert(1)</script>\n第二段"
    html = str(compose(seed_data, book).section("other").html)
    assert "<script>" not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>第二段</p>" in html


def test_public_institution_is_outside_operating_costs(seed_data, book):
    seed_data.unit_type = "事业单位"
    other = text(compose(seed_data, book).section("other"))
    assert "不在机关运行经费统计范围之内" in other
    assert "机关运行经费预算" not in other


def test_annual_tasks_section_only_when_written(seed_data, book):
    assert compose(seed_data, book).section("annual_tasks") is None
    seed_data.annual_tasks = "完成政务外网升级。"
    document = compose(seed_data, book)
    assert [section.heading for section in document.parts[0].sections] == [
        "一、主要职责", "二、机构设置情况", "三、年度主要工作任务",
    ]  # fmt: skip
    assert text(document.section("annual_tasks")) == "完成政务外网升级。"


def test_parts_and_anchors(seed_data, book):
    document = compose(seed_data, book)
    assert [part.label for part in document.parts] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert document.parts[0].heading == "第一部分 309002柳州市信息化建设管理中心概况"
    assert document.section("income").anchor == "part-2-income"
    assert document.section("table_list").heading == ""
    anchors = [section.anchor for part in document.parts for section in part.sections]
    assert len(anchors) == len(set(anchors)) == 2 + 13 + 1 + 1


class TestLayouts:
    def test_liuzhou_2025_is_the_default(self):
        assert layout_for("liuzhou", "budget", 2025) is LIUZHOU_2025
        assert layout_for("somewhere-else", "budget", 2030) is LIUZHOU_2025

    def test_a_newer_layout_of_the_jurisdiction_takes_over_from_its_first_year(self, monkeypatch):
        newer = dataclasses.replace(LIUZHOU_2025, key="liuzhou-2027", first_year=2027)
        monkeypatch.setitem(registry(), newer.key, newer)
        assert layout_for("liuzhou", "budget", 2026) is LIUZHOU_2025
        assert layout_for("liuzhou", "budget", 2027) is newer

    def test_a_layout_overrides_one_template_and_falls_back_for_the_rest(self, seed_data, book, settings, tmp_path):
        folder = tmp_path / "narrative" / "other-city"
        folder.mkdir(parents=True)
        (folder / "glossary.html").write_text("<p>本市名词解释</p>", encoding="utf-8")
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
        other = dataclasses.replace(
            LIUZHOU_2025, key="other-city", template_dirs=("narrative/other-city", "narrative/liuzhou-2025")
        )
        document = compose(seed_data, book, layout=other)
        assert str(document.section("glossary").html) == "<p>本市名词解释</p>"
        assert "同比增加83.15万元" in text(document.section("overall"))

    def test_slots_of_seed_002(self, seed_data, book):
        document = compose(seed_data, book)
        slots = {
            section.key: [slot.field_name for slot in found] for section, found in LIUZHOU_2025.slots(document.facts)
        }
        assert slots["income"] == ["change-total_change"]
        assert slots["expenditure"] == [
            "change-function_class.208", "change-function_class.210", "change-function_class.215",
            "change-function_class.221", "change-basic_change", "change-project_change",
        ]  # fmt: skip
        assert slots["three_public"] == ["change-three_public.total", "change-three_public.reception"]
        assert len(slots["general_budget"]) == 8
        assert slots["gov_fund"] == ["empty-empty.gov_fund"]
        assert slots["other"] == ["change-operating_costs", "text-state_assets"]
        assert slots["overall"] == [] and slots["fiscal"] == []
        every = [name for names in slots.values() for name in names]
        assert len(every) == len(set(every))


def test_every_box_the_layout_offers_is_printed_in_its_section(seed_data, book):
    """Whatever the unit writes in a box on the explanations page is read in the section beside it."""
    slots = [
        (section.key, slot) for section, found in LIUZHOU_2025.slots(compose(seed_data, book).facts) for slot in found
    ]
    for number, (_section, slot) in enumerate(slots):
        marker = f"标记{number}号"
        if slot.kind == TEXT:
            setattr(seed_data, slot.key, marker)
        elif slot.kind == PURPOSE:
            code, fund = slot.key.split(".")
            next(line for line in seed_data.lines if (line.function_code, line.fund) == (code, fund)).purpose = marker
        else:
            seed_data.explanations[slot.key] = marker
    document = compose(seed_data, book)

    assert len(slots) > 20
    for number, (section, slot) in enumerate(slots):
        assert f"标记{number}号" in str(document.section(section).html), slot.field_name
