"""Codes an import names that its year's catalog lacks: listed in one message, added by an administrator in one step."""

import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from catalogs.missing import CodeCheck, MissingCode, MissingCodes
from catalogs.models import ClassificationCode, Scheme
from catalogs.services import CatalogImportError, add_local_codes, local_code_proposals
from disclosures.excel.export import workbook_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.reading import WorkbookError
from disclosures.interchange import InterchangeError, parse
from disclosures.snapshot import code_book
from tests.factories import UserFactory
from tests.test_excel_support import edited, row_of
from units.models import User

SUMMARY_2025 = (
    "共2个科目不在2025年目录中：支出功能分类 2010350；部门预算支出经济分类 30105。"
    "请系统管理员在“分类科目”中把它们增补为本地科目（未核实）后重新导入。"
)


def with_unknown_codes(seed_json: dict) -> dict:
    """Seed 002 filed under a 项 and a 款 that the 2025 catalog lacks (2010350 twice: it is listed once)."""
    lines = seed_json["expenditure_lines"]
    return {
        **seed_json,
        "expenditure_lines": [
            {**lines[0], "function_code": "2010350", "fund": "general_budget"},
            {**lines[1], "function_code": "2010350", "fund": "gov_fund"},
        ],
        "basic_by_economic": [{"economic_code": "30105", "personnel": "1"}],
        "procurement": [],
        "service_purchases": [],
    }


def refusal(document: dict) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        parse(json.dumps(document))
    return caught.value


def test_a_check_remembers_well_formed_codes_the_catalog_lacks_and_words_the_rest(catalogs):
    check = CodeCheck(2025, code_book(2025))
    assert check.problem(Scheme.FUNCTION, "2080505", 3) is None
    assert check.problem(Scheme.FUNCTION, "2010350", 3) == "科目“2010350”不在2025年支出功能分类目录中"
    assert check.problem(Scheme.FUNCTION, "2010350", 3)  # met twice, listed once
    assert check.problem(Scheme.FUNCTION, "999", 3) == "科目“999”不在2025年支出功能分类目录中"  # not a 项 code
    assert check.problem(Scheme.FUNCTION, "21505", 3) == "科目“21505”是款级科目，请填写7位项级科目"
    assert check.problem(Scheme.ECON_DEPT, "3010", 2)  # malformed
    assert check.missing.codes == [MissingCode(Scheme.FUNCTION, "2010350")]


def test_the_message_lists_every_missing_code_by_scheme_and_the_link_carries_them():
    missing = MissingCodes(2025)
    for scheme, code in [("function", "2010350"), ("econ_dept", "30105"), ("function", "2010350")]:
        missing.add(scheme, code)
    assert missing.message() == SUMMARY_2025
    url = urlsplit(missing.admin_url())
    assert url.path == reverse("admin:catalogs_classificationcode_add_missing")
    assert parse_qs(url.query) == {"year": ["2025"], "code": ["function:2010350", "econ_dept:30105"]}
    assert [MissingCode.parse(text) for text in ("function:2010350", "bogus:201", "function:20")] == [
        MissingCode("function", "2010350"),
        None,
        None,
    ]


def test_a_json_import_lists_the_missing_codes_in_one_message_besides_each_row(catalogs, seed_json):
    error = refusal(with_unknown_codes(seed_json))
    assert error.errors[0] == SUMMARY_2025
    assert (
        "expenditure_lines[1].function_code（预算公开03表 第2行）：科目“2010350”不在2025年支出功能分类目录中"
        in error.errors
    )
    assert (
        "basic_by_economic[0].economic_code（预算公开06表 第1行）：科目“30105”不在2025年部门预算支出经济分类目录中"
        in (error.errors)
    )
    assert error.missing_codes.codes == [MissingCode("function", "2010350"), MissingCode("econ_dept", "30105")]
    assert refusal({**seed_json, "year": "2025"}).missing_codes is None


def test_a_workbook_import_lists_them_too(seed_data):
    raw = workbook_bytes(seed_data, code_book(2025))
    row = row_of(raw, "预算公开03表", "A", "2080501")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(edited(raw, {("预算公开03表", f"A{row}"): "2010350"}))
    assert caught.value.missing_codes.codes == [MissingCode("function", "2010350")]
    assert caught.value.errors[0].startswith("共1个科目不在2025年目录中：支出功能分类 2010350。")


