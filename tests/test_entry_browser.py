"""The entry pages in a real browser (Playwright driving Debian's chromium, headless), as an accountant types.

Live totals, the code picker by mouse and keyboard, full-width digits, pasting a block copied from the
grid, two people saving one table (two browser contexts), and pages that never scroll sideways.
Screenshots are saved under test-artifacts/.
"""

from decimal import Decimal

import pytest

from tests.browser_support import logged_in_page, page_scroll_width, requires_chromium, session_cookie
from tests.factories import UserFactory

pytestmark = requires_chromium

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def cookies(live_server, transactional_db, seed_disclosure, accountant):
    """Two colleagues of unit 309002, logged in; everything is in the database before the browser starts."""
    colleague = UserFactory(username="dora", member_of=[seed_disclosure.unit])
    return session_cookie(live_server, accountant), session_cookie(live_server, colleague)


def table_url(live_server, number: int) -> str:
    return f"{live_server.url}/workspace/units/309002/2025/tables/{number}/"


def open_table(browser, cookie, live_server, number: int, viewport=DESKTOP):
    page = logged_in_page(browser, cookie, viewport=viewport)
    page.goto(table_url(live_server, number))
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_entry_pages_never_scroll_sideways(live_server, cookies, browser, artifacts, viewport):
    page = logged_in_page(browser, cookies[0], viewport=viewport)
    for number in range(1, 13):
        page.goto(table_url(live_server, number))
        width = page_scroll_width(page)
        assert width <= viewport["width"], f"table {number} makes the page {width}px wide at {viewport['width']}"
    page.goto(table_url(live_server, 10))
    wide = page.locator(".entry-grid-wrap .table-responsive").first
    assert wide.evaluate("box => box.scrollWidth > box.clientWidth"), "the wide grid scrolls inside its box"
    page.screenshot(path=str(artifacts / f"entry-table-10-{viewport['width']}.png"), full_page=True)


def test_totals_follow_typing(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 7)
    total = page.locator('td[data-total="meeting"]')
    before = total.inner_text()
    page.fill("#id_three_public-0-meeting", "1.25")
    assert total.inner_text() == "1.25" != before
    page.select_option(".js-entry-unit", "元")
    assert page.input_value("#id_three_public-0-meeting") == "12500.00"
    assert total.inner_text() == "12500.00"


def test_full_width_digits_count_as_the_server_reads_them(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 7)
    cell = page.locator("#id_three_public-0-meeting")
    cell.fill("１２")
    assert "is-invalid" not in (cell.get_attribute("class") or "")
    assert page.locator('td[data-total="meeting"]').inner_text() == "12.00"
    cell.fill("-5")
    assert "is-invalid" in cell.get_attribute("class")
    # the red mark leaves the value readable: no icon drawn over a right-aligned amount
    assert cell.evaluate("input => getComputedStyle(input).backgroundImage") == "none"
    cell.fill("１２")
    page.get_by_role("button", name="保存").first.click()
    page.wait_for_url("**/tables/7/")
    assert page.input_value("#id_three_public-0-meeting") == "12.00"


def _add_row_with_code(page):
    page.get_by_role("button", name="添加一行").click()
    code = page.locator("tr.js-row").last.locator(".js-code")
    code.press_sequentially("2080505")
    page.wait_for_selector("#code-picker-menu.show [data-index]")
    return code


def test_the_code_picker_by_mouse(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 3)
    code = _add_row_with_code(page)
    page.locator("#code-picker-menu [data-index]").first.click()
    assert code.input_value() == "2080505"
    assert "机关事业单位基本养老保险缴费支出" in page.locator("tr.js-row").last.locator(".code-name").inner_text()


def test_the_code_picker_by_keyboard(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 3)
    code = page.locator("tr.js-row").first.locator(".js-code")
    code.fill("")
    code.press_sequentially("养老保险")
    page.wait_for_selector("#code-picker-menu.show [data-index]")
    assert code.get_attribute("aria-expanded") == "true"
    code.press("ArrowDown")
    chosen = page.locator("#code-picker-menu .dropdown-item.active strong").inner_text()
    code.press("Enter")
    assert code.input_value() == chosen
    assert not page.locator("#code-picker-menu.show").count()
    assert page.url.endswith("/tables/3/"), "Enter picks the code and does not send the form"


