"""The 12 table tabs: what an accountant and a reviewer see, what a save does, and what a bad value says."""

import json
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Fund, Status
from disclosures.forms.entry_editor import encode_rows
from disclosures.interchange import parse
from disclosures.models import Disclosure, ExpenditureLine, PerformanceIndicator
from disclosures.services import import_disclosure
from disclosures.snapshot import load
from tests.tables import LIUZHOU

URL = "/workspace/units/309002/2025/tables/{}/"
DERIVED = (2, 4, 5, 8, 9)


class EntryFormFields(HTMLParser):
    """The fields a browser sends from the page's entry form (new-row templates left out)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.in_form = False
        self.template_depth = 0
        self.textarea: list | None = None
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "js-entry-form" in (attrs.get("class") or ""):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.template_depth += 1
        if self.template_depth:
            return
        if tag == "input" and attrs.get("type", "text") not in ("submit", "button", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = {"name": attrs["name"], "value": None}
        elif tag == "option" and self.select is not None:
            if self.select["value"] is None or "selected" in attrs:
                self.select["value"] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template" and self.in_form:
            self.template_depth -= 1
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields[name] = text[1:] if text.startswith("\n") else text  # as a browser reads it
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.fields[self.select["name"]] = self.select["value"] or ""
            self.select = None
        elif tag == "form":
            self.in_form = False


def form_fields(response) -> dict[str, str]:
    parser = EntryFormFields()
    parser.feed(response.content.decode())
    return parser.fields


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def lines(seed_disclosure):
    return list(ExpenditureLine.objects.filter(disclosure=seed_disclosure).order_by("position"))


# ---- What the pages show ----------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 13))
def test_every_tab_renders_with_its_tabs_and_title(accountant_client, seed_disclosure, number):
    response = accountant_client.get(URL.format(number))
    assert response.status_code == 200
    html = page(response)
    assert f"预算公开{number:02d}表" in html
    for other in range(1, 13):
        assert URL.format(other) in html  # all 12 tabs, in order
    assert html.index(URL.format(2)) < html.index(URL.format(12))


def test_table_3_shows_seed_002_lines_and_totals(accountant_client, seed_disclosure):
    html = page(accountant_client.get(URL.format(3)))
    assert 'name="lines-TOTAL_FORMS" value="8"' in html
    assert 'value="2080505"' in html and "机关事业单位基本养老保险缴费支出" in html
    assert 'data-total="personnel public project">981.89<' in html  # 合计 of the grid
    assert 'data-total="project">363.47<' in html
    assert "机关单位退休人员补贴" in html  # 主要用于


def test_table_1_income_sits_in_the_published_layout_with_derived_expenditure(accountant_client, seed_disclosure):
    html = page(accountant_client.get(URL.format(1)))
    assert 'name="income-general_budget_local" value="981.89"' in html
    assert "十四、资源勘探工业信息等支出" in html and "793.26" in html  # derived from table 3
    assert 'name="income-carryover_unit_funds"' in html
    assert "收入总计" in html and "支出总计" in html


@pytest.mark.parametrize("number", DERIVED)
def test_derived_tabs_are_read_only_with_their_source_note(accountant_client, seed_disclosure, number):
    html = page(accountant_client.get(URL.format(number)))
    assert str(LIUZHOU.by_number(number).source_note) in html
    assert "js-entry-form" not in html and "<input" not in html.split("published-table-wrap")[1]
    assert "数据来源（自动生成，不需填报）" in html


def test_derived_tabs_show_seed_002_figures_and_empty_notes(accountant_client, seed_disclosure):
    assert "981.89" in page(accountant_client.get(URL.format(2)))
    table_5 = page(accountant_client.get(URL.format(5)))
    assert "2150599" in table_5 and "363.47" in table_5
    assert "注：本单位2025年没有政府性基金预算支出，故本表无数据。" in page(accountant_client.get(URL.format(8)))
    assert "注：本单位2025年没有国有资本经营预算支出，故本表无数据。" in page(accountant_client.get(URL.format(9)))


def test_tabs_show_completion_and_findings_counts(accountant_client, seed_disclosure):
    html = page(accountant_client.get(URL.format(6)))
    assert 'title="已填行数">28<' in html  # table 6 has 28 rows
    assert 'title="未填写">0<' in html  # table 11 is empty in seed 002
    assert 'title="警告">1<' in html  # e.g. table 10's unexplained change


def test_table_12_shows_structured_indicators(accountant_client, seed_disclosure):
    html = page(accountant_client.get(URL.format(12)))
    assert 'name="targets-0-indicators-0-name" value="碎纸机"' in html
    assert 'name="targets-0-indicators-TOTAL_FORMS" value="10"' in html
    assert "targets-__prefix__-indicators-__item__-name" in html  # template of a new project's first indicator


def test_unknown_table_number_is_404(accountant_client, seed_disclosure):
    assert accountant_client.get(URL.format(13)).status_code == 404


# ---- Saving ----------------------------------------------------------------------------------------


def test_posting_the_page_back_unchanged_keeps_every_figure(accountant_client, seed_disclosure):
    before = load(seed_disclosure)
    for number in (1, 3, 6, 7, 10, 12):
        fields = form_fields(accountant_client.get(URL.format(number)))
        response = accountant_client.post(URL.format(number), {**fields, "action": "save"})
        assert response.status_code == 302, (number, page(response)[:2000])
    seed_disclosure.refresh_from_db()
    assert load(seed_disclosure) == before
    assert seed_disclosure.lock_version == 6


def test_formset_post_saves_changed_added_and_removed_rows(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-0-personnel"] = "20.00"
    fields["lines-0-purpose"] = "离退休人员补贴"
    # remove the last row (as the page's script does: the rows are renumbered) and add a new one
    for name in [key for key in fields if key.startswith("lines-7-")]:
        del fields[name]
    fields |= {"lines-7-function_code": "2013899", "lines-7-fund": Fund.GOV_FUND, "lines-7-project": "1.5",
               "lines-7-purpose": "新增"}  # fmt: skip
    response = accountant_client.post(URL.format(3), {**fields, "action": "save"})
    assert response.status_code == 302
    saved = load(Disclosure.objects.get(pk=seed_disclosure.pk)).lines
    assert len(saved) == 8
    assert (saved[0].personnel, saved[0].purpose) == (Decimal("200000.00"), "离退休人员补贴")
    assert (saved[7].function_code, saved[7].fund, saved[7].project) == ("2013899", "gov_fund", Decimal("15000.00"))
    assert accountant_client.get(response.url).status_code == 200


def test_blank_rows_are_ignored(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-TOTAL_FORMS"] = "9"
    fields |= {"lines-8-function_code": "", "lines-8-fund": Fund.GENERAL_BUDGET, "lines-8-personnel": ""}
    assert accountant_client.post(URL.format(3), {**fields, "action": "save"}).status_code == 302
    assert ExpenditureLine.objects.filter(disclosure=seed_disclosure).count() == 8


def test_bad_amount_is_reported_with_table_row_and_column_and_nothing_is_saved(accountant_client, lines):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-0-project"] = "5"
    fields["lines-1-personnel"] = "abc"
    response = accountant_client.post(URL.format(3), {**fields, "action": "save"})
    assert response.status_code == 200
    html = page(response)
    assert "预算公开03表第2行“人员经费”：“abc”不是金额" in html
    assert 'value="abc"' in html and "is-invalid" in html  # the input is kept and marked
    assert ExpenditureLine.objects.order_by("position").first().project == lines[0].project
    assert Disclosure.objects.get().lock_version == 0


def test_code_errors_and_duplicates_name_the_row(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-0-function_code"] = "9999999"
    fields["lines-2-function_code"] = "20805"
    fields["lines-3-function_code"] = fields["lines-4-function_code"]
    html = page(accountant_client.post(URL.format(3), {**fields, "action": "save"}))
    assert "预算公开03表第1行“功能分类科目（项）”：科目“9999999”不在2025年支出功能分类目录中" in html
    assert "预算公开03表第3行“功能分类科目（项）”：科目“20805”是款级科目，请填写7位项级科目" in html
    assert "预算公开03表第5行“功能分类科目（项）”：与第4行的科目和资金性质相同" in html


def test_code_typed_with_its_name_keeps_the_code(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-0-function_code"] = "2080501 行政单位离退休"
    assert accountant_client.post(URL.format(3), {**fields, "action": "save"}).status_code == 302
    assert ExpenditureLine.objects.order_by("position").first().function_code.code == "2080501"


def test_amounts_can_be_entered_in_yuan_and_are_shown_back_in_yuan(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["entry_unit"] = "元"
    for index in range(8):
        for name in ("personnel", "public", "project", "carry_forward"):
            key = f"lines-{index}-{name}"
            fields[key] = str(Decimal(fields[key] or "0") * 10000)
    fields["lines-0-personnel"] = "198512.34"
    assert accountant_client.post(URL.format(3), {**fields, "action": "save"}).status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.entry_unit == "元"
    assert load(disclosure).lines[0].personnel == Decimal("198512.34")
    assert load(disclosure).lines[5].public == Decimal("863400.00")
    html = page(accountant_client.get(URL.format(3)))
    assert 'value="198512.34"' in html and '<option value="元" selected>' in html


def test_yuan_with_more_than_two_decimals_is_refused(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(7)))
    fields |= {"entry_unit": "元", "three_public-0-meeting": "16200.001"}
    html = page(accountant_client.post(URL.format(7), {**fields, "action": "save"}))
    assert "预算公开07表第1行“会议费”：金额“16200.001”的精度超过0.01元" in html


def test_table_1_saves_income_and_names_a_bad_figure(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(1)))
    fields["income-unit_business"] = "12.5"
    assert accountant_client.post(URL.format(1), {**fields, "action": "save"}).status_code == 302
    assert load(Disclosure.objects.get()).income["unit_business"] == Decimal("125000.00")
    fields = form_fields(accountant_client.get(URL.format(1)))
    fields["income-carryover_gov_fund"] = "-3"
    html = page(accountant_client.post(URL.format(1), {**fields, "action": "save"}))
    assert "预算公开01表“上年结转结余 政府性基金预算”：金额“-3”不能为负数" in html


def test_table_6_saves_rows_and_operating_costs(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(6)))
    assert "operating_costs" in fields  # 参公 unit reports 机关运行经费
    fields["operating_costs"] = "88.8"
    fields["basic-0-personnel"] = "1"
    assert accountant_client.post(URL.format(6), {**fields, "action": "save"}).status_code == 302
    data = load(Disclosure.objects.get())
    assert data.operating_costs == Decimal("888000.00")
    assert data.basic[0].personnel == Decimal("10000.00") and len(data.basic) == 28


def test_table_10_saves_procurement_with_mode_category_and_funds(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(10)))
    fields["procurement-TOTAL_FORMS"] = "9"
    fields |= {"procurement-8-function_code": "2150599", "procurement-8-project": "服务器", "procurement-8-mode":
               "centralized", "procurement-8-category": "goods", "procurement-8-unit_funds": "3"}  # fmt: skip
    assert accountant_client.post(URL.format(10), {**fields, "action": "save"}).status_code == 302
    item = load(Disclosure.objects.get()).procurement[8]
    assert (item.project, item.mode, item.category, item.total) == ("服务器", "centralized", "goods", Decimal("30000"))
    fields["procurement-8-mode"] = ""
    html = page(accountant_client.post(URL.format(10), {**fields, "action": "save"}))
    assert "预算公开10表第9行“采购方式”：这个字段是必填项。" in html


def test_table_11_saves_a_service_purchase(accountant_client, seed_disclosure):
    data = {**form_fields(accountant_client.get(URL.format(11))), "action": "save"}
    data |= encode_rows(
        "service_purchases", [{"function_code": "2150599", "project": "运维服务", "general_budget": "12"}]
    )
    assert accountant_client.post(URL.format(11), data).status_code == 302
    saved = load(Disclosure.objects.get()).service_purchases
    assert [(row.project, row.total) for row in saved] == [("运维服务", Decimal("120000.00"))]
    assert "运维服务" in page(accountant_client.get(URL.format(11)))


def test_table_12_saves_projects_with_structured_indicators(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(12)))
    fields |= {"targets-0-indicators-10-category": "quality", "targets-0-indicators-10-name": "验收通过率",
               "targets-0-indicators-10-operator": "=", "targets-0-indicators-10-value": "100",
               "targets-0-indicators-10-unit": "%", "targets-0-indicators-TOTAL_FORMS": "11"}  # fmt: skip
    assert accountant_client.post(URL.format(12), {**fields, "action": "save"}).status_code == 302
    target = load(Disclosure.objects.get()).targets[0]
    assert target.indicators[-1].text == "验收通过率(=100%)" and len(target.indicators) == 11
    assert PerformanceIndicator.objects.count() == 75


def test_table_12_indicator_errors_name_the_project_row_and_indicator(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(12)))
    fields["targets-1-indicators-2-value"] = ""
    fields["targets-2-project"] = ""
    html = page(accountant_client.post(URL.format(12), {**fields, "action": "save"}))
    assert "预算公开12表第2行指标第3项“指标值”：有比较符的指标须填写指标值。" in html
    assert "预算公开12表第3行“项目名称”：这个字段是必填项。" in html
    assert PerformanceIndicator.objects.count() == 74


def test_a_new_project_added_with_indicators(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(12)))
    fields |= encode_rows("targets-8-indicators", [{"category": "satisfaction", "name": "满意度", "operator": "≥",
                                                    "value": "90", "unit": "%"}])  # fmt: skip
    fields |= {"targets-TOTAL_FORMS": "9", "targets-8-project": "新项目", "targets-8-amount": "1", "targets-8-goal": ""}
    assert accountant_client.post(URL.format(12), {**fields, "action": "save"}).status_code == 302
    assert load(Disclosure.objects.get()).targets[8].indicators[0].text == "满意度(≥90%)"


# ---- Paste from Excel (the server path; the page's script fills the grid in the browser) ----------


EXCEL_BLOCK = (
    "功能分类科目（项）\t资金性质\t人员经费\t公用经费\t项目支出\t结转下年支出\t主要用于\r\n"
    '2013899 其他市场监督管理事务\t政府性基金预算\t1,234.50\t0\t2\t\t"多行\n说明"\r\n'
    "2010101\t一般公共预算\t\t3\t\t\t\r\n"
)


def test_pasting_excel_cells_adds_rows_for_review_without_saving(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    response = accountant_client.post(URL.format(3), {**fields, "action": "paste", "paste": EXCEL_BLOCK})
    assert response.status_code == 200
    html = page(response)
    assert "已从粘贴的内容读入2行" in html
    assert 'name="lines-TOTAL_FORMS" value="10"' in html
    assert 'name="lines-8-function_code" value="2013899"' in html
    assert '<option value="gov_fund" selected>' in html and 'name="lines-8-personnel" value="1,234.50"' in html
    assert ExpenditureLine.objects.count() == 8  # nothing saved yet
    pasted = form_fields(response)
    assert pasted["lines-8-purpose"] == "多行\n说明"
    assert accountant_client.post(URL.format(3), {**pasted, "action": "save"}).status_code == 302
    saved = load(Disclosure.objects.get()).lines
    assert (saved[8].personnel, saved[8].project, saved[9].public) == (
        Decimal("12345000.00"), Decimal("20000.00"), Decimal("30000.00"))  # fmt: skip


def test_pasting_can_replace_the_rows_and_reports_bad_cells(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    block = "2013899\t一般公共预算\tabc\r\n"
    response = accountant_client.post(
        URL.format(3), {**fields, "action": "paste", "paste": block, "paste_replace": "1"}
    )
    html = page(response)
    assert 'name="lines-TOTAL_FORMS" value="1"' in html
    assert "预算公开03表第1行“人员经费”：“abc”不是金额" in html
    assert ExpenditureLine.objects.count() == 8


def test_paste_reads_excel_clipboard_text():
    from disclosures.forms.entry_paste import pasted_rows, read_cells

    assert read_cells('a\t"b\tc"\t"say ""hi"""\r\nd\r\n') == [["a", "b\tc", 'say "hi"'], ["d"]]
    assert read_cells("x\t\r\n") == [["x", ""]]
    rows = pasted_rows(LIUZHOU.by_number(10).entry_fields, "2150599 信息化\t办公设备\t集中采购\t货物类\t0.30\r\n\r\n")
    assert rows == [{"function_code": "2150599", "project": "办公设备", "mode": "centralized", "category": "goods",
                     "general_budget": "0.30"}]  # fmt: skip


