"""A disclosure's overview (status, completion, findings, download, upload) and the unit page's list and start."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from disclosures.checks import findings_for
from disclosures.choices import Status
from disclosures.editing import start_draft
from disclosures.formats import FORMATS
from disclosures.interchange import parse
from disclosures.models import Disclosure, ExpenditureLine
from disclosures.services import import_disclosure
from disclosures.snapshot import load

DETAIL = "/workspace/units/309002/2025/"
UPLOAD = "/workspace/units/309002/2025/upload/"
START = "/workspace/units/309002/start/"


def page(response) -> str:
    return response.content.decode()


def upload(client, document, *, replace=False, name="seed.json"):
    content = document if isinstance(document, bytes) else json.dumps(document, ensure_ascii=False).encode()
    data = {"file": SimpleUploadedFile(name, content, content_type="application/json")}
    if replace:
        data["replace"] = "on"
    return client.post(UPLOAD, data)


@pytest.fixture
def flawed_disclosure(catalogs, unit, seed_json):
    """Seed 002 with a template leftover in its duties and table 6 short of table 5's 公用经费."""
    seed_json["overview"]["duties"] = "××（单位）主要职责是……"
    seed_json["basic_by_economic"][10]["public"] = "0.00"  # 30201 办公费 was 7.11
    return import_disclosure(data=parse(json.dumps(seed_json)))


# ---- The overview ----------------------------------------------------------------------------------


def test_overview_shows_status_and_every_tables_completion(accountant_client, seed_disclosure):
    response = accountant_client.get(DETAIL)
    assert response.status_code == 200
    html = page(response)
    assert "草稿" in html and "第1版" in html
    for number in range(1, 13):
        assert f"/workspace/units/309002/2025/tables/{number}/" in html
    assert "已填8行" in html and "已填28行" in html  # tables 3 and 6
    assert "未填写" in html  # table 11 has no service purchases
    assert "自动生成·无数据" in html  # tables 8 and 9
    assert "收入填报，支出自动生成" in html


def test_findings_panel_lists_every_finding_grouped_with_links(accountant_client, flawed_disclosure):
    findings = findings_for(flawed_disclosure)
    errors = [finding for finding in findings if finding.is_error]
    assert {finding.table for finding in errors} >= {"", "basic_by_economic"}
    html = page(accountant_client.get(DETAIL))
    for finding in findings:
        assert escape(finding.message) in html
    panel = html.split('id="findings-heading"')[1]
    assert panel.index("错误</h3>") < panel.index("警告</h3>")
    assert panel.index(escape(errors[0].message)) < panel.index("警告</h3>")
    table_6 = next(finding for finding in errors if finding.table == "basic_by_economic")
    assert f'href="/workspace/units/309002/2025/tables/6/#basic" class="finding-link">{escape(table_6.message)}' in html
    text = next(finding for finding in errors if finding.table == "")
    try:
        texts_page = reverse("disclosures:explanations", args=["309002", 2025])
    except NoReverseMatch:  # the page of the texts is not installed: the finding is listed without a link
        assert f"{escape(text.message)}\n  </li>" in html
    else:
        assert f'href="{texts_page}#{text.field}"' in html


def test_a_clean_disclosure_says_so(accountant_client, catalogs, unit, seed_json):
    # seed 002 leaves two large changes unexplained; with their reasons written it passes every check
    seed_json["explanations"] |= {"project_change": "新增信息化项目。", "procurement": "新增设备和服务采购。"}
    disclosure = import_disclosure(data=parse(json.dumps(seed_json)))
    assert findings_for(disclosure) == []
    html = page(accountant_client.get(DETAIL))
    assert "未发现问题" in html and "0个错误" in html and "finding-link" not in html
    # a count of nothing is neutral, not an alarm
    assert '<span class="badge text-bg-secondary">0个错误</span>' in html
    assert '<span class="badge text-bg-secondary">0个警告</span>' in html
    assert "text-bg-danger" not in html.split('id="findings-heading"')[1].split("</h2>")[0]


def test_overview_queries_are_bounded(accountant_client, seed_disclosure, django_assert_max_num_queries):
    with django_assert_max_num_queries(35):
        assert accountant_client.get(DETAIL).status_code == 200


