"""A 决算 in the workspace: its URLs beside the budget's, its overview, its entry pages (年初预算 read-only),
its 说明, preview, Excel page and submission."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Kind, Status
from disclosures.excel.diff import compare
from disclosures.excel.export import workbook_bytes
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.snapshot import Line, code_book, load
from tests.test_entry_pages import form_fields

FINAL = "/workspace/units/309002/2025/final/"
BUDGET = "/workspace/units/309002/2025/"
LINES_PAGE = 3  # national-final-2021: 表3 支出决算表, the first table laid out from the 决算明细
# The budget's entry pages allow 50 (tests/test_entry_pages.py); a 决算's page also loads its linked budget,
# last year's 决算 and budget (the checks of the save), whatever the number of rows.
QUERY_BUDGET = 72


def page(response) -> str:
    return response.content.decode()


def test_budget_urls_are_unchanged_and_a_final_has_the_same_paths_after_final(final, approved_budget):
    assert reverse("disclosures:detail", args=["309002", 2025]) == BUDGET
    assert reverse("disclosures:table", args=["309002", 2025, 3]) == f"{BUDGET}tables/3/"
    assert reverse("disclosures:excel_upload", args=["309002", 2025]) == f"{BUDGET}excel/"
    assert reverse("disclosures:transition", args=["309002", 2025, "submit"]) == f"{BUDGET}transition/submit/"
    assert approved_budget.workspace_args == ("309002", 2025)
    assert final.workspace_args == ("309002", 2025, "final")
    assert reverse("disclosures:detail", args=final.workspace_args) == FINAL
    assert reverse("disclosures:table", args=[*final.workspace_args, 3]) == f"{FINAL}tables/3/"
    assert reverse("disclosures:excel_preview", args=[*final.workspace_args, "t"]) == f"{FINAL}excel/preview/t/"
    assert reverse("disclosures:explanations", args=final.workspace_args) == f"{FINAL}explanations/"


def test_the_budget_pages_still_open_the_budget(accountant_client, final):
    html = page(accountant_client.get(BUDGET))
    assert "2025年单位预算公开" in html and f'href="{FINAL}"' not in html


def test_the_overview_of_a_final_lists_its_tables_checks_and_submit(
    accountant_client, final, django_assert_max_num_queries
):
    # A 决算's overview loads it and its linked budget, and last year's 决算 and budget: 27 more than a budget's.
    with django_assert_max_num_queries(62):
        response = accountant_client.get(FINAL)
    html = page(response)
    assert response.status_code == 200 and "2025年单位决算公开" in html
    assert "收入支出决算总表" in html and f'href="{FINAL}tables/1/"' in html
    assert f'action="{FINAL}transition/submit/"' in html
    for tab in ("explanations/", "preview/", "excel/", "history/"):
        assert f'href="{FINAL}{tab}"' in html


def test_the_units_page_lists_the_final_beside_the_budget_and_starts_one_from_the_budget(
    accountant_client, approved_budget, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        html = page(accountant_client.get("/workspace/units/309002/"))
    start = f"{FINAL}start/"
    assert f'action="{start}"' in html
    response = accountant_client.post(start)
    assert response.status_code == 302 and response["Location"] == FINAL
    final = Disclosure.objects.get(unit__code="309002", year=2025, kind=Kind.FINAL)
    assert load(final).lines[0].budget_initial == load(approved_budget).lines[0].total
    html = page(accountant_client.get("/workspace/units/309002/"))
    assert f'href="{FINAL}"' in html and f'href="{BUDGET}"' in html and start not in html


def test_a_derived_final_table_points_to_the_page_its_data_is_typed_on(accountant_client, final):
    html = page(accountant_client.get(f"{FINAL}tables/2/"))  # 收入决算表: laid out from the 决算明细 of 表3
    assert f'href="{FINAL}tables/{LINES_PAGE}/"' in html and 'id="entry-form"' not in html


def test_an_entry_page_of_a_final_saves_its_actuals_and_keeps_the_budgets_initial_figures(
    accountant_client, final, approved_budget
):
    url = f"{FINAL}tables/{LINES_PAGE}/"
    response = accountant_client.get(url)
    html = page(response)
    assert response.status_code == 200 and "决算明细" in html
    budget_input = html.split('name="lines-0-budget_initial"')[1][:200]
    assert "disabled" in budget_input
    fields = form_fields(response)
    fields |= {"lines-0-personnel": "12.5", "lines-0-budget_initial": "999", "action": "save"}
    saved = accountant_client.post(url, fields)
    assert saved.status_code == 302, page(saved)
    line = load(final).lines[0]
    assert line.personnel == Decimal("125000.00")  # typed in 万元
    assert line.budget_initial == load(approved_budget).lines[0].total  # the tampered 999 is ignored


@pytest.mark.parametrize("added", [0, 30])
@pytest.mark.parametrize("number", [1, LINES_PAGE, 7])
def test_final_entry_page_queries_do_not_grow_with_rows(
    accountant_client, final, django_assert_max_num_queries, added, number
):
    data = load(final)
    used = {line.function_code for line in data.lines}
    codes = ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=2025, level=3).exclude(code__in=used)
    data.lines += [
        Line(function_code=code, project=Decimal(100)) for code in codes.values_list("code", flat=True)[:added]
    ]
    import_disclosure(data=data, replace=True)
    url = f"{FINAL}tables/{number}/"
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = accountant_client.get(url)
    fields = {name: "2" if name.endswith(("-personnel", "-abroad", "-unit_other")) else value
              for name, value in form_fields(response).items()}  # fmt: skip
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert accountant_client.post(url, {**fields, "action": "save"}).status_code == 302


def test_the_three_public_page_of_a_final_takes_the_counts(accountant_client, final):
    url = f"{FINAL}tables/7/"  # 一般公共预算财政拨款“三公”经费支出决算表
    response = accountant_client.get(url)
    assert response.status_code == 200
    fields = form_fields(response) | {"three_public-0-vehicles_held": "3", "three_public-0-abroad": "1"}
    assert accountant_client.post(url, {**fields, "action": "save"}).status_code == 302
    row = load(final).three_public[0]
    assert (row.vehicles_held, row.abroad) == (3, Decimal("10000.00"))


def test_the_figures_page_of_a_final_saves_income_and_closing_balances(accountant_client, final):
    url = f"{FINAL}tables/1/"  # 收入支出决算总表: 本年收入, 年初/年末结转和结余
    response = accountant_client.get(url)
    assert response.status_code == 200
    fields = form_fields(response) | {"final_figures-closing_general_budget": "8", "final_figures-unit_other": "1"}
    assert accountant_client.post(url, {**fields, "action": "save"}).status_code == 302
    data = load(final)
    assert data.final["closing_general_budget"] == Decimal("80000.00")
    assert data.income["unit_other"] == Decimal("10000.00")


def test_a_bad_count_is_refused_naming_table_row_and_column(accountant_client, final):
    url = f"{FINAL}tables/7/"
    fields = form_fields(accountant_client.get(url)) | {"three_public-0-vehicles_held": "两辆", "action": "save"}
    html = page(accountant_client.post(url, fields))
    assert "表7第1行“公务用车保有量（辆）”" in html


def test_the_explanations_and_the_preview_of_a_final(accountant_client, final):
    html = page(accountant_client.get(f"{FINAL}explanations/"))
    assert "2025年单位决算公开" in html
    html = page(accountant_client.get(f"{FINAL}preview/"))
    assert "决算" in html and f'href="{FINAL}preview.pdf"' in html


def test_an_unbalanced_final_is_refused_at_submission_naming_table_and_row(accountant_client, final):
    url = f"{FINAL}tables/1/"
    fields = form_fields(accountant_client.get(url)) | {"final_figures-unit_other": "5", "action": "save"}
    assert accountant_client.post(url, fields).status_code == 302  # 5万元 received, nothing spent or carried
    response = accountant_client.post(f"{FINAL}transition/submit/", {"acknowledge_warnings": "on"}, follow=True)
    final.refresh_from_db()
    assert final.status == Status.DRAFT
    html = page(response)
    assert "改正后才能提交" in html
    balance = f'<a href="{FINAL}tables/1/" class="finding-link">表1“总计”行“决算数”列：本年收入5.00万元'
    assert balance in html  # the overview lists it, linked to the page it is typed on


def test_the_excel_page_of_a_final_opens_the_final(accountant_client, final, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        html = page(accountant_client.get(f"{FINAL}excel/"))
    assert f'href="{FINAL}excel/template.xlsx"' in html and f'href="{FINAL}download/xlsx/"' in html
    for url in (f"{FINAL}excel/template.xlsx", f"{FINAL}download/xlsx/"):  # the 决算's sheets, not the budget's
        workbook = openpyxl.load_workbook(io.BytesIO(accountant_client.get(url).content), read_only=True)
        assert "决算明细" in workbook.sheetnames and "决算其他" in workbook.sheetnames, url
    data = load(final)
    data.lines[0].personnel = Decimal("50000")
    data.final["closing_general_budget"] = Decimal("30000")
    workbook = export_bytes_of(data)
    response = accountant_client.post(f"{FINAL}excel/", {"file": workbook})
    assert response.status_code == 302 and response["Location"].startswith(f"{FINAL}excel/preview/")
    preview = page(accountant_client.get(response["Location"]))
    assert "人员经费" in preview and "年末结转和结余" in preview


def export_bytes_of(data):
    """``data`` as the workbook of a linked 决算, as an upload."""
    return SimpleUploadedFile("final.xlsx", workbook_bytes(data, code_book(data.year), linked=True))


def test_the_diff_lists_changes_in_the_fields_only_a_final_has(final):
    before = load(final)
    after = load(final)
    after.lines[0].closing_balance = Decimal("10000")
    after.three_public[0].vehicles_held = 4
    after.final["procurement_sme"] = Decimal("20000")
    changes = {
        (section.title, field.label, field.after)
        for section in compare(before, after, code_book(2025))
        for row in section.changed + section.added
        for field in row.fields
    }
    labels = {(label, after) for _title, label, after in changes}
    assert ("年末结转和结余", "1.00") in labels
    assert ("公务用车保有量（辆）", "4") in labels
    assert any(title == "决算其他" and after == "2.00" for title, _label, after in changes)


def test_the_reviewers_list_of_finals_opens_the_finals_pages(reviewer_client, final):
    html = page(reviewer_client.get("/workspace/review/2025/?kind=final"))
    assert f'href="{FINAL}"' in html and f'href="{FINAL}history/"' in html
    assert f'action="{FINAL}approval-date/"' in html
    response = reviewer_client.post(f"{FINAL}approval-date/", {"budget_approved_on": "2026-05-02"})
    final.refresh_from_db()
    assert response.status_code == 302 and str(final.budget_approved_on) == "2026-05-02"
    budgets = page(reviewer_client.get("/workspace/review/2025/"))
    assert f'href="{BUDGET}"' in budgets and f'href="{FINAL}"' not in budgets


def test_a_final_is_not_started_without_an_approved_budget_nor_by_another_unit(
    accountant_client, seed_disclosure, client, other_accountant
):
    assert f"{FINAL}start/" not in page(accountant_client.get("/workspace/units/309002/"))  # the budget is a draft
    response = accountant_client.post(f"{FINAL}start/", follow=True)
    assert "没有已公开或已审核的预算" in page(response)
    assert not Disclosure.objects.filter(kind=Kind.FINAL).exists()
    client.force_login(other_accountant)
    assert client.post(f"{FINAL}start/").status_code == 404
    assert client.get(FINAL).status_code == 404


def test_a_line_budgeted_and_not_spent_is_no_empty_line(final, book):
    from disclosures.checks import run_checks

    data = load(final)
    assert data.lines[1].budget_initial and not data.lines[1].total
    assert not [finding for finding in run_checks(data, book, None) if finding.code == "line.empty"]
    data.lines[1].budget_initial = Decimal(0)
    assert [finding.field for finding in run_checks(data, book, None) if finding.field == "lines[1]"]


def test_a_finding_on_the_finals_lines_links_to_the_page_they_are_typed_on(final):
    from disclosures.checks import Finding
    from disclosures.views.hub import finding_url

    finding = Finding("warning", "x", "expenditure", "", "", "", "lines[1]")
    assert finding_url(final, finding).startswith(f"{FINAL}tables/{LINES_PAGE}/#")


def test_the_explanations_page_of_a_final_saves_the_reason_for_a_gap_against_the_budget(accountant_client, final):
    from disclosures.models import Explanation
    from tests.form_fields import form_with

    url = f"{FINAL}explanations/"
    box = "change-budget_gap.general_budget"
    fields = form_with(page(accountant_client.get(url)), box)
    response = accountant_client.post(url, {**fields, box: "年中调减项目支出。"})
    assert response.status_code == 302 and response["Location"] == url
    assert Explanation.objects.get(disclosure=final, key="budget_gap.general_budget").text == "年中调减项目支出。"