def test_paste_into_targets_keeps_the_indicators_on_screen(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(12)))
    response = accountant_client.post(URL.format(12), {**fields, "action": "paste", "paste": "新项目\t3.5\t目标"})
    html = page(response)
    assert 'name="targets-TOTAL_FORMS" value="9"' in html and 'name="targets-8-project" value="新项目"' in html
    assert 'name="targets-0-indicators-TOTAL_FORMS" value="10"' in html


# ---- Two people saving the same table -------------------------------------------------------------


def test_second_of_two_saves_gets_a_conflict_and_keeps_its_input(client, accountant, seed_disclosure):
    from tests.factories import UserFactory

    colleague = UserFactory(username="dora", member_of=[seed_disclosure.unit])
    client.force_login(accountant)
    first = form_fields(client.get(URL.format(3)))
    original = first["lines-0-purpose"]
    second = dict(first)
    first["lines-0-purpose"] = "甲的修改"
    second["lines-0-purpose"] = "乙的修改"
    assert client.post(URL.format(3), {**first, "action": "save"}).status_code == 302
    client.force_login(colleague)
    response = client.post(URL.format(3), {**second, "action": "save"})
    assert response.status_code == 409
    html = page(response)
    assert "保存冲突" in html and "需要改正" not in html
    conflict = html[html.index('id="entry-conflict"') :]
    assert "甲的修改" in conflict and "乙的修改" in conflict  # theirs beside mine
    assert 'value="乙的修改"' in html or ">乙的修改<" in html  # the colleague's input is still on screen
    # saving again the ordinary way is still a conflict: only the confirmed overwrite replaces A's text
    again = form_fields(response)
    assert client.post(URL.format(3), {**again, "action": "save"}).status_code == 409
    assert ExpenditureLine.objects.order_by("position").first().purpose == "甲的修改"
    assert client.post(URL.format(3), {**again, "action": "overwrite"}).status_code == 302
    assert ExpenditureLine.objects.order_by("position").first().purpose == "乙的修改"
    assert original != "乙的修改"


