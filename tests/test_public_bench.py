"""The benchmark's data loader: copies of seed 002 that the public site serves like any published report."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from disclosures.choices import Status
from disclosures.models import Disclosure, ExpenditureLine, PerformanceIndicator, PublishedFile, WorkflowEvent


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def test_bench_seed_publishes_copies_of_seed_002(db, client):
    call_command("bench_seed", units=3, departments=2)

    copies = Disclosure.objects.filter(unit__code__startswith="8")
    template = Disclosure.objects.get(unit__code="309002")
    assert copies.count() == 3 and set(copies.values_list("status", flat=True)) == {Status.PUBLISHED}
    for disclosure in copies:
        assert ExpenditureLine.objects.filter(disclosure=disclosure).count() == 8
        assert PerformanceIndicator.objects.filter(target__disclosure=disclosure).count() == (
            PerformanceIndicator.objects.filter(target__disclosure=template).count()
        )
        assert set(PublishedFile.objects.filter(disclosure=disclosure).values_list("format", flat=True)) == {
            "json", "html", "pdf", "xlsx"
        }  # fmt: skip
    events = WorkflowEvent.objects.filter(disclosure__in=copies)
    assert set(events.values_list("transition", flat=True)) == {"submit", "approve", "publish"}
    assert events.count() == 9
    unit = copies.order_by("unit__code").first().unit
    page = client.get(f"/2025/{unit.code}/").content.decode()
    assert unit.name in page and "793.26万元" in page
    assert client.get(f"/2025/{unit.code}/files/pdf/").status_code == 200
    with pytest.raises(CommandError, match="already loaded"):
        call_command("bench_seed", units=1, departments=1)


def test_bench_seed_can_leave_the_copies_approved_for_the_bulk_publication_benchmark(db):
    call_command("bench_seed", units=2, departments=1, approved=True)

    copies = Disclosure.objects.filter(unit__code__startswith="8")
    assert copies.count() == 2 and set(copies.values_list("status", flat=True)) == {Status.APPROVED}
    assert not PublishedFile.objects.filter(disclosure__in=copies).exists()
    assert all(ExpenditureLine.objects.filter(disclosure=disclosure).count() == 8 for disclosure in copies)
    assert WorkflowEvent.objects.filter(disclosure__in=copies, transition="publish").count() == 0
    assert WorkflowEvent.objects.filter(disclosure__in=copies, transition="approve").count() == 2


def test_bulk_publication_benchmark_needs_real_workers(db):
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("bench_bulk_publish", count=1, workers=1)


def test_bench_pages_says_whether_a_page_with_a_goal_met_it():
    from disclosures.management.commands.bench_pages import verdict

    assert verdict("review list, page 100", 299.0, 120.0) == "≤300 ms, ≤300 KB: met"
    assert verdict("review list", 301.0, 120.0) == "≤300 ms, ≤300 KB: NOT met"
    assert verdict("review list", 20.0, 300.5) == "≤300 ms, ≤300 KB: NOT met"
    assert verdict("public home", 101.0, 60.0) == "≤100 ms, ≤300 KB: NOT met"
    assert verdict("search 单位0999", 500.0, 3.0) == ""  # no goal
