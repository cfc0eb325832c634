"""The public report's 12 tables read as in the standalone document: the tables keep their width and scroll
inside their own box (which the keyboard reaches), and the page itself never scrolls sideways."""

import pytest
from django.core.cache import cache

from disclosures.rendering.export import export_html
from tests.axe_support import DESKTOP, PHONE, new_page
from tests.browser_support import page_scroll_width, requires_chromium
from tests.test_public_support import publish

pytestmark = requires_chromium

TABLE_HEIGHTS = """() => Object.fromEntries([...document.querySelectorAll('table.doc-table')].map(
    table => [table.closest('section').id, Math.round(table.getBoundingClientRect().height)]))"""


@pytest.fixture
def report(transactional_db, settings, tmp_path, seed_disclosure):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    disclosure = publish(seed_disclosure)
    standalone = tmp_path / "standalone.html"
    standalone.write_bytes(export_html(disclosure))
    return standalone


def test_no_table_is_taller_than_in_the_standalone_document(live_server, report, browser):
    page = new_page(browser, DESKTOP)
    page.goto(report.as_uri())
    standalone = page.evaluate(TABLE_HEIGHTS)
    page.goto(f"{live_server.url}/2025/309002/")
    public = page.evaluate(TABLE_HEIGHTS)

    assert len(public) == 12
    taller = {table: (height, standalone[table]) for table, height in public.items() if height > standalone[table] + 2}
    assert taller == {}, "public height, standalone height"
    assert page_scroll_width(page) <= DESKTOP["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_report_never_scrolls_sideways_and_its_tables_scroll_in_their_box(live_server, report, browser, viewport):
    page = new_page(browser, viewport)
    page.goto(f"{live_server.url}/2025/309002/")
    assert page_scroll_width(page) <= viewport["width"]

    # Table 3's header is 14 columns: it keeps its width (no header a character per line) and its box scrolls.
    box = page.locator("#table-3 .doc-table-scroll")
    header_height = page.locator("#table-3 thead").evaluate("head => head.getBoundingClientRect().height")
    assert header_height < 150
    if viewport is PHONE:
        assert box.evaluate("box => box.scrollWidth > box.clientWidth")
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('#table-3 .doc-table-scroll').scrollLeft > 0")
    assert box.get_attribute("tabindex") == "0"


LINES_OF = "nodes => nodes.map(node => [node.textContent.trim(), node.getClientRects().length])"


@pytest.mark.parametrize("path", ["/", "/2025/departments/309/"], ids=["home", "department"])
def test_on_a_phone_the_home_and_the_department_page_keep_names_readable(live_server, report, browser, path):
    page = new_page(browser, PHONE)
    page.goto(f"{live_server.url}{path}")
    assert page_scroll_width(page) <= PHONE["width"]
    names = page.locator("table th[scope=row] a, table th[scope=row]:not(:has(a))").evaluate_all(LINES_OF)
    assert names, "the page lists units"
    squeezed = {name: lines for name, lines in names if lines > 2}
    assert squeezed == {}, "a unit's name runs onto more than 2 lines"
    one_line = page.locator(".public-units time, .public-units .public-state, table thead th").evaluate_all(LINES_OF)
    assert {text: lines for text, lines in one_line if lines > 1} == {}


def test_the_home_intro_is_one_weight_digits_and_words_alike(live_server, report, browser):
    page = new_page(browser, PHONE)
    page.goto(live_server.url + "/")
    lead = page.locator(".public-lead")
    assert "20日" in lead.inner_text()
    assert lead.evaluate("node => getComputedStyle(node).fontWeight") == "400"  # .lead's 300 has no CJK face
