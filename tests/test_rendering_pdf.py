"""The whole document as a PDF (WeasyPrint): what a reader sees in it, page by page."""

import io
import re

import pdfplumber
import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from catalogs.services import load_starter_catalogs
from disclosures.choices import Status
from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.rendering.export import export_pdf
from disclosures.services import import_disclosure
from tests.conftest import SEED_002
from tests.tables import LIUZHOU as TABLES


@pytest.fixture(scope="module")
def seed_pdf_bytes(django_db_setup, django_db_blocker) -> bytes:
    """Seed 002's draft rendered once for the module (the import is rolled back afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_starter_catalogs()
        disclosure = import_disclosure(data=parse(SEED_002.read_bytes()))
        content = export_pdf(Disclosure.objects.select_related("unit__department").get(pk=disclosure.pk))
        transaction.set_rollback(True)
    return content


@pytest.fixture(scope="module")
def seed_pdf(seed_pdf_bytes) -> PdfReader:
    return PdfReader(io.BytesIO(seed_pdf_bytes))


@pytest.fixture(scope="module")
def page_lines(seed_pdf_bytes) -> list[list[str]]:
    """Each page's lines as pdfplumber groups the words by their position, without whitespace: a cell's text
    that wraps continues on a later line."""
    with pdfplumber.open(io.BytesIO(seed_pdf_bytes)) as pdf:
        return [[re.sub(r"\s+", "", line["text"]) for line in page.extract_text_lines()] for page in pdf.pages]


@pytest.fixture(scope="module")
def page_texts(seed_pdf) -> list[str]:
    """Each page's text without whitespace: extraction breaks lines inside words wherever a cell wraps."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in seed_pdf.pages]


def first_page_with(texts: list[str], needle: str, start: int = 0) -> int:
    """0-based index of the first page at or after ``start`` whose text contains ``needle``."""
    return next(index for index in range(start, len(texts)) if needle in texts[index])


def attachment_start(texts: list[str]) -> int:
    toc = first_page_with(texts, "目录")
    return first_page_with(texts, "第五部分附件", toc + 1)


def test_pdf_opens_with_cover_contents_parts_and_tables(seed_pdf, page_texts):
    assert len(seed_pdf.pages) >= 2 + 4 + 12
    assert "309002柳州市信息化建设管理中心" in page_texts[0] and "2025年单位预算公开" in page_texts[0]
    assert "目录" in page_texts[1]
    whole = " ".join(page_texts)
    for part in ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分附件"):
        assert part in whole
    assert seed_pdf.metadata.title.startswith("309002柳州市信息化建设管理中心2025年单位预算公开说明")


def test_pdf_text_carries_narrative_and_table_figures(page_texts):
    whole = " ".join(page_texts)
    assert "内设6个科室" in whole  # 第一部分: the unit's organisation
    assert "同比增长9.25%" in whole  # 第二部分: composed from this and last year's figures
    for spec in TABLES:
        assert spec.code in whole and str(spec.title) in whole
    table_1 = page_texts[first_page_with(page_texts, "预算公开01表", attachment_start(page_texts))]
    assert "981.89" in table_1 and "单位：万元" in table_1 and "单位名称：309002柳州市信息化建设管理中心" in table_1


def test_wide_tables_are_on_landscape_pages(seed_pdf, page_texts):
    start = attachment_start(page_texts)

    def is_landscape(index: int) -> bool:
        box = seed_pdf.pages[index].mediabox
        return box.width > box.height

    for spec in TABLES:
        index = first_page_with(page_texts, spec.code, start)
        assert is_landscape(index) == (spec.number in (2, 7, 10, 12)), spec.code
    assert not is_landscape(0)


def test_attachments_heading_shares_the_page_of_the_first_table(page_texts):
    start = attachment_start(page_texts)
    assert page_texts[start].startswith("第五部分附件")
    assert f"{TABLES.by_number(1).code}{TABLES.by_number(1).title}" in page_texts[start]


@pytest.mark.parametrize("number", [2, 7])
def test_names_of_tables_2_and_7_are_not_squeezed(page_lines, page_texts, number):
    """Every 部门（单位）名称 of the table on one line of the page, and its code column's header on at most two."""
    page = page_lines[first_page_with(page_texts, TABLES.by_number(number).code, attachment_start(page_texts))]
    lines = [line for line in page if not line.startswith("单位名称：")]  # the caption names the unit too
    for name in ("柳州市大数据发展局", "柳州市信息化建设管理中心"):
        assert any(name in line for line in lines), name
    header_lines = [line for line in lines if any(part in line for part in ("部门（单", "位）代码", "代码"))]
    assert any("部门（单" in line for line in header_lines) and any("位）代码" in line for line in header_lines)


def test_table_header_repeats_on_every_page_of_a_long_table(seed_pdf, page_texts):
    start = first_page_with(page_texts, "预算公开12表", attachment_start(page_texts))
    pages = page_texts[start:]
    assert len(pages) >= 2  # seed 002's eight projects do not fit on one landscape page
    for text in pages:
        assert "序号" in text and "年度绩效目标" in text and "可持续效益指标" in text


