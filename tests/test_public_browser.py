"""A citizen's visit in a real browser (Playwright driving Debian's chromium, headless).

Home → search for the unit → open its report → follow a 目录 link → download the PDF; the report is
also checked on a phone-sized screen, where wide tables scroll inside their box and the page does not.
Screenshots are saved under test-artifacts/.
"""

from pathlib import Path

import pytest
from django.core.cache import cache

from tests.browser_support import page_scroll_width, requires_chromium
from tests.test_public_support import PDF_BYTES, publish

pytestmark = requires_chromium


@pytest.fixture
def published_report(transactional_db, settings, tmp_path, seed_disclosure):
    """Everything is in the database before the browser starts: Playwright's loop makes the ORM unusable here."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return publish(seed_disclosure)


def test_a_citizen_finds_reads_and_downloads_a_report(live_server, published_report, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)

    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "2025年单位预算公开"
    page.get_by_label("搜索单位或部门（名称或代码）").fill("信息化")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/**")
    page.get_by_role("link", name="柳州市信息化建设管理中心").click()
    page.wait_for_url("**/2025/309002/")

    assert "柳州市信息化建设管理中心2025年单位预算公开" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("svg.chart-svg").count() == 4
    page.screenshot(path=str(artifacts / "public-report.png"), full_page=True)

    page.locator("nav.doc-toc").get_by_role("link", name="预算公开10表 政府采购预算表").click()
    page.wait_for_url("**/2025/309002/#table-10")
    # Bootstrap scrolls smoothly: wait until the table has arrived at the top of the window.
    page.wait_for_function("() => Math.abs(document.getElementById('table-10').getBoundingClientRect().top) < 5")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF 全文").click()
    download = download_info.value
    assert download.suggested_filename == "309002-2025-budget.pdf"
    assert Path(download.path()).read_bytes() == PDF_BYTES


def test_the_report_reads_on_a_phone(live_server, published_report, browser, artifacts):
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)

    phone.goto(f"{live_server.url}/2025/309002/")

    assert page_scroll_width(phone) <= 390, "the page itself must not scroll sideways"
    wide_table = phone.locator("#table-10 .doc-table-scroll")
    assert wide_table.evaluate("box => box.scrollWidth > box.clientWidth"), "wide tables scroll inside their box"
    chart = phone.locator("#chart-function svg").bounding_box()
    assert chart is not None and 300 <= chart["width"] <= 390
    phone.screenshot(path=str(artifacts / "public-report-phone.png"), full_page=True)
