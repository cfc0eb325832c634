"""The 2024 and 2017 starter catalogs: a 2024 unit budget and seed 001 (a 2017 决算) import on a fresh install."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from catalogs.models import ClassificationCode, Scheme, level_for_code
from catalogs.services import STARTER_DIR, starter_files
from disclosures.interchange import parse

# What 2024 unit budgets of Liujiang and Chongqing (seeds 000, 003, 004) are filed under.
CODES_2024 = {
    Scheme.FUNCTION: {
        "201": "一般公共服务支出",
        "20103": "政府办公厅（室）及相关机构事务",
        "2010301": "行政运行",
        "2010302": "一般行政管理事务",
        "2010350": "事业运行",
        "2010399": "其他政府办公厅（室）及相关机构事务支出",
        "205": "教育支出",
        "20508": "进修及培训",
        "2050803": "培训支出",
        "207": "文化旅游体育与传媒支出",
        "208": "社会保障和就业支出",
        "20805": "行政事业单位养老支出",
        "2080505": "机关事业单位基本养老保险缴费支出",
        "2080506": "机关事业单位职业年金缴费支出",
        "20899": "其他社会保障和就业支出",
        "2089999": "其他社会保障和就业支出",
        "210": "卫生健康支出",
        "21011": "行政事业单位医疗",
        "2101101": "行政单位医疗",
        "2101102": "事业单位医疗",
        "2101103": "公务员医疗补助",
        "212": "城乡社区支出",
        "21208": "国有土地使用权出让收入安排的支出",
        "2120899": "其他国有土地使用权出让收入安排的支出",
        "221": "住房保障支出",
        "22102": "住房改革支出",
        "2210201": "住房公积金",
    },
    Scheme.ECON_DEPT: {
        "30101": "基本工资",
        "30102": "津贴补贴",
        "30103": "奖金",
        "30107": "绩效工资",
        "30108": "机关事业单位基本养老保险缴费",
        "30109": "职业年金缴费",
        "30110": "职工基本医疗保险缴费",
        "30112": "其他社会保障缴费",
        "30113": "住房公积金",
        "30199": "其他工资福利支出",
        "30201": "办公费",
        "30228": "工会经费",
        "30299": "其他商品和服务支出",
        "30302": "退休费",
        "30305": "生活补助",
        "30309": "奖励金",
        "30399": "其他对个人和家庭的补助",
    },
}

# Every code seed 001 (柳江区人民政府办公室 2017年部门决算) prints, with the name it prints.
SEED_001_CODES = {
    Scheme.FUNCTION: {
        "201": "一般公共服务支出",
        "20103": "政府办公厅（室）及相关机构事务",
        "2010301": "行政运行",
        "2010302": "一般行政管理事务",
        "2010306": "政务公开审批",
        "2010307": "法制建设",
        "2010399": "其他政府办公厅（室）及相关机构事务支出",
        "208": "社会保障和就业支出",
        "20805": "行政事业单位离退休",
        "2080501": "归口管理的行政单位离退休",
        "2080505": "机关事业单位基本养老保险缴费支出",
        "210": "医疗卫生与计划生育支出",
        "21011": "行政事业单位医疗",
        "2101101": "行政单位医疗",
        "2101103": "公务员医疗补助",
        "212": "城乡社区支出",
        "21208": "国有土地使用权出让收入及对应专项债务收入安排的支出",
        "2120804": "农村基础设施建设支出",
        "2120899": "其他国有土地使用权出让收入安排的支出",
        "221": "住房保障支出",
        "22102": "住房改革支出",
        "2210201": "住房公积金",
    },
    Scheme.ECON_DEPT: {
        "301": "工资福利支出",
        "30101": "基本工资",
        "30102": "津贴补贴",
        "30103": "奖金",
        "30112": "其他社会保障缴费",
        "30105": "伙食补助费",
        "30108": "机关事业单位基本养老保险缴费",
        "30199": "其他工资福利支出",
        "302": "商品和服务支出",
        "30201": "办公费",
        "30202": "印刷费",
        "30207": "邮电费",
        "30211": "差旅费",
        "30216": "培训费",
        "30228": "工会费",
        "30229": "福利费",
        "30231": "公务用车运行维护费",
        "30239": "其他交通费用",
        "30299": "其他商品和服务支出",
        "303": "对个人和家庭的补助",
        "30301": "生活补助",
        "30302": "住房公积金",
        "30399": "其他对个人和家庭的补助支出",
    },
}
MAIN_GRADES = {"A", "B", "P", "R"}  # evidence for the year itself; every other grade is a supplement's


def names(scheme: str, year: int) -> dict[str, str]:
    return dict(ClassificationCode.objects.for_year(scheme, year).values_list("code", "name"))


def test_every_code_a_2024_unit_budget_uses_is_in_the_2024_catalog(catalogs):
    for scheme, expected in CODES_2024.items():
        catalog = names(scheme, 2024)
        assert {code: catalog.get(code) for code in expected} == expected


def test_2024_rows_are_unverified_unless_a_2024_source_prints_them(catalogs):
    rows = {row.code: row for row in ClassificationCode.objects.for_year(Scheme.FUNCTION, 2024)}
    assert rows["2010101"].verified and "等级A" in rows["2010101"].provenance  # 湖北 2024: 2010101-行政运行
    assert rows["210"].verified and "等级B" in rows["210"].provenance  # seed 003 prints 卫生健康支出
    assert not rows["2010350"].verified and "等级K" in rows["2010350"].provenance
    assert not rows["2080505"].verified and "等级Y" in rows["2080505"].provenance
    assert {row.origin for row in rows.values()} == {ClassificationCode.Origin.STARTER}
    assert sum(row.verified for row in rows.values()) == 8
    economic = {row.code: row for row in ClassificationCode.objects.for_year(Scheme.ECON_DEPT, 2024)}
    assert economic["30101"].verified and not economic["30113"].verified
    assert "等级N" in economic["30113"].provenance  # seeds 000 and 004 print 工资福利支出 -住房公积金


def test_2024_names_follow_the_known_changes_to_2025(catalogs):
    in_2024, in_2025 = names(Scheme.FUNCTION, 2024), names(Scheme.FUNCTION, 2025)
    # No 2024→2025 rename of a code the starter set holds was found: shared codes keep their names.
    assert {code: in_2024[code] for code in in_2024.keys() & in_2025.keys()} == {
        code: in_2025[code] for code in in_2024.keys() & in_2025.keys()
    }
    # 财预〔2025〕41号 (May 2025) added these 款 to the 2025 catalog; 财预〔2024〕22号 added 22006 in 2024.
    assert {"22911", "23107"} <= in_2025.keys() and not {"22911", "23107"} & in_2024.keys()
    assert in_2024["22006"] == "耕地保护考核奖惩基金支出"
    # The 2019 names, which 2024 keeps and 2017 predates.
    in_2017 = names(Scheme.FUNCTION, 2017)
    for code, old, current in [
        ("207", "文化体育与传媒支出", "文化旅游体育与传媒支出"),
        ("210", "医疗卫生与计划生育支出", "卫生健康支出"),
        ("20805", "行政事业单位离退休", "行政事业单位养老支出"),
        ("2080501", "归口管理的行政单位离退休", "行政单位离退休"),
        ("21208", "国有土地使用权出让收入及对应专项债务收入安排的支出", "国有土地使用权出让收入安排的支出"),
    ]:
        assert (in_2017[code], in_2024[code]) == (old, current)


def test_every_code_seed_001_prints_is_in_the_2017_catalog_with_its_printed_name(catalogs):
    for scheme, expected in SEED_001_CODES.items():
        catalog = names(scheme, 2017)
        assert {code: catalog.get(code) for code in expected} == expected
    # Table 8 prints 21208 as "201208", which is no code at all; the fixture files it under 21208.
    assert level_for_code(Scheme.FUNCTION, "201208") is None
    doubtful = ClassificationCode.objects.get(scheme=Scheme.ECON_DEPT, year=2017, code="30302")
    assert not doubtful.verified and "等级X" in doubtful.provenance


def test_a_2024_and_a_2017_document_import_on_a_fresh_install(catalogs, seed_json):
    assert parse(json.dumps({**seed_json, "year": 2024})).year == 2024
    final_2017 = {
        **seed_json,
        "year": 2017,
        "kind": "final",
        "expenditure_lines": [
            {"function_code": code, "fund": "general_budget", "personnel": "1"}
            for code in ("2010301", "2010306", "2080501", "2101103", "2210201")
        ]
        + [{"function_code": "2120899", "fund": "gov_fund", "project": "98.33"}],
        "basic_by_economic": [{"economic_code": code, "personnel": "1"} for code in ("30105", "30301", "30302")],
        "procurement": [],
        "service_purchases": [],
    }
    data = parse(json.dumps(final_2017))
    assert [line.function_code for line in data.lines][-1] == "2120899"


def starter_rows():
    for path, _scheme, _year, verified in starter_files():
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield path.name, verified, row


@pytest.mark.parametrize("year", [2017, 2024])
def test_every_starter_row_has_its_provenance_and_a_grade_that_fits_its_file(year):
    with open(STARTER_DIR / "PROVENANCE.csv", encoding="utf-8") as handle:
        provenance = {(row["file"], row["code"]): row for row in csv.DictReader(handle)}
    rows = [(file, verified, row) for file, verified, row in starter_rows() if f"_{year}" in file]
    assert rows
    for file, verified, row in rows:
        entry = provenance[(file, row["code"])]
        assert (entry["name"], entry["level"]) == (row["name"], row["level"])
        assert (entry["grade"] in MAIN_GRADES) == verified, (file, row["code"], entry["grade"])
        assert row["parent_code"] == (row["code"][:-2] if len(row["code"]) > 3 else "")


@pytest.mark.django_db
def test_the_command_loads_the_new_years_once():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_catalogs", stdout=first)
    call_command("load_catalogs", stdout=second)
    assert "支出功能分类 2024：新增154个" in first.getvalue()
    assert "部门预算支出经济分类 2017：新增23个" in first.getvalue()
    assert "支出功能分类 2024：新增0个，更名0个，未变154个" in second.getvalue()