def test_saving_another_table_is_no_conflict(client, accountant, seed_disclosure):
    client.force_login(accountant)
    table_7 = form_fields(client.get(URL.format(7)))
    table_6 = form_fields(client.get(URL.format(6)))
    assert client.post(URL.format(6), {**table_6, "action": "save"}).status_code == 302
    table_7["three_public-0-meeting"] = "1.5"
    assert client.post(URL.format(7), {**table_7, "action": "save"}).status_code == 302
    assert load(Disclosure.objects.get()).three_public[0].meeting == Decimal("15000.00")


# ---- Who may do what -------------------------------------------------------------------------------


def test_another_units_accountant_gets_404(client, other_accountant, seed_disclosure):
    client.force_login(other_accountant)
    assert client.get(URL.format(3)).status_code == 404
    assert client.post(URL.format(3), {"action": "save"}).status_code == 404


def test_reviewer_reads_entered_tables_but_cannot_save(reviewer_client, seed_disclosure):
    response = reviewer_client.get(URL.format(3))
    assert response.status_code == 200
    html = page(response)
    assert "js-entry-form" not in html and "只读" in html and "2080505" in html
    assert reviewer_client.post(URL.format(3), {"action": "save"}).status_code == 403


def test_a_submitted_disclosure_is_read_only_for_its_accountant(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.SUBMITTED)
    html = page(accountant_client.get(URL.format(3)))
    assert "js-entry-form" not in html and "只读" in html
    response = accountant_client.post(URL.format(3), {**fields, "action": "save"})
    assert response.status_code == 409 and "不能修改" in page(response)


