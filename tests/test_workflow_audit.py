"""The audit trail: every change to the data recorded with who, when, and old → new; the history page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalRecords

from disclosures.choices import Status
from disclosures.models import BasicExpenditure, ExpenditureLine, Explanation, Income, PerformanceIndicator
from disclosures.narrative.saving import Written, save_written
from disclosures.snapshot import FundedRow, load, replace_content
from disclosures.workflow.audit import AUDITED, change_log
from disclosures.workflow.services import fire
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)


@pytest.fixture
def acting_as():
    """Make the audit see ``user`` as the one making changes, as HistoryRequestMiddleware does for a request."""

    def act(user):
        request = RequestFactory().get("/")
        request.user = user
        HistoricalRecords.context.request = request

    yield act
    if hasattr(HistoricalRecords.context, "request"):
        del HistoricalRecords.context.request


def test_a_whole_replacement_writes_only_the_changed_row(acting_as, accountant, seed_disclosure, seed_data):
    lines = ExpenditureLine.history.filter(disclosure_id=seed_disclosure.pk)
    assert lines.filter(history_type="+").count() == len(seed_data.lines)
    indicators = PerformanceIndicator.history.filter(target__disclosure=seed_disclosure)
    assert indicators.count() == sum(len(target.indicators) for target in seed_data.targets)
    acting_as(accountant)
    seed_data.lines[0].project += Decimal("100.00")
    replace_content(seed_disclosure, seed_data)
    assert lines.filter(history_type="-").count() == 0
    changed = lines.filter(history_type="~").get()
    assert (changed.project, changed.history_user) == (seed_data.lines[0].project, accountant)
    assert indicators.count() == sum(len(target.indicators) for target in seed_data.targets)


def _history_records(disclosure) -> int:
    return sum(audited.model.history.count() for audited in AUDITED)


def test_saving_the_same_content_again_writes_no_entry(acting_as, accountant, seed_disclosure, seed_data):
    acting_as(accountant)
    before = _history_records(seed_disclosure)
    change_sets = len(change_log([seed_disclosure]))
    replace_content(seed_disclosure, load(seed_disclosure))
    save_written(seed_disclosure, Written(replace_prior=True, prior=seed_data.prior),
                 expected_lock_version=seed_disclosure.lock_version)  # fmt: skip
    assert _history_records(seed_disclosure) == before
    assert len(change_log([seed_disclosure])) == change_sets


def test_items_of_one_project_keep_their_amounts(acting_as, accountant, seed_disclosure, seed_data):
    """Two procurement items of one project: changing one records that one, no "swap" between them."""
    first = seed_data.procurement[0]
    twin = FundedRow(first.function_code, first.project, {"general_budget": Decimal("450000.00")}, first.mode,
                     first.category)  # fmt: skip
    first.funds = {"general_budget": Decimal("1070000.00")}
    seed_data.procurement.insert(1, twin)
    replace_content(seed_disclosure, seed_data)
    acting_as(accountant)
    seed_data.procurement.insert(0, seed_data.procurement.pop(1))  # the twin moves up, unchanged
    seed_data.procurement[1].funds = {"general_budget": Decimal("1080000.00")}
    replace_content(seed_disclosure, seed_data)
    latest = change_log([seed_disclosure])[0]
    assert [(row.action, row.row) for row in latest.rows] == [("changed", first.project)]
    assert [(f.old, f.new) for f in latest.rows[0].fields] == [("1,070,000.00", "1,080,000.00")]


def test_a_reimport_shows_only_what_changed(acting_as, accountant, seed_disclosure, seed_data):
    acting_as(accountant)
    line = seed_data.lines[0]
    old_project = line.project
    line.project = old_project + Decimal("100.00")
    seed_data.explanations["project_change"] = "新增的说明"
    replace_content(seed_disclosure, seed_data)
    latest = change_log([seed_disclosure])[0]
    assert latest.user == accountant
    changed = [row for row in latest.rows if row.action == "changed" and row.what == "支出明细"]
    assert len(changed) == 1 and changed[0].row.startswith(line.function_code)
    field = changed[0].fields[0]
    assert (field.name, field.old, field.new) == ("项目支出", f"{old_project:,.2f}", f"{line.project:,.2f}")
    created = [row for row in latest.rows if row.action == "created"]
    assert [row.row for row in created] == ["情况说明 项目支出变动原因"]  # in words, not its key
    assert [(f.name, f.new) for f in created[0].fields if f.name == "说明对象"] == [("说明对象", "项目支出变动原因")]
    assert latest.deleted == 0


def test_the_audit_trail_names_explanations_in_words(acting_as, accountant, seed_disclosure, seed_data):
    acting_as(accountant)
    seed_data.explanations |= {
        "procurement": "采购说明",
        "empty.service_purchases": "本单位无此项支出",
        "three_public.meeting": "会议减少",
    }
    replace_content(seed_disclosure, seed_data)
    rows = [row.row for row in change_log([seed_disclosure])[0].rows if row.what == "情况说明"]
    assert sorted(rows) == sorted(
        [
            "情况说明 政府采购预算变动原因",
            "情况说明 预算公开11表无数据的说明",
            "情况说明 会议费变动原因",
        ]
    )


def test_saves_and_deletes_are_recorded_with_old_and_new(acting_as, accountant, seed_disclosure):
    acting_as(accountant)
    row = BasicExpenditure.objects.filter(disclosure=seed_disclosure).select_related("economic_code").first()
    before = row.personnel
    row.personnel = before + Decimal("5.00")
    row.save()
    Explanation.objects.filter(disclosure=seed_disclosure).first().delete()
    income = Income.objects.get(disclosure=seed_disclosure)
    Income.objects.filter(pk=income.pk).update(unit_other=Decimal("7.00"))
    log = change_log([seed_disclosure])
    fields = {
        (change.row, field.name): (field.old, field.new)
        for change_set in log
        for change in change_set.rows
        if change.action == "changed"
        for field in change.fields
    }
    assert fields[(row.economic_code.code, "人员经费")] == (f"{before:,.2f}", f"{row.personnel:,.2f}")
    assert fields[("收入", "其他收入")] == (f"{income.unit_other:,.2f}", "7.00")
    assert any(row.action == "deleted" and row.what == "情况说明" for change in log for row in change.rows)


def test_the_history_page_shows_events_and_changes(
    findings, accountant, accountant_client, seed_disclosure, django_assert_max_num_queries
):
    fire("submit", disclosure=seed_disclosure, user=accountant, comment="请审核")
    url = reverse("disclosures:history", args=["309002", 2025])
    response = accountant_client.post(
        reverse("disclosures:transition", args=["309002", 2025, "withdraw"]), {"comment": "还要改"}
    )
    assert response.status_code == 302
    line = ExpenditureLine.objects.filter(disclosure=seed_disclosure).first()
    line.purpose = "改写的用途"
    line.save()
    with django_assert_max_num_queries(40):
        page = accountant_client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "请审核" in text and "还要改" in text and "已提交 → 草稿" in text
    assert "改写的用途" in text and "主要用于" in text
    assert 'nav-link active" href="' + url in text


def test_the_history_page_has_a_fixed_number_of_queries(
    accountant_client, seed_disclosure, seed_data, django_assert_max_num_queries
):
    url = reverse("disclosures:history", args=["309002", 2025])
    with django_assert_max_num_queries(40) as few:
        accountant_client.get(url)
    for _ in range(3):
        seed_data.lines[0].project += 1
        replace_content(seed_disclosure, seed_data)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert accountant_client.get(url).status_code == 200


def test_transitions_themselves_are_in_the_disclosures_history(findings, accountant, seed_disclosure):
    fire("submit", disclosure=seed_disclosure, user=accountant)
    record = seed_disclosure.history.first()
    assert (record.status, record.history_user) == (Status.SUBMITTED, accountant)


def test_a_table_save_records_each_changed_row_once(acting_as, accountant, seed_disclosure, seed_data):
    from disclosures.editing import save_table
    from tests.test_editing import base_of

    acting_as(accountant)
    lines = ExpenditureLine.history.filter(disclosure_id=seed_disclosure.pk, history_type="~")
    seed_data.lines[0].purpose = "改过的用途"
    save_table(seed_disclosure, "expenditure", seed_data.lines, based_on=base_of(seed_disclosure, "expenditure"))
    assert [(row.purpose, row.history_user) for row in lines] == [("改过的用途", accountant)]


def test_the_history_page_is_paged(accountant_client, seed_disclosure, seed_data, monkeypatch):
    from disclosures.views import workflow

    monkeypatch.setattr(workflow, "CHANGE_SETS_PER_PAGE", 2)
    url = reverse("disclosures:history", args=["309002", 2025])
    for amount in ("1.00", "2.00", "3.00"):
        ExpenditureLine.objects.filter(disclosure=seed_disclosure, position=0).update(project=Decimal(amount))
        # Each change a minute before the next, so that each is a change set of its own.
        ExpenditureLine.history.filter(history_type="~").update(history_date=F("history_date") + timedelta(minutes=1))
    first = accountant_client.get(url).content.decode()
    assert first.count('class="border rounded p-2 mb-2 change-set"') == 2
    assert "第1页，共2页" in first and "?page=2" in first
    second = accountant_client.get(url, {"page": 2}).content.decode()
    assert "较新的记录" in second and second.count("change-set") >= 1
