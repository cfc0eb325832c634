"""The reviewer's workspace: every unit of a year with state, deadline, findings and activity; comments."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosures.choices import Status
from disclosures.models import Comment, Disclosure, ExpenditureLine
from disclosures.snapshot import replace_content
from disclosures.tasks import refresh_finding_counts
from disclosures.workflow.comments import CommentRefused, add_comment, open_counts_by_row
from disclosures.workflow.review import publication_deadline, review_rows
from disclosures.workflow.services import TransitionRefused, fire
from tests.factories import DepartmentFactory, UnitFactory
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from tests.test_workflow_fixtures import FakeFinding

TODAY = datetime.date(2025, 3, 1)


def test_the_deadline_is_twenty_days_after_approval():
    assert publication_deadline(datetime.date(2025, 2, 10)) == datetime.date(2025, 3, 2)
    assert publication_deadline(None) is None


@pytest.fixture
def year_of_units(unit, other_unit):
    """309002 (submitted, due in 1 day), 310001 (draft, overdue), 311001 (published late), 311002 (not started)."""
    late_department = DepartmentFactory(code="311", name="柳州市第三局")
    published_late = UnitFactory(department=late_department, code="311001", name="迟公开单位")
    UnitFactory(department=late_department, code="311002", name="未开始单位")
    Disclosure.objects.create(
        layout="liuzhou-2025",
        unit=unit,
        year=2025,
        status=Status.SUBMITTED,
        budget_approved_on=datetime.date(2025, 2, 10),
    )
    Disclosure.objects.create(
        layout="liuzhou-2025",
        unit=other_unit,
        year=2025,
        status=Status.DRAFT,
        budget_approved_on=datetime.date(2025, 1, 20),
    )
    Disclosure.objects.create(
        layout="liuzhou-2025",
        unit=published_late,
        year=2025,
        status=Status.PUBLISHED,
        budget_approved_on=datetime.date(2025, 1, 1),
        published_at=timezone.make_aware(datetime.datetime(2025, 1, 25, 10)),
    )


def by_code(rows):
    return {row.unit.code: row for row in rows}


def test_rows_flag_overdue_and_due_soon(year_of_units):
    rows = by_code(review_rows(2025, today=TODAY))
    assert list(rows) == ["309002", "310001", "311001", "311002"]
    assert (rows["309002"].due_soon, rows["309002"].overdue, rows["309002"].days_left) == (True, False, 1)
    assert (rows["310001"].overdue, rows["310001"].deadline) == (True, datetime.date(2025, 2, 9))
    assert rows["311001"].overdue and rows["311001"].is_published and not rows["311001"].due_soon
    assert rows["311002"].disclosure is None and rows["311002"].status == "none" and not rows["311002"].overdue


def test_rows_filter_and_sort(year_of_units):
    assert [r.unit.code for r in review_rows(2025, today=TODAY, overdue_only=True)] == ["310001", "311001"]
    assert [r.unit.code for r in review_rows(2025, today=TODAY, status=Status.SUBMITTED)] == ["309002"]
    assert [r.unit.code for r in review_rows(2025, today=TODAY, status="none")] == ["311002"]
    department = Disclosure.objects.get(unit__code="310001").unit.department_id
    assert [r.unit.code for r in review_rows(2025, today=TODAY, department_id=department)] == ["310001"]
    assert [r.unit.code for r in review_rows(2025, today=TODAY, sort="deadline")] == [
        "311001", "310001", "309002", "311002",
    ]  # fmt: skip


def test_a_revision_in_progress_shows_with_the_published_version(unit, accountant, findings):
    published = Disclosure.objects.create(
        layout="liuzhou-2025", unit=unit, year=2025, status=Status.PUBLISHED, published_at=timezone.now()
    )
    fire("revise", disclosure=published, user=accountant, correction_note="更正")
    row = review_rows(2025, today=TODAY)[0]
    assert (row.disclosure.version, row.published.version, row.is_published) == (2, 1, True)


def test_the_page_lists_units_with_a_bounded_number_of_queries(
    year_of_units, reviewer_client, django_assert_max_num_queries
):
    url = reverse("disclosures:review_list", args=[2025])
    with django_assert_max_num_queries(12) as few:
        page = reviewer_client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "柳州市信息化建设管理中心" in text and "迟公开单位" in text and "未开始" in text and "逾期" in text
    for number in range(20):
        unit = UnitFactory(department=DepartmentFactory(code=f"5{number:02d}"), code=f"5{number:02d}001")
        Disclosure.objects.create(
            layout="liuzhou-2025", unit=unit, year=2025, budget_approved_on=datetime.date(2025, 2, 1)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_client.get(url).status_code == 200


def test_the_page_filters(year_of_units, reviewer_client):
    url = reverse("disclosures:review_list", args=[2025])
    department = Disclosure.objects.get(unit__code="310001").unit.department_id
    text = reviewer_client.get(url, {"department": department}).content.decode()
    assert 'data-unit="310001"' in text and 'data-unit="309002"' not in text
    text = reviewer_client.get(url, {"overdue": "on"}).content.decode()
    assert 'data-unit="311001"' in text and 'data-unit="311002"' not in text
    text = reviewer_client.get(url, {"status": "submitted"}).content.decode()
    assert 'data-unit="309002"' in text and 'data-unit="310001"' not in text


def test_accountants_cannot_open_the_review_list(accountant_client):
    assert accountant_client.get(reverse("disclosures:review_list", args=[2025])).status_code == 403


def test_the_reviewer_sets_the_approval_date(draft, client, reviewer, accountant):
    url = reverse("disclosures:approval_date", args=["309002", 2025])
    client.force_login(reviewer)
    assert client.post(url, {"budget_approved_on": "2025-02-14"}).status_code == 302
    assert Disclosure.objects.get(pk=draft.pk).budget_approved_on == datetime.date(2025, 2, 14)
    assert Disclosure.objects.get(pk=draft.pk).history.first().history_user == reviewer
    client.force_login(accountant)
    assert client.post(url, {"budget_approved_on": "2025-01-01"}).status_code == 403
    assert Disclosure.objects.get(pk=draft.pk).budget_approved_on == datetime.date(2025, 2, 14)


def test_finding_counts_are_cached_until_the_content_changes(findings, seed_disclosure, django_assert_num_queries):
    findings.extend([FakeFinding("error", "表1不平衡。"), FakeFinding("warning", "表7不一致。")])
    assert not Disclosure.objects.get(pk=seed_disclosure.pk).finding_counts_are_current
    assert refresh_finding_counts.delay(seed_disclosure.pk).get() is True
    counted = Disclosure.objects.get(pk=seed_disclosure.pk)
    assert (counted.error_count, counted.warning_count, counted.finding_counts_are_current) == (1, 1, True)
    with django_assert_num_queries(1):
        assert refresh_finding_counts(seed_disclosure.pk) is False
    line = ExpenditureLine.objects.filter(disclosure=seed_disclosure).first()
    line.project += Decimal("1")
    line.save()
    assert not Disclosure.objects.get(pk=seed_disclosure.pk).finding_counts_are_current


def test_an_edit_queues_the_recount(findings, seed_disclosure, django_capture_on_commit_callbacks):
    findings.append(FakeFinding("warning", "表7不一致。"))
    line = ExpenditureLine.objects.filter(disclosure=seed_disclosure).first()
    line.purpose = "新的用途"
    with django_capture_on_commit_callbacks(execute=True):
        line.save()
    counted = Disclosure.objects.get(pk=seed_disclosure.pk)
    assert (counted.error_count, counted.warning_count, counted.finding_counts_are_current) == (0, 1, True)


def test_the_real_checks_block_a_broken_submission(seed_disclosure, seed_data, accountant):
    """With disclosures.checks as it is: income that does not balance the expenditure is an error."""
    seed_data.income["general_budget_local"] += Decimal("100000.00")

    replace_content(seed_disclosure, seed_data)
    with pytest.raises(TransitionRefused, match="错误"):
        fire("submit", disclosure=seed_disclosure, user=accountant, acknowledge_warnings=True)
    assert Disclosure.objects.get(pk=seed_disclosure.pk).status == Status.DRAFT


# Comments.


def test_a_reviewer_asks_on_a_row_and_the_accountant_answers(draft, reviewer, accountant):
    question = add_comment(
        disclosure=draft, author=reviewer, text="该科目金额偏大？", table="expenditure", row="2080505"
    )
    answer = add_comment(disclosure=draft, author=accountant, text="含补缴，已在说明中写明。", reply_to=question)
    assert (answer.table, answer.row, answer.reply_to) == ("expenditure", "2080505", question)
    assert open_counts_by_row(draft, "expenditure") == {"2080505": 1}


def test_another_units_accountant_cannot_comment(draft, other_accountant):
    with pytest.raises(CommentRefused):
        add_comment(disclosure=draft, author=other_accountant, text="看看")


def test_comments_through_the_pages(draft, client, reviewer, accountant, django_assert_max_num_queries):
    add_url = reverse("disclosures:comment_add", args=["309002", 2025])
    history = reverse("disclosures:history", args=["309002", 2025])
    client.force_login(reviewer)
    assert (
        client.post(add_url, {"table": "expenditure", "row": "2080505", "text": "请核对该行。", "next": history}).url
        == history
    )
    question = Comment.objects.get()
    client.force_login(accountant)
    client.post(add_url, {"reply_to": question.pk, "text": "已核对无误。"})
    with django_assert_max_num_queries(40):
        page = client.get(history).content.decode()
    assert "请核对该行。" in page and "已核对无误。" in page and "预算公开03表 · 2080505" in page
    client.force_login(reviewer)
    client.post(reverse("disclosures:comment_resolve", args=["309002", 2025, question.pk]))
    assert Comment.objects.get(pk=question.pk).is_resolved
    assert open_counts_by_row(draft, 3) == {}


def test_comment_pages_are_scoped_to_the_unit(draft, client, other_accountant):
    client.force_login(other_accountant)
    response = client.post(reverse("disclosures:comment_add", args=["309002", 2025]), {"text": "看看"})
    assert response.status_code == 404 and not Comment.objects.exists()


def test_reviewers_reach_the_newest_years_review_list_from_the_navigation(reviewer_client, seed_disclosure):
    page = reviewer_client.get("/workspace/").content.decode()
    assert 'href="/workspace/review/"' in page
    response = reviewer_client.get("/workspace/review/")
    assert response.status_code == 302 and response["Location"].endswith("/workspace/review/2025/")


def test_accountants_have_no_review_link(accountant_client):
    assert "/workspace/review/" not in accountant_client.get("/workspace/").content.decode()
    assert accountant_client.get("/workspace/review/").status_code in (403, 404)
