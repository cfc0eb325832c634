"""The audit trail: every change to the data recorded with who, when, and old → new; the history page."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalRecords

from disclosures.choices import Status
from disclosures.models import BasicExpenditure, ExpenditureLine, Explanation, Income, PerformanceIndicator
from disclosures.snapshot import replace_content
from disclosures.workflow.audit import change_log
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


def test_a_whole_replacement_is_recorded_row_by_row(acting_as, accountant, seed_disclosure, seed_data):
    lines = ExpenditureLine.history.filter(disclosure_id=seed_disclosure.pk)
    assert lines.filter(history_type="+").count() == len(seed_data.lines)
    indicators = PerformanceIndicator.history.filter(target__disclosure=seed_disclosure)
    assert indicators.count() == sum(len(target.indicators) for target in seed_data.targets)
    acting_as(accountant)
    seed_data.lines[0].project += Decimal("100.00")
    replace_content(seed_disclosure, seed_data)
    assert lines.filter(history_type="-").count() == len(seed_data.lines)
    recreated = lines.filter(history_type="+").order_by("-history_date").first()
    assert recreated.history_user == accountant


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
    assert [row.row for row in created] == ["情况说明 project_change"]
    assert latest.deleted == 0


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

    acting_as(accountant)
    lines = ExpenditureLine.history.filter(disclosure_id=seed_disclosure.pk, history_type="~")
    seed_data.lines[0].purpose = "改过的用途"
    save_table(seed_disclosure, "expenditure", seed_data.lines, expected_lock_version=seed_disclosure.lock_version)
    assert [(row.purpose, row.history_user) for row in lines] == [("改过的用途", accountant)]
