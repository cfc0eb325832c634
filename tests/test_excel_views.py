"""Upload → preview → confirm over HTTP, for the unit's accountant only, and never on a stale preview."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosures.choices import Status
from disclosures.excel.export import export_bytes
from disclosures.interchange import dumps
from disclosures.models import Disclosure
from tests.test_excel_support import content, edited, row_of

PAGE = "/workspace/units/309002/2025/excel/"


def upload(client, raw: bytes, name: str = "309002-2025.xlsx"):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, raw)})


def changed_workbook(raw: bytes) -> bytes:
    row = row_of(raw, "预算公开06表", "A", "30101")
    return edited(raw, {("预算公开06表", f"D{row}"): 130})


def confirm_fields(page) -> dict:
    form = page.context["confirm_form"]
    return {"lock_version": form.initial["lock_version"], "base": form.initial["base"]}


def test_the_page_offers_the_template_the_workbook_and_the_upload(accountant_client, seed_disclosure):
    page = accountant_client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'href="/workspace/units/309002/2025/excel/template.xlsx"' in text
    assert 'href="/workspace/units/309002/2025/download/xlsx/"' in text
    assert 'type="file"' in text and "上传并预览变更" in text
    assert 'class="nav-link active" href="/workspace/units/309002/2025/excel/"' in text


def test_upload_preview_confirm(accountant_client, seed_disclosure, django_assert_max_num_queries):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = changed_workbook(seed_workbook)
    # Parsing reads the catalog once, and the stored data once (to tell stale grey cells from typed ones),
    # whatever the workbook's size.
    with django_assert_max_num_queries(20):
        response = upload(accountant_client, workbook)
    assert response.status_code == 302
    preview_url = response["Location"]
    assert re.fullmatch(r"/workspace/units/309002/2025/excel/preview/[\w-]+/", preview_url)
    assert content(seed_disclosure).basic[0].personnel == 1262800  # nothing applied yet

    with django_assert_max_num_queries(18):
        page = accountant_client.get(preview_url)
    text = page.content.decode()
    assert "导入预览：309002-2025.xlsx" in text
    assert "30101 基本工资" in text and "126.28" in text and "130.00" in text
    assert "确认导入（1处变化）" in text

    lock_version = seed_disclosure.lock_version
    response = accountant_client.post(preview_url, confirm_fields(page))
    assert response.status_code == 302 and response["Location"] == "/workspace/units/309002/2025/"
    assert content(seed_disclosure).basic[0].personnel == 1300000
    assert seed_disclosure.lock_version == lock_version + 1
    # the preview was used up: confirming it again applies nothing
    again = accountant_client.post(preview_url, confirm_fields(page))
    assert again["Location"] == PAGE


def test_an_unchanged_workbook_has_nothing_to_confirm(accountant_client, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    page = accountant_client.get(upload(accountant_client, seed_workbook)["Location"])
    assert "工作簿与现有数据相同，无需导入。" in page.content.decode()
    assert "确认导入" not in page.content.decode()


def test_a_stale_preview_applies_nothing(accountant_client, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    preview_url = upload(accountant_client, changed_workbook(seed_workbook))["Location"]
    page = accountant_client.get(preview_url)
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(duties="别人刚刚保存的职责", lock_version=7)
    response = accountant_client.post(preview_url, confirm_fields(page), follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "预览之后，本单位的数据已被修改" in response.content.decode()
    stored = content(seed_disclosure)
    assert stored.duties == "别人刚刚保存的职责" and stored.basic[0].personnel == 1262800


def test_a_change_without_a_new_lock_version_is_still_caught(accountant_client, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    preview_url = upload(accountant_client, changed_workbook(seed_workbook))["Location"]
    page = accountant_client.get(preview_url)
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(state_assets="改过了")
    response = accountant_client.post(preview_url, confirm_fields(page))
    assert response["Location"] == PAGE
    assert content(seed_disclosure).basic[0].personnel == 1262800


def test_a_bad_workbook_is_shown_with_every_problem_and_nothing_changes(accountant_client, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    before = dumps(content(seed_disclosure))
    raw = edited(seed_workbook, {("预算公开06表", "D12"): "abc", ("预算公开06表", "E12"): -1})
    response = upload(accountant_client, raw)
    assert response.status_code == 400
    text = response.content.decode()
    assert "工作簿未导入，共2处问题" in text
    assert "预算公开06表 第12行 D列：“abc”不是金额" in text
    assert "预算公开06表 第12行 E列：金额“-1”不能为负数" in text
    assert dumps(content(seed_disclosure)) == before


def test_a_file_over_the_limit_is_refused(accountant_client, seed_disclosure, settings):
    seed_workbook = export_bytes(seed_disclosure)
    settings.UPLOAD_MAX_BYTES = 10_000
    response = upload(accountant_client, seed_workbook)
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_another_units_accountant_gets_404(client, other_accountant, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    client.force_login(other_accountant)
    assert client.get(PAGE).status_code == 404
    assert upload(client, seed_workbook).status_code == 404
    assert client.get(f"{PAGE}preview/anything/").status_code == 404


def test_a_reviewer_may_look_but_not_import(reviewer_client, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    page = reviewer_client.get(PAGE)
    assert page.status_code == 200
    assert "只有本单位的填报人员可以上传工作簿。" in page.content.decode()
    assert 'type="file"' not in page.content.decode()
    assert upload(reviewer_client, seed_workbook).status_code == 403


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED])
def test_no_import_unless_the_disclosure_is_editable(accountant_client, seed_disclosure, status):
    seed_workbook = export_bytes(seed_disclosure)
    preview_url = upload(accountant_client, changed_workbook(seed_workbook))["Location"]
    page = accountant_client.get(preview_url)
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=status)
    assert "不能导入。" in accountant_client.get(PAGE).content.decode()
    assert upload(accountant_client, seed_workbook).status_code == 403
    assert accountant_client.post(preview_url, confirm_fields(page)).status_code == 403
    assert content(seed_disclosure).basic[0].personnel == 1262800


def test_a_preview_belongs_to_its_session_and_its_latest_upload(client, accountant, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    client.force_login(accountant)
    first = upload(client, changed_workbook(seed_workbook))["Location"]
    second = upload(client, seed_workbook)["Location"]
    assert first != second
    assert client.get(first)["Location"] == PAGE  # replaced by the later upload
    assert client.get(second).status_code == 200
    client.logout()
    client.force_login(accountant)  # a new session knows no upload
    assert client.get(second)["Location"] == PAGE


def test_anonymous_visitors_are_sent_to_log_in(client, seed_disclosure):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response["Location"]
