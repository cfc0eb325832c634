"""The reviewer's list at scale: paged, filtered, sorted, searched and counted in the database."""

import datetime

import pytest
from django import forms
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from disclosures.choices import Kind, Status
from disclosures.forms.workflow import SinglePassSelect
from disclosures.models import Disclosure
from disclosures.workflow.links import UnitLinks
from disclosures.workflow.review import (
    SORTS,
    ReviewFilters,
    ReviewUnits,
    review_page,
    review_rows,
    state_counts,
)
from disclosures.workflow.services import fire
from disclosures.workspace_paths import workspace_args
from tests.factories import DepartmentFactory, UnitFactory, UserFactory
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from units.models import Jurisdiction

TODAY = datetime.date(2025, 3, 1)


def codes(rows):
    return [row.unit.code for row in rows]


@pytest.fixture
def revised(unit, accountant, findings):
    """309002 published, with a newer draft (a correction in progress)."""
    published = Disclosure.objects.create(
        layout="liuzhou-2025", unit=unit, year=2025, status=Status.PUBLISHED, published_at=timezone.now()
    )
    fire("revise", disclosure=published, user=accountant, correction_note="更正")
    return published


@pytest.fixture
def many_units(db):
    """60 units in two jurisdictions: 600xxx drafts with 2 errors, 700xxx not started."""
    county = Jurisdiction.objects.create(code="county", name="某县")
    drafts = DepartmentFactory(code="600", name="草稿局")
    empty = DepartmentFactory(code="700", name="空白局", jurisdiction=county)
    for number in range(30):
        unit = UnitFactory(department=drafts, code=f"600{number:03d}", name=f"草稿单位{number}")
        Disclosure.objects.create(
            layout="liuzhou-2025", unit=unit, year=2025, error_count=2, warning_count=0, findings_revision=0
        )
        UnitFactory(department=empty, code=f"700{number:03d}", name=f"空白单位{number}")
    return county


def test_a_published_unit_with_a_newer_draft_is_listed_under_published_and_under_draft(revised):
    assert codes(review_rows(2025, today=TODAY, status=Status.PUBLISHED)) == ["309002"]
    assert codes(review_rows(2025, today=TODAY, status=Status.DRAFT)) == ["309002"]
    counts = state_counts(ReviewFilters(year=2025, today=TODAY)).by_state
    assert (counts[Status.PUBLISHED], counts[Status.DRAFT], counts["none"]) == (1, 1, 0)


def test_filters_search_and_counts_in_the_database(many_units):
    filters = dict(year=2025, today=TODAY)
    assert len(review_rows(**filters, search="草稿单位1")) == 11  # 1, 10…19
    assert codes(review_rows(**filters, search="700029")) == ["700029"]
    assert len(review_rows(**filters, jurisdiction_id=many_units.pk)) == 30
    assert set(codes(review_rows(**filters, errors_only=True))) == {f"600{n:03d}" for n in range(30)}
    assert review_rows(**filters, kind=Kind.FINAL, status=Status.DRAFT) == []
    counts = state_counts(ReviewFilters(**filters, search="单位2"))
    assert (counts.by_state["none"], counts.by_state[Status.DRAFT], counts.by_state[Status.PUBLISHED]) == (11, 11, 0)
    assert counts.total == 22
    assert codes(review_rows(**filters, sort="errors"))[:2] == ["600000", "600001"]
    assert codes(review_rows(**filters, sort="status"))[:1] == ["700000"]


def test_pages_hold_fifty_rows(many_units):
    filters = ReviewFilters(year=2025, today=TODAY)
    page = review_page(filters, state_counts(filters), 2)
    assert (page.paginator.count, page.number, len(page.object_list)) == (60, 2, 10)
    assert page.object_list[0].unit.code == "700020"
    drafts = ReviewFilters(year=2025, today=TODAY, status=Status.DRAFT)
    assert review_page(drafts, state_counts(drafts)).paginator.count == 30  # the count of the state shown


def test_the_page_shows_counts_and_pages_in_few_queries(many_units, reviewer_client, django_assert_max_num_queries):
    url = reverse("disclosures:review_list", args=[2025])
    with django_assert_max_num_queries(10):
        page = reviewer_client.get(url, {"q": "单位", "page": "2"})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-unit="700029"' in text and 'data-unit="600000"' not in text
    assert "第2/2页" in text and 'data-state="draft"' in text and ">30</span>" in text
    assert 'class="form-select form-select-sm"' in text and "text-nowrap" in text
    assert reviewer_client.get(url, {"status": "nonsense", "page": "x", "sort": "?"}).status_code == 200