def test_the_command_line_names_the_page_that_adds_them(catalogs, seed_json, tmp_path):
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps(with_unknown_codes(seed_json), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_disclosure", str(path), stdout=io.StringIO())
    lines = str(caught.value).splitlines()
    assert lines[1] == SUMMARY_2025
    assert lines[-1].startswith(
        "系统管理员可在后台页面 /admin/catalogs/classificationcode/add-missing/?year=2025&code="
    )


def test_proposals_add_the_missing_parents_and_suggest_names_from_the_nearest_year(catalogs):
    requested = [
        MissingCode("function", "2050803"),
        MissingCode("econ_dept", "30113"),
        MissingCode("function", "2999901"),
    ]
    proposals = local_code_proposals(2017, requested)
    assert [(p.scheme, p.code, p.requested, p.suggested_name) for p in proposals] == [
        ("function", "20508", False, "进修及培训"),  # 205 exists; 20508 is the 2024 name, the nearest year's
        ("function", "2050803", True, "培训支出"),
        ("function", "299", False, ""),
        ("function", "29999", False, ""),
        ("function", "2999901", True, ""),
        ("econ_dept", "30113", True, "住房公积金"),  # 301 exists in 2017
    ]
    assert [p.level_name for p in proposals] == ["款", "项", "类", "款", "项", "款"]


def test_adding_local_codes_creates_them_unverified_with_their_parents(catalogs):
    reports = add_local_codes(
        year=2017,
        names=[
            ("function", "20508", "进修及培训"),
            ("function", "2050803", " 培训支出 "),
            ("econ_dept", "30113", "住房公积金"),
        ],
        added_by="admin",
    )
    assert sorted(code for report in reports for code in report.added) == ["20508", "2050803", "30113"]
    item = ClassificationCode.objects.select_related("parent__parent").get(scheme="function", year=2017, code="2050803")
    assert (item.name, item.origin, item.verified, item.level) == ("培训支出", "local", False, 3)
    assert (item.parent.code, item.parent.parent.code) == ("20508", "205")
    assert item.provenance.startswith("本地增补：admin于") and "2017年目录缺少此科目" in item.provenance
    again = add_local_codes(year=2017, names=[("function", "2050803", "别的名称")], added_by="admin")
    assert again[0].unchanged == ["2050803"]
    assert ClassificationCode.objects.get(scheme="function", year=2017, code="2050803").name == "培训支出"


def test_bad_rows_are_all_reported_and_nothing_is_added(catalogs):
    before = ClassificationCode.objects.count()
    with pytest.raises(CatalogImportError) as caught:
        add_local_codes(
            year=2017,
            names=[("function", "2050803", "培训支出"), ("econ_dept", "30113", " "), ("other", "201", "x")],
            added_by="admin",
        )
    assert [str(error) for error in caught.value.errors] == [
        "第1行：科目“2050803”的上级科目“20508”不存在。",
        "第2行：科目“30113”缺少科目名称。",
        "第3行：“other”不是有效的分类。",
    ]
    assert ClassificationCode.objects.count() == before


ADD_MISSING = "/admin/catalogs/classificationcode/add-missing/"


def test_the_admin_page_adds_every_code_of_the_message_in_one_step(admin_client, catalogs, seed_json):
    document = with_unknown_codes(seed_json)
    url = refusal(document).missing_codes.admin_url()
    page = admin_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "2010350" in html and "30105" in html and "上级科目（下级" not in html  # 20103 and 301 exist in 2025
    assert 'value="伙食补助费"' in html  # 30105 as 2017 names it, the only year that has it
    response = admin_client.post(
        url,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-scheme": "function",
            "form-0-code": "2010350",
            "form-0-name": "事业运行",
            "form-1-scheme": "econ_dept",
            "form-1-code": "30105",
            "form-1-name": "伙食补助费",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/catalogs/classificationcode/?year__exact=2025&origin__exact=local"
    added = ClassificationCode.objects.get(scheme="function", year=2025, code="2010350")
    assert (added.name, added.origin, added.verified) == ("事业运行", "local", False)
    assert parse(json.dumps(document)).lines[0].function_code == "2010350"  # the import goes through now


def test_the_admin_page_reports_a_blank_name_and_adds_nothing(admin_client, catalogs, django_assert_max_num_queries):
    url = f"{ADD_MISSING}?year=2017&code=function:2999901"
    # session (none when Redis holds it), user, the year's existing codes, other years' names
    with django_assert_max_num_queries(4):
        page = admin_client.get(url)
    assert page.content.decode().count("上级科目（下级科目须有上级）") == 2  # 299 and 29999
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3"}
    for index, (code, name) in enumerate([("299", "测试类"), ("29999", ""), ("2999901", "测试项")]):
        data |= {f"form-{index}-scheme": "function", f"form-{index}-code": code, f"form-{index}-name": name}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert not ClassificationCode.objects.filter(year=2017, code__startswith="299").exists()


def test_the_admin_page_needs_codes_and_the_right_to_add_them(client, admin_client, catalogs):
    response = admin_client.get(f"{ADD_MISSING}?year=2025")
    assert response.status_code == 302
    staff = UserFactory(username="staff", is_staff=True)
    client.force_login(staff)
    assert client.get(f"{ADD_MISSING}?year=2025&code=function:2010350").status_code == 403


def upload(client, document: dict):
    file = io.BytesIO(json.dumps(document, ensure_ascii=False).encode())
    file.name = "unknown.json"
    return client.post(reverse("disclosures:upload_json", args=["309002", 2025]), {"file": file, "replace": "on"})


@pytest.fixture
def administrator_client(seed_disclosure):
    """An administrator who is also a member of the seed's unit, so that the upload forms are open to them."""
    administrator = UserFactory(
        username="root",
        role=User.Role.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
        member_of=[seed_disclosure.unit],
    )
    client = Client()
    client.force_login(administrator)
    return client


def test_the_upload_page_shows_the_message_to_everyone_and_the_link_to_administrators(
    administrator_client, accountant_client, seed_json
):
    document = with_unknown_codes(seed_json)
    response = upload(accountant_client, document)
    html = response.content.decode()
    assert response.status_code == 400 and SUMMARY_2025 in html and ADD_MISSING not in html
    html = upload(administrator_client, document).content.decode()
    assert f'href="{ADD_MISSING}?year=2025&amp;code=function%3A2010350&amp;code=econ_dept%3A30105"' in html


def test_the_workbook_upload_page_links_administrators_too(administrator_client, seed_data):
    raw = workbook_bytes(seed_data, code_book(2025))
    row = row_of(raw, "预算公开03表", "A", "2080501")
    file = io.BytesIO(edited(raw, {("预算公开03表", f"A{row}"): "2010350"}))
    file.name = "unknown.xlsx"
    response = administrator_client.post(reverse("disclosures:excel_upload", args=["309002", 2025]), {"file": file})
    html = response.content.decode()
    assert response.status_code == 400 and "共1个科目不在2025年目录中：支出功能分类 2010350。" in html
    assert f'href="{ADD_MISSING}?year=2025&amp;code=function%3A2010350"' in html