def test_two_people_saving_one_table_see_the_conflict(live_server, cookies, browser, artifacts):
    first = open_table(browser, cookies[0], live_server, 3)
    second = open_table(browser, cookies[1], live_server, 3)
    first.fill("#id_lines-0-purpose", "甲保存的用途")
    first.get_by_role("button", name="保存").first.click()
    first.wait_for_selector(".alert-success")

    second.fill("#id_lines-0-purpose", "乙输入的用途")
    second.get_by_role("button", name="保存").first.click()
    conflict = second.locator("#entry-conflict")
    conflict.wait_for()
    assert "保存冲突" in conflict.inner_text() and "需要改正" not in second.content()
    assert conflict.locator(".conflict-theirs").first.inner_text() == "甲保存的用途"
    assert conflict.locator(".conflict-mine").first.inner_text() == "乙输入的用途"
    assert second.input_value("#id_lines-0-purpose") == "乙输入的用途", "B's input stays on the page"
    second.screenshot(path=str(artifacts / "entry-conflict.png"), full_page=True)

    second.get_by_role("button", name="保存").first.click()  # saving the ordinary way again: still a conflict
    second.locator("#entry-conflict").wait_for()
    second.get_by_role("button", name="确认用我的值覆盖").click()
    second.wait_for_selector(".alert-success")
    assert second.input_value("#id_lines-0-purpose") == "乙输入的用途"

    first.reload()
    assert first.input_value("#id_lines-0-purpose") == "乙输入的用途"


PASTE = """(text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const cell = document.activeElement;
    cell.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _grid_header(page) -> list[str]:
    """The grid's header as copying it gives it: one line per header row, a tab between titles."""
    return page.eval_on_selector_all(
        ".entry-grid thead tr", "rows => rows.map(row => [...row.cells].map(cell => cell.innerText.trim()).join('\\t'))"
    )


def test_pasting_a_block_copied_from_the_grid(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 3)
    rows = page.locator("tr.js-row").count()
    row = "\t".join(["9", "2013899", "其他一般公共服务支出", "政府性基金预算", "3.00", "1.00", "1.00", "0.00", "2.00",
                     "0.00", "粘贴的用途", "×"])  # fmt: skip
    page.locator("tr.js-row").first.locator(".js-code").focus()
    page.evaluate(PASTE, "\n".join([*_grid_header(page), row]))
    page.wait_for_selector("text=已从粘贴的内容读入1行")
    assert page.locator("tr.js-row").count() == rows + 1
    pasted = page.locator("tr.js-row").nth(rows)
    assert pasted.locator(".js-code").input_value() == "2013899"
    assert pasted.locator('[data-field="project"]').input_value() == "2.00"
    assert pasted.locator('[data-field="purpose"]').input_value() == "粘贴的用途"
    assert not page.locator(".alert-danger").count()

    # a block of values alone fills the grid from the focused cell, in the browser
    pasted.locator('[data-field="personnel"]').focus()
    page.evaluate(PASTE, "4\t5\n6\t7")
    assert pasted.locator('[data-field="public"]').input_value() == "5"
    assert page.locator("tr.js-row").nth(rows + 1).locator('[data-field="public"]').input_value() == "7"


def test_the_current_table_is_in_view_on_every_screen(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 12)
    strip = page.locator(".table-tabs").bounding_box()
    active = page.locator(".table-tabs .nav-link.active").bounding_box()
    assert strip["x"] <= active["x"] and active["x"] + active["width"] <= strip["x"] + strip["width"] + 1
    assert page.evaluate("() => window.scrollY") == 0, "the strip scrolls, not the page"

    phone = open_table(browser, cookies[0], live_server, 9, viewport=PHONE)
    assert not phone.locator(".table-tabs").is_visible()
    select = phone.get_by_label("转到报表")
    assert select.is_visible() and select.evaluate("s => s.options[s.selectedIndex].text").startswith("9 ")
    select.select_option(index=6)
    phone.wait_for_url("**/tables/7/")


def test_table_1_labels_keep_to_one_line(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 1)
    line_height = page.locator(".income-grid tbody tr.js-row th").first.evaluate(
        "th => parseFloat(getComputedStyle(th).lineHeight) || 20"
    )
    heights = page.eval_on_selector_all(".income-grid tbody th", "cells => cells.map(cell => cell.clientHeight)")
    assert max(heights) < 2 * line_height, "a label on two lines makes its row taller than two lines of text"
    assert page_scroll_width(page) <= DESKTOP["width"]


