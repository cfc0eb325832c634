"""The whole document as HTML: the workspace preview, the standalone export and the tables' markup."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.choices import Status
from disclosures.models import Disclosure
from disclosures.rendering import document_context
from disclosures.rendering.document import table_view
from disclosures.rendering.export import export_html
from disclosures.snapshot import code_book, load, replace_content
from disclosures.tables.builders import build_table
from disclosures.tables.declaration import ROUNDING_NOTE
from tests.tables import LIUZHOU as TABLES

# Session, user, disclosure; snapshot.load (12); the year's catalog; last year's published version.
PREVIEW_QUERY_BUDGET = 17
# Loading last year's published content when the portal has it: snapshot.load once more.
PREVIOUS_YEAR_QUERIES = 12


def preview_url(disclosure: Disclosure) -> str:
    return reverse("disclosures:preview", args=[disclosure.unit.code, disclosure.year])


def text_of(html: str) -> str:
    """The page's text as a reader sees it: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def preview(accountant_client, seed_disclosure) -> str:
    response = accountant_client.get(preview_url(seed_disclosure))
    assert response.status_code == 200
    return response.content.decode()


def test_preview_shows_the_whole_draft_document_to_the_units_accountant(preview):
    text = text_of(preview)
    assert "草稿" in text and 'class="doc-draft-mark"' in preview
    assert "309002柳州市信息化建设管理中心" in text and "2025年单位预算公开" in text
    assert "目录" in text
    for part in ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分 附件"):
        assert part in text
    for spec in TABLES:
        assert spec.code in text and str(spec.title) in text
    assert "单位：万元" in text
    assert str(ROUNDING_NOTE) in text


def test_preview_contents_link_to_every_part_section_and_table(preview):
    toc = preview[preview.index('class="doc-toc"') : preview.index("</nav>", preview.index('class="doc-toc"'))]
    links = re.findall(r'href="#([^"]+)"', toc)
    assert len(links) == len(set(links)) > 12 + 5
    for anchor in links:
        assert f'id="{anchor}"' in preview, anchor
    for spec in TABLES:
        assert spec.anchor in links


def test_preview_carries_the_narrative(preview):
    text = text_of(preview)
    assert "主要职责" in text and "机构设置情况" in text
    assert "内设6个科室" in text  # the unit's organisation (第一部分)
    assert "同比增长9.25%" in text  # composed from this year's and last year's figures (第二部分)


def test_preview_tables_show_seed_figures_with_accessible_headers(preview):
    assert preview.count("<table") == 12
    assert preview.count("<caption>") == 12
    assert '<th scope="col"' in preview and '<th scope="colgroup"' in preview and '<th scope="row"' in preview
    text = text_of(preview)
    for figure in ("981.89", "618.42", "363.47", "254.16", "2.1587万元", "0.93"):
        assert figure in text
    assert "注：本单位2025年没有政府性基金预算支出，故本表无数据。" in text
    assert "注：本单位2025年没有政府购买服务预算支出，故本表无数据。" in text


def test_group_headers_span_their_columns_with_the_right_scope(preview):
    table_10 = preview[preview.index('id="table-10"') : preview.index('id="table-11"')]
    assert table_10.count("<colgroup>") == 6  # one per top-level column
    assert '<th scope="colgroup" colspan="7">政府采购资金类型</th>' in table_10
    assert '<th scope="colgroup" colspan="9">政府采购项目类型</th>' in table_10
    assert '<th scope="col" colspan="4">集中采购</th>' in table_10
    assert '<th scope="col" rowspan="3">科目编码</th>' in table_10


def test_reviewer_sees_the_preview(reviewer_client, seed_disclosure):
    response = reviewer_client.get(preview_url(seed_disclosure))
    assert response.status_code == 200
    assert "预算公开12表" in response.content.decode()


def test_another_units_accountant_gets_404(client, other_accountant, seed_disclosure):
    client.force_login(other_accountant)
    assert client.get(preview_url(seed_disclosure)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, seed_disclosure):
    response = client.get(preview_url(seed_disclosure))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_published_disclosure_is_not_marked_draft(accountant_client, seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED)
    html = accountant_client.get(preview_url(seed_disclosure)).content.decode()
    assert "doc-draft-mark" not in html
    assert "本页是预览" not in html


def test_preview_query_count_is_bounded(accountant_client, seed_disclosure, django_assert_max_num_queries):
    with django_assert_max_num_queries(PREVIEW_QUERY_BUDGET):
        assert accountant_client.get(preview_url(seed_disclosure)).status_code == 200


def test_preview_with_last_years_published_version_stays_bounded(
    accountant_client, seed_disclosure, django_assert_max_num_queries
):
    Disclosure.objects.create(layout="liuzhou-2025", unit=seed_disclosure.unit, year=2024, status=Status.PUBLISHED)
    with django_assert_max_num_queries(PREVIEW_QUERY_BUDGET + PREVIOUS_YEAR_QUERIES):
        assert accountant_client.get(preview_url(seed_disclosure)).status_code == 200