def test_a_reviewer_lands_on_the_review_list_after_login(client, db):
    UserFactory(username="rev", role="reviewer")
    UserFactory(username="acc")
    response = client.post(reverse("login"), {"username": "rev", "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/workspace/review/")
    client.logout()
    response = client.post(reverse("login"), {"username": "acc", "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0] == "/workspace/"


def test_bulk_approval_and_publication_run_as_jobs_with_a_progress_page(
    unit, other_unit, reviewer_client, fake_exporters, findings, django_capture_on_commit_callbacks
):
    submitted = [
        Disclosure.objects.create(layout="liuzhou-2025", unit=u, year=2025, status=Status.SUBMITTED)
        for u in (unit, other_unit)
    ]
    draft = Disclosure.objects.create(layout="liuzhou-2025", unit=UnitFactory(), year=2025)
    url = reverse("disclosures:bulk_action", args=[2025])
    selected = [d.pk for d in [*submitted, draft]]
    response = reviewer_client.post(url, {"action": "approve", "selected": selected})
    assert response.status_code == 302
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "批量审核通过：2个单位" in page and "批量操作已全部完成。" in page
    assert set(Disclosure.objects.filter(pk__in=selected).values_list("status", flat=True)) == {"approved", "draft"}
    with django_capture_on_commit_callbacks(execute=True):  # each publication is queued once committed
        response = reviewer_client.post(url, {"action": "publish", "selected": selected})
    page = reviewer_client.get(response["Location"]).content.decode()
    assert 'data-published="2"' in page and 'data-finished="1"' in page
    assert Disclosure.objects.filter(status=Status.PUBLISHED).count() == 2
    assert reviewer_client.post(url, {"action": "publish"}).status_code == 302  # nothing ticked: a message


def test_bulk_actions_are_for_bureau_staff(accountant_client, draft):
    url = reverse("disclosures:bulk_action", args=[2025])
    assert accountant_client.post(url, {"action": "approve", "selected": [draft.pk]}).status_code == 403


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("criteria", [{}, {"status": Status.DRAFT}, {"search": "单位1"}, {"errors_only": True}])
def test_the_pages_together_are_the_whole_list_in_its_order(many_units, sort, criteria):
    """A page's ids come first (from the units alone when nothing reads a version), then its rows."""
    Disclosure.objects.filter(unit__code="600007").update(error_count=5)  # the errors order has a leader
    filters = ReviewFilters(year=2025, today=TODAY, sort=sort, **criteria)
    counts = state_counts(filters)
    pages = review_page(filters, counts, per_page=7).paginator.num_pages
    paged = [code for n in range(1, pages + 1) for code in codes(review_page(filters, counts, n, 7).object_list)]
    assert paged == codes(review_rows(2025, today=TODAY, sort=sort, **criteria))


def test_the_ids_of_the_unit_order_come_from_the_units_alone(many_units):
    plain = str(ReviewUnits(ReviewFilters(year=2025, today=TODAY, search="单位")).ids().query)
    assert "disclosures_disclosure" not in plain
    by_state = str(ReviewUnits(ReviewFilters(year=2025, today=TODAY, status=Status.DRAFT)).ids().query)
    assert "disclosures_disclosure" in by_state


def test_the_activity_order_puts_the_latest_change_first(many_units):
    latest = Disclosure.objects.get(unit__code="600012")
    latest.save()  # any saved change: every transition saves its version
    rows = review_rows(2025, today=TODAY, sort="activity")
    assert rows[0].unit.code == "600012" and rows[0].last_activity == Disclosure.objects.get(pk=latest.pk).updated_at
    Disclosure.objects.filter(unit__code="600003").update(content_changed_at=timezone.now())
    assert review_rows(2025, today=TODAY, sort="activity")[0].unit.code == "600003"
    assert review_rows(2025, today=TODAY, sort="activity")[-1].last_activity is None  # 700xxx: not started


def test_a_single_pass_select_writes_what_django_select_writes():
    choices = [("", "全部"), (1, "A<&>"), (2, "部门二")]
    for value in ("", 2):
        ours = SinglePassSelect(attrs={"class": "form-select"}, choices=choices).render("department", value)
        django = forms.Select(attrs={"class": "form-select"}, choices=choices).render("department", value)
        assert parse_html(ours) == parse_html(django)
    assert "A&lt;&amp;&gt;" in ours and '<option value="2" selected>' in ours


@pytest.mark.parametrize("kind", [Kind.BUDGET, Kind.FINAL])
def test_the_rows_links_are_those_reverse_gives(db, kind):
    links = UnitLinks(2025, kind)
    for code in ("309002", "单位 1"):
        for name, link in links.of(code).items():
            assert link == reverse(f"disclosures:{name}", args=workspace_args(code, 2025, kind))
    assert ("/final/" in links.of("309002")["detail"]) == (kind == Kind.FINAL)