def test_anonymous_is_sent_to_login(client, seed_disclosure):
    response = client.get(URL.format(3))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# ---- Query counts do not grow with the rows --------------------------------------------------------


def _disclosure_with(seed_json, rows: int) -> Disclosure:
    codes = list(
        ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=2025, level=3).values_list("code", flat=True)
    )[:rows]
    assert len(codes) == rows
    seed_json["expenditure_lines"] = [{"function_code": code, "personnel": "1.00"} for code in codes]
    seed_json["performance_targets"] = [
        {"project": f"项目{n}", "amount": "1", "indicators": [{"category": "quantity", "name": "台数", "operator": "=",
                                                               "value": "1", "unit": "台"}]}
        for n in range(rows)
    ]  # fmt: skip
    return import_disclosure(data=parse(json.dumps(seed_json)))


# A save reads the table again under the lock to compare it with the page's base (table_conflicts).
QUERY_BUDGET = 50


def _change_every_row(fields: dict[str, str]) -> dict[str, str]:
    changed = dict(fields)
    for name in fields:
        if name.endswith(("-personnel", "-amount")):
            changed[name] = "2"
        elif name.endswith(("-purpose", "-goal")):
            changed[name] = "改"
        elif name.endswith("-indicators-0-value"):
            changed[name] = "7"
    return changed


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("number", [3, 12])
def test_entry_page_queries_do_not_grow_with_rows(
    accountant_client, catalogs, unit, seed_json, django_assert_max_num_queries, rows, number
):
    _disclosure_with(seed_json, rows)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = accountant_client.get(URL.format(number))
    assert response.status_code == 200
    fields = _change_every_row(form_fields(response))
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert accountant_client.post(URL.format(number), {**fields, "action": "save"}).status_code == 302
    stale = {name: "3" if value == "2" else value for name, value in fields.items()}
    with django_assert_max_num_queries(QUERY_BUDGET):
        html = page(accountant_client.post(URL.format(number), {**stale, "action": "save"}))
    assert "保存冲突" in html  # the stale form is refused, with the same bounded work
    with django_assert_max_num_queries(QUERY_BUDGET):
        html = page(accountant_client.post(URL.format(number), {**fields, "lines-0-personnel": "x", "targets-0-amount":
                                                                "x", "action": "save"}))  # fmt: skip
    assert "不是金额" in html