def test_another_units_accountant_gets_404(client, other_accountant, seed_disclosure):
    client.force_login(other_accountant)
    assert client.get(DETAIL).status_code == 404
    assert client.get(DETAIL + "download/json/").status_code == 404
    assert upload(client, b"{}").status_code == 404


def test_reviewer_sees_the_overview_without_upload(reviewer_client, seed_disclosure):
    html = page(reviewer_client.get(DETAIL))
    assert "已填8行" in html and UPLOAD not in html
    assert upload(reviewer_client, b"{}").status_code == 403


# ---- Download ------------------------------------------------------------------------------------


def test_every_registered_format_is_offered(accountant_client, seed_disclosure):
    html = page(accountant_client.get(DETAIL))
    for name in FORMATS:
        assert f'href="/workspace/units/309002/2025/download/{name}/"' in html


def test_json_download_is_the_disclosure_as_a_file(accountant_client, seed_disclosure, seed_data):
    response = accountant_client.get(DETAIL + "download/json/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="309002-2025-budget.json"'
    assert parse(response.content) == seed_data


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_downloads_under_its_file_name(accountant_client, seed_disclosure, name):
    response = accountant_client.get(DETAIL + f"download/{name}/")
    assert response.status_code == 200 and response.content
    assert response["Content-Type"] == FORMATS[name].content_type
    assert response["Content-Disposition"] == f'attachment; filename="309002-2025-budget.{FORMATS[name].extension}"'
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_format_is_404(accountant_client, seed_disclosure):
    assert accountant_client.get(DETAIL + "download/docx/").status_code == 404


# ---- Upload --------------------------------------------------------------------------------------


def test_upload_with_replace_imports_the_file(accountant_client, catalogs, unit, seed_json):
    draft = start_draft(unit=unit, year=2025)
    response = upload(accountant_client, seed_json, replace=True)
    assert response.status_code == 302 and response.url == DETAIL
    assert len(load(Disclosure.objects.get()).lines) == 8
    assert Disclosure.objects.get(pk=draft.pk).lock_version == 1  # open entry pages will see a conflict
    assert "已导入" in page(accountant_client.get(response.url))


def test_upload_without_replace_keeps_the_existing_draft(accountant_client, seed_disclosure, seed_json):
    seed_json["expenditure_lines"][0]["purpose"] = "来自文件"
    response = upload(accountant_client, seed_json)
    assert response.status_code == 400
    assert "覆盖现有数据" in page(response) and "文件未导入" in page(response)
    assert not ExpenditureLine.objects.filter(purpose="来自文件").exists()


def test_a_bad_file_lists_every_error_with_its_place_and_changes_nothing(accountant_client, seed_disclosure, seed_json):
    seed_json["expenditure_lines"][0]["personnel"] = "abc"
    seed_json["basic_by_economic"][2]["economic_code"] = "39899"
    before = load(seed_disclosure)
    response = upload(accountant_client, seed_json, replace=True)
    assert response.status_code == 400
    html = page(response)
    assert "expenditure_lines[0].personnel（预算公开03表 第1行）：“abc”不是金额" in html
    assert "basic_by_economic[2].economic_code（预算公开06表 第3行）：科目“39899”不在2025年" in html
    assert load(Disclosure.objects.get()) == before


def test_not_json_and_too_large_files_are_refused(accountant_client, seed_disclosure, settings):
    assert "不是有效的 JSON" in page(upload(accountant_client, b"not json", replace=True))
    settings.UPLOAD_MAX_BYTES = 10
    assert "文件过大" in page(upload(accountant_client, b'{"format": "budget-disclosure/1"}', replace=True))


def test_a_file_for_another_unit_or_year_is_refused(accountant_client, seed_disclosure, other_unit, seed_json):
    other = {
        **seed_json,
        "unit": {"code": "310001", "name": "其他单位"},
        "department": {"code": "310", "name": "其他局"},
    }
    response = upload(accountant_client, other, replace=True)
    assert response.status_code == 400 and "与本页（309002 2025年预算）不符" in page(response)
    assert not Disclosure.objects.filter(unit=other_unit).exists()
    assert Disclosure.objects.get().lock_version == 0


def test_upload_is_refused_while_under_review(accountant_client, seed_disclosure, seed_json):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.SUBMITTED)
    html = page(accountant_client.get(DETAIL))
    assert UPLOAD not in html and "已提交审核，数据不能修改" in html
    response = upload(accountant_client, seed_json, replace=True)
    assert response.status_code == 400 and "不能覆盖" in page(response)