def test_document_context_queries_do_not_grow_with_the_data(seed_disclosure):
    def queries() -> int:
        disclosure = Disclosure.objects.select_related("unit__department").get(pk=seed_disclosure.pk)
        with CaptureQueriesContext(connection) as captured:
            document_context(disclosure, draft=True)
        return len(captured)

    seed = queries()
    data = load(seed_disclosure)
    data.targets, data.procurement = data.targets * 3, data.procurement * 3
    replace_content(seed_disclosure, data)
    assert queries() == seed


def test_multi_level_headers_keep_the_declared_spans(seed_disclosure):
    data, book = load(seed_disclosure), code_book(2025)
    view = table_view(build_table(TABLES.by_number(7), data, book))
    top = {cell.label: (cell.colspan, cell.rowspan) for cell in view.header_rows[0]}
    assert top["“三公”经费"] == (6, 1)
    assert top["部门（单位）代码"] == (1, 3)
    assert top["培训费"] == (3, 1)
    assert len(view.header_rows) == 3
    assert all(len(row.cells) == len(view.spec.leaves) == 13 for row in view.rows)


def test_rows_are_named_by_their_project_or_name(seed_disclosure):
    data, book = load(seed_disclosure), code_book(2025)
    procurement = table_view(build_table(TABLES.by_number(10), data, book))
    headers = [[cell.text for cell in row.cells if cell.is_row_header] for row in procurement.rows]
    assert headers[0] == ["合计"] and headers[2] == ["柳州市信息化建设管理中心"]
    assert headers[3] == ["办公用设备购置"]
    side_by_side = table_view(build_table(TABLES.by_number(1), data, book))
    assert [cell.key for cell in side_by_side.rows[0].cells if cell.is_row_header] == [
        "income_item",
        "expenditure_item",
    ]


def test_table_7_names_its_subtotal_by_fund(seed_disclosure):
    data, book = load(seed_disclosure), code_book(2025)
    view = table_view(build_table(TABLES.by_number(7), data, book))
    by_fund = [row for row in view.rows if row.kind == "group"]
    assert by_fund, "seed 002 reports its 三公 figures under one 资金性质"
    for row in by_fund:
        texts = {cell.key: cell.text for cell in row.cells}
        assert texts["name"] == f"其中：{texts['fund']}" == "其中：一般公共预算资金"
        assert [cell.text for cell in row.cells if cell.is_row_header] == ["其中：一般公共预算资金"]


def test_table_12_numbers_the_projects_only(seed_disclosure):
    data, book = load(seed_disclosure), code_book(2025)
    view = table_view(build_table(TABLES.by_number(12), data, book))
    numbers = {row.kind: [] for row in view.rows}
    for row in view.rows:
        numbers[row.kind].append(next(cell.text for cell in row.cells if cell.key == "seq"))
    assert numbers["total"] == numbers["department"] == [""]
    assert numbers["unit"] == [str(n) for n in range(1, 9)]  # the narrative's 项目8个


def test_rounding_note_is_printed_once_for_the_set(preview):
    assert preview.count(str(ROUNDING_NOTE)) == 1


def test_standalone_html_needs_no_other_file(seed_disclosure):
    html = export_html(seed_disclosure).decode()
    assert html.startswith("<!doctype html>") and '<html lang="zh-Hans">' in html
    assert "<link" not in html and "src=" not in html
    assert "@page" in html and ".doc-table" in html  # both stylesheets inline
    assert "预算公开12表" in html and "981.89" in html
    assert "草稿" in html


@pytest.mark.parametrize("status", [Status.APPROVED, Status.PUBLISHED])
def test_exported_html_of_final_content_has_no_draft_mark(seed_disclosure, status):
    """Publishing renders the files while the disclosure is still approved: they must come out unmarked."""
    seed_disclosure.status = status
    html = export_html(seed_disclosure).decode()
    assert 'class="doc-draft-mark"' not in html and "（草稿）" not in html


def test_preview_of_approved_disclosure_is_still_marked_draft(accountant_client, seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)
    html = accountant_client.get(preview_url(seed_disclosure)).content.decode()
    assert "doc-draft-mark" in html and "本页是预览" in html


def test_export_command_writes_html(seed_disclosure, tmp_path):
    output = tmp_path / "309002-2025.html"
    call_command(
        "export_disclosure", "309002", "2025", "--format", "html", "--output", str(output), stderr=io.StringIO()
    )
    html = output.read_text(encoding="utf-8")
    assert "柳州市信息化建设管理中心" in html and "预算公开01表" in html and "981.89" in html