def test_the_keyboard_reaches_the_first_cell_quickly(live_server, cookies, browser):
    page = open_table(browser, cookies[0], live_server, 7)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "跳到主要内容"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "跳到填报表格"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('tr.js-row') !== null")
    assert page.evaluate("() => document.activeElement.matches('#entry-grid input, #entry-grid select')")


LINES_OF = "nodes => nodes.map(node => [node.textContent.trim(), node.getClientRects().length])"


def test_the_overview_keeps_table_names_readable_on_a_phone(live_server, cookies, browser, artifacts):
    page = logged_in_page(browser, cookies[0], viewport=PHONE)
    page.goto(f"{live_server.url}/workspace/units/309002/2025/")
    assert page_scroll_width(page) <= PHONE["width"]
    names = page.locator(".completion-table .completion-title a").evaluate_all(LINES_OF)
    assert len(names) == 12
    squeezed = {name: lines for name, lines in names if lines > 2}
    assert squeezed == {}, "a table's name runs onto more than 2 lines"
    # the code wraps as 预算公开 / 01表, not a character or two a line
    code_widths = page.locator(".completion-table .completion-code").evaluate_all(
        "cells => cells.map(cell => cell.clientWidth / parseFloat(getComputedStyle(cell).fontSize))"
    )
    assert min(code_widths) >= 4
    page.screenshot(path=str(artifacts / "overview-390.png"), full_page=True)


@pytest.fixture
def final_cookie(live_server, transactional_db, seed_disclosure, accountant, unit):
    """309002's 2025 决算, made from its approved budget (so its 年初预算 is the budget's, read-only)."""
    from disclosures.choices import Status
    from disclosures.final_accounts import create_from_budget
    from disclosures.models import Disclosure

    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)
    create_from_budget(unit=unit, year=2025)
    return session_cookie(live_server, accountant)


def test_a_finals_detail_grid_adds_up_as_typed_with_its_initial_budget_read_only(live_server, final_cookie, browser):
    page = logged_in_page(browser, final_cookie, viewport=DESKTOP)
    page.goto(f"{live_server.url}/workspace/units/309002/2025/final/tables/3/")
    assert page.locator("#id_lines-0-budget_initial").is_disabled()
    initial = page.input_value("#id_lines-0-budget_initial")
    page.fill("#id_lines-0-budget_adjusted", "1")
    full_year = page.locator('#lines-0 td[data-sum="budget_initial budget_adjusted"]').inner_text()
    assert Decimal(full_year) == Decimal(initial) + 1
    page.fill("#id_lines-0-personnel", "2")
    page.fill("#id_lines-0-project", "0.5")
    assert (
        page.locator('#lines-0 td[data-sum="personnel public project remittance operating subsidy"]').inner_text()
        == "2.50"
    )
    assert page_scroll_width(page) <= DESKTOP["width"]


def test_a_final_adds_and_removes_evaluated_projects_on_its_figures_page(live_server, final_cookie, browser):
    page = logged_in_page(browser, final_cookie, viewport=DESKTOP)
    page.goto(f"{live_server.url}/workspace/units/309002/2025/final/tables/1/")
    page.fill("#id_evaluations-0-project", "道路养护")
    page.fill("#id_evaluations-0-amount", "3")
    page.click(".evaluations .js-add-row")
    page.fill("#id_evaluations-1-project", "农村饮水安全工程")
    page.fill("#id_evaluations-1-amount", "12.5")
    page.fill("#id_evaluations-1-text", "项目按期完工。")
    page.click("#evaluations-0 .js-remove-row")
    page.click('button[name="action"][value="save"]')
    page.wait_for_load_state()
    # The page as saved (the browser's thread cannot read the database): the second project alone, renumbered.
    assert page.input_value("#id_evaluations-0-project") == "农村饮水安全工程"
    assert page.input_value("#id_evaluations-0-amount") == "12.50"
    assert page.input_value("#id_evaluations-0-text") == "项目按期完工。"
    assert page.locator("#id_evaluations-1-project").count() == 0
    assert page_scroll_width(page) <= DESKTOP["width"]