def test_table_1_takes_no_pasted_block(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(1)))
    response = accountant_client.post(URL.format(1), {**fields, "action": "paste", "paste": "1\t2"})
    assert response.status_code == 400


def test_a_save_that_breaks_other_tables_says_so_with_links(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(3)))
    fields["lines-0-personnel"] = str(Decimal(fields["lines-0-personnel"]) + 1)
    response = accountant_client.post(URL.format(3), {**fields, "action": "save"}, follow=True)
    html = page(response)
    links = "、".join(f'<a href="{URL.format(n)}" class="alert-link">表{n}</a>' for n in (1, 5, 6))
    assert f"预算公开03表已保存；因此产生3个错误（{links}）" in html
    assert "alert-warning" in html
    # saving it back removes those errors: a plain 已保存
    fields = form_fields(response)
    fields["lines-0-personnel"] = str(Decimal(fields["lines-0-personnel"]) - 1)
    html = page(accountant_client.post(URL.format(3), {**fields, "action": "save"}, follow=True))
    assert "预算公开03表已保存。" in html and "因此产生" not in html


def _grid_header_lines(html: str) -> list[list[str]]:
    """The entry grid's header as copying it from the page gives it: one line per header row."""
    head = html[html.index('<thead class="table-light">') : html.index("</thead>")]
    lines = []
    for row in head.split("<tr>")[1:]:
        cells = re.findall(r"<th[^>]*>(.*?)</th>", row, re.S)
        lines.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return lines