# ---- The unit page and starting a year -------------------------------------------------------------


def test_unit_page_lists_disclosures_with_status_and_links(accountant_client, seed_disclosure):
    html = page(accountant_client.get("/workspace/units/309002/"))
    assert "2025" in html and "草稿" in html
    assert 'href="/workspace/units/309002/2025/"' in html and "填报报表" in html
    assert START in html and '<option value="2026">2026</option>' in html
    assert '<option value="2025">' not in html  # 2025 has a disclosure already


def test_reviewer_sees_the_list_but_cannot_start(reviewer_client, seed_disclosure):
    html = page(reviewer_client.get("/workspace/units/309002/"))
    assert 'href="/workspace/units/309002/2025/"' in html and START not in html and "查看报表" in html
    assert reviewer_client.post(START, {"year": "2026"}).status_code == 403


def test_accountant_starts_an_empty_draft(accountant_client, catalogs, unit):
    response = accountant_client.post(START, {"year": "2025"})
    assert response.status_code == 302 and response.url == DETAIL
    disclosure = Disclosure.objects.get()
    assert (disclosure.year, disclosure.status) == (2025, Status.DRAFT)
    assert "已新建2025年的草稿" in page(accountant_client.get(DETAIL))


def test_starting_a_year_that_has_a_version_is_refused(accountant_client, seed_disclosure):
    response = accountant_client.post(START, {"year": "2025"}, follow=True)
    assert "已有公开材料，不能重复新建" in page(response)
    assert Disclosure.objects.count() == 1


def test_start_needs_a_valid_year(accountant_client, catalogs, unit):
    assert "年度" in page(accountant_client.post(START, {"year": "abc"}, follow=True))
    assert "2030年的分类科目目录尚未导入" in page(accountant_client.post(START, {"year": "2030"}, follow=True))
    assert not Disclosure.objects.exists()


def test_another_units_accountant_cannot_start(client, other_accountant, unit, catalogs):
    client.force_login(other_accountant)
    assert client.post(START, {"year": "2025"}).status_code == 404


def test_start_is_post_only(accountant_client, unit):
    assert accountant_client.get(START).status_code == 405


def test_unit_page_queries_are_bounded(accountant_client, seed_disclosure, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert accountant_client.get("/workspace/units/309002/").status_code == 200


# ---- The workflow on the overview and the tables -----------------------------------------------------


def test_overview_offers_the_workflow_actions_the_user_may_fire(client, accountant, reviewer, seed_disclosure):
    client.force_login(accountant)
    accountant_page = page(client.get(DETAIL))
    assert 'data-transition="submit"' in accountant_page
    assert 'data-transition="approve"' not in accountant_page
    # A draft is the unit's to submit: the reviewer has nothing to do yet.
    client.force_login(reviewer)
    assert "data-transition=" not in page(client.get(DETAIL))


def test_a_reviewers_comment_shows_on_its_table_and_on_the_overview(accountant_client, reviewer, seed_disclosure):
    from disclosures.workflow.comments import add_comment

    add_comment(disclosure=seed_disclosure, author=reviewer, text="30217公务接待费请核对。", table="basic_by_economic")
    assert "30217公务接待费请核对。" in page(accountant_client.get("/workspace/units/309002/2025/tables/6/"))
    assert "30217公务接待费请核对。" not in page(accountant_client.get("/workspace/units/309002/2025/tables/7/"))
    assert "30217公务接待费请核对。" in page(accountant_client.get(DETAIL))


def test_an_unexplained_change_links_to_the_box_where_its_reason_is_written(accountant_client, seed_disclosure):
    # Seed 002's 项目支出 grew by 70.73万元 with no reason given (a warning).
    link = "/workspace/units/309002/2025/explanations/#explanations-project_change"
    assert f'href="{link}"' in page(accountant_client.get(DETAIL))
    assert 'id="explanations-project_change"' in page(accountant_client.get(link.split("#")[0]))