def test_contents_give_the_page_of_each_table(page_texts):
    contents = page_texts[first_page_with(page_texts, "目录")]
    start = attachment_start(page_texts)
    for spec in TABLES:
        match = re.search(rf"{spec.code}{spec.title}\.+(\d+)", contents)
        assert match, spec.code
        assert int(match.group(1)) == first_page_with(page_texts, spec.code, start) + 1


def test_pages_are_numbered_in_the_footer_except_the_cover(seed_pdf, page_texts):
    count = len(seed_pdf.pages)
    assert "页，共" not in page_texts[0]
    for number, text in enumerate(page_texts[1:], start=2):
        assert f"第{number}页，共{count}页" in text


def test_only_embedded_cjk_fonts_are_used(seed_pdf):
    fonts = {}
    for page in seed_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert "CJK" in name, name
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_draft_pdf_is_marked_and_published_pdf_is_not(page_texts, seed_disclosure):
    assert all("草稿" in text for text in page_texts)
    seed_disclosure.status = Status.PUBLISHED
    published = PdfReader(io.BytesIO(export_pdf(seed_disclosure)))
    assert not any("草稿" in page.extract_text() for page in published.pages)
    assert "2025年单位预算公开" in published.pages[0].extract_text()


def test_preview_pdf_for_the_unit_and_404_for_another_unit(client, accountant, other_accountant, seed_disclosure):
    url = reverse("disclosures:preview_pdf", args=["309002", 2025])
    client.force_login(other_accountant)
    assert client.get(url).status_code == 404
    client.force_login(accountant)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert "草稿" in reader.pages[0].extract_text()


def test_export_command_writes_pdf(seed_disclosure, tmp_path):
    output = tmp_path / "309002-2025.pdf"
    call_command(
        "export_disclosure", "309002", "2025", "--format", "pdf", "--output", str(output), stderr=io.StringIO()
    )
    reader = PdfReader(output)
    assert len(reader.pages) >= 18
    assert "预算公开01表" in " ".join(page.extract_text() for page in reader.pages)


def test_bench_render_reports_each_step(seed_disclosure):
    out = io.StringIO()
    call_command("bench_render", "--unit", "309002", "--year", "2025", "--runs", "1", stdout=out)
    report = out.getvalue()
    for step in ("snapshot load", "narrative compose", "HTML render", "PDF render"):
        assert re.search(rf"{step}.* ms", report), step
    assert re.search(r"PDF size [\d,]+ bytes", report)
    assert re.search(r"goal: PDF under +1500.0 ms: (met|NOT met)", report)


def test_preview_pdf_is_rendered_once_per_state_of_the_content(client, accountant, seed_disclosure, monkeypatch):
    from django.core.cache import cache

    from disclosures.models import ExpenditureLine
    from disclosures.rendering import preview_cache

    cache.clear()
    renders = []
    monkeypatch.setattr(preview_cache, "export_pdf", lambda disclosure, draft: renders.append(draft) or b"%PDF-1.7")
    client.force_login(accountant)
    url = reverse("disclosures:preview_pdf", args=["309002", 2025])
    assert client.get(url).content == client.get(url).content == b"%PDF-1.7"
    assert renders == [True]

    line = ExpenditureLine.objects.filter(disclosure=seed_disclosure).first()
    line.purpose = "改过的用途"
    line.save()
    client.get(url)
    Disclosure.objects.get(pk=seed_disclosure.pk).save()  # the unit's own texts live on the disclosure row
    client.get(url)
    assert renders == [True, True, True]


@pytest.mark.parametrize("enabled", [True, False])
def test_pdf_render_leaves_the_garbage_collector_as_it_found_it(enabled, monkeypatch):
    import gc

    from disclosures.rendering import export

    seen = []
    monkeypatch.setattr(export, "HTML", lambda **kwargs: seen.append(gc.isenabled()) or _Fails())
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError):
            export.pdf_from_html("<p>x</p>")
        assert seen == [False] and gc.isenabled() is enabled  # off while WeasyPrint runs, restored after
    finally:
        gc.enable()


class _Fails:
    def write_pdf(self, **options):
        raise RuntimeError("layout failed")


def test_pdf_renders_of_one_thread_share_its_fonts_and_threads_do_not(monkeypatch):
    import threading

    from disclosures.rendering import export

    configurations = []

    class _Records:
        def write_pdf(self, *, font_config, **options):
            configurations.append(font_config)
            return b"%PDF"

    monkeypatch.setattr(export, "HTML", lambda **kwargs: _Records())
    export.pdf_from_html("<p>x</p>")
    export.pdf_from_html("<p>y</p>")
    other_thread = threading.Thread(target=export.pdf_from_html, args=("<p>z</p>",))
    other_thread.start()
    other_thread.join()
    first, second, from_other_thread = configurations
    assert first is second  # the fonts are found and loaded once per thread
    assert from_other_thread is not first  # a Pango font map is not shared between threads


def test_a_pdf_rendered_with_the_thread_s_loaded_fonts_is_the_same_as_the_first():
    from disclosures.rendering.export import pdf_from_html

    html = (
        '<html lang="zh-CN"><body><p style="font-family: \'Noto Serif CJK SC\'">'
        "柳州市信息化建设管理中心 981.89</p></body></html>"
    )
    first, again = pdf_from_html(html), pdf_from_html(html)
    assert first == again