def test_paste_skips_the_grids_header_and_read_only_columns(accountant_client, seed_disclosure):
    """A block copied from the grid: its two header lines, then a row with 序号, 名称 and the live sums."""
    fields = form_fields(accountant_client.get(URL.format(3)))
    header = _grid_header_lines(page(accountant_client.get(URL.format(3))))
    row = ["9", "2013899", "其他一般公共服务支出", "政府性基金预算", "3.00", "1.00", "1.00", "0.00", "2.00", "0.00",
           "新增的用途", "×"]  # fmt: skip
    block = "\n".join("\t".join(line) for line in [*header, row])
    response = accountant_client.post(URL.format(3), {**fields, "action": "paste", "paste": block})
    html = page(response)
    assert "已从粘贴的内容读入1行" in html and "需要改正" not in html
    pasted = form_fields(response)
    assert pasted["lines-TOTAL_FORMS"] == "9"
    assert [pasted[f"lines-8-{name}"] for name in ("function_code", "fund", "personnel", "public", "project",
                                                   "purpose")] == ["2013899", "gov_fund", "1.00", "0.00", "2.00",
                                                                   "新增的用途"]  # fmt: skip


def test_paste_matches_columns_by_their_titles(accountant_client, seed_disclosure):
    """A block with its own header in another order (as from a workbook): each column goes where its title says."""
    fields = form_fields(accountant_client.get(URL.format(10)))
    lines = [["采购类型", "项目名称", "科目编码（项）", "采购方式", "一般公共预算"],
             ["货物类", "服务器", "2150599", "集中采购", "0.3"], ["合计", "", "", "", "0.3"]]  # fmt: skip
    block = "\n".join("\t".join(line) for line in lines)
    response = accountant_client.post(URL.format(10), {**fields, "action": "paste", "paste": block})
    pasted = form_fields(response)
    assert "已从粘贴的内容读入1行" in page(response)
    assert [pasted[f"procurement-8-{name}"] for name in ("function_code", "project", "mode", "category",
                                                         "general_budget")] == ["2150599", "服务器", "centralized",
                                                                                "goods", "0.3"]  # fmt: skip


def test_a_pasted_value_that_is_no_choice_gets_a_chinese_message(accountant_client, seed_disclosure):
    fields = form_fields(accountant_client.get(URL.format(10)))
    block = "2150599\t服务器\t随便买\t货物类\t0.3"
    html = page(accountant_client.post(URL.format(10), {**fields, "action": "paste", "paste": block}))
    assert "预算公开10表第9行“采购方式”：“随便买”不是可选的值，请选择：" in html
    assert "选择一个有效的选项" not in html
