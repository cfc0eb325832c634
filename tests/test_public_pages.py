"""The citizen's pages: home, search, a report, a department; caching, ETags and query budgets."""

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from disclosures.choices import Status
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from public.directory import State, unit_state
from tests.factories import UnitFactory
from tests.test_public_support import publish

SHANGHAI = ZoneInfo("Asia/Shanghai")
PUBLISHED_AT = datetime(2025, 2, 10, 9, 30, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def report(seed_disclosure):
    seed_disclosure.budget_approved_on = date(2025, 1, 25)
    seed_disclosure.save()
    return publish(seed_disclosure, PUBLISHED_AT)


def import_copy(seed_data, code: str, name: str, department=None) -> Disclosure:
    """Seed 002's content as another unit's draft (of the same department unless given)."""
    changes = {"unit_code": code, "unit_name": name}
    if department is not None:
        changes |= {"department_code": department.code, "department_name": department.name}
    return import_disclosure(data=dataclasses.replace(seed_data, **changes))


def test_home_lists_departments_units_and_states(client, report, seed_data, department):
    import_copy(seed_data, "309003", "柳州市数据资源中心")  # a draft: pending
    late = import_copy(seed_data, "309004", "柳州市政务服务中心")
    late.budget_approved_on = timezone.localdate() - timedelta(days=21)
    late.save()
    UnitFactory(department=department, code="309005", name="柳州市尚未开始单位")

    response = client.get("/?year=2025")

    assert response.status_code == 200
    page = response.content.decode()
    assert "309 柳州市大数据发展局" in page
    assert 'href="/2025/309002/"' in page and "2025-02-10" in page
    assert "柳州市数据资源中心" in page and 'href="/2025/309003/"' not in page
    assert "已公开 1" in page and "待公开 2" in page and "逾期未公开 1" in page
    assert 'href="/2025/departments/309/"' in page


def test_home_defaults_to_the_newest_published_year_and_offers_every_year(client, report, seed_data, unit):
    draft_2026 = Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2026)
    assert draft_2026.status == Status.DRAFT

    page = client.get("/").content.decode()

    assert "2025年单位预算公开" in page
    assert 'href="/?year=2026"' in page


def test_overdue_means_unpublished_20_days_after_approval(unit):
    approved = {"version": 1, "status": Status.APPROVED, "published_at": None, "budget_approved_on": date(2025, 1, 1)}
    assert unit_state(unit, [approved], date(2025, 1, 21)).state == State.PENDING
    assert unit_state(unit, [approved], date(2025, 1, 22)).state == State.OVERDUE
    assert unit_state(unit, [], date(2030, 1, 1)).state == State.PENDING
    late = {**approved, "status": Status.PUBLISHED, "published_at": datetime(2025, 1, 30, tzinfo=SHANGHAI)}
    entry = unit_state(unit, [late], date(2025, 2, 1))
    assert entry.state == State.PUBLISHED and entry.published_late


@pytest.mark.parametrize("term", ["信息化", "309002", "大数据发展局", "309"])
def test_search_finds_the_unit_by_name_code_or_department(client, report, term):
    page = client.get("/search/", {"q": term, "year": "2025"}).content.decode()

    assert 'href="/2025/309002/"' in page
    assert "找到1个单位" in page


def test_search_without_match_says_so(client, report):
    page = client.get("/search/", {"q": "不存在的单位"}).content.decode()

    assert "没有找到匹配的单位或部门" in page and "/2025/309002/" not in page


def test_report_page_shows_document_downloads_history_and_charts(client, report):
    response = client.get("/2025/309002/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "柳州市信息化建设管理中心2025年单位预算公开" in page
    assert 'class="doc-toc"' in page and 'href="#table-3"' in page and 'id="table-3"' in page
    assert 'scope="col"' in page and "<caption>" in page
    for stored in report.published_files.all():
        assert stored.sha256 in page
        assert f'href="/2025/309002/files/{stored.format}/"' in page
    assert 'href="/2025/309002/tables/12.csv"' in page
    assert "第1版" in page and "2025-02-10" in page
    assert page.count("<svg") >= 4 and "查看数据表" in page
    assert "资源勘探工业信息等支出" in page and "793.26万元" in page
    assert "本单位在下一年度公开材料中填报的上年数" in page


def test_a_correction_keeps_the_earlier_version_readable(client, report, seed_data):
    correction = Disclosure.objects.create(layout="liuzhou-2025", unit=report.unit, year=2025, version=2)
    publish(correction, PUBLISHED_AT + timedelta(days=3), note="更正表10部门行合计。")

    current = client.get("/2025/309002/").content.decode()
    earlier = client.get("/2025/309002/v1/").content.decode()

    assert "第2版" in current and "更正说明：更正表10部门行合计。" in current
    assert 'href="/2025/309002/v1/"' in current
    assert "这是第1版，已被第2版更正替代" in earlier
    assert 'href="/2025/309002/v1/files/pdf/"' in earlier


def test_department_page_consolidates_its_published_units(client, report, seed_data, department):
    publish(import_copy(seed_data, "309003", "柳州市数据资源中心"), PUBLISHED_AT)
    import_copy(seed_data, "309004", "柳州市政务服务中心")  # not published: not counted

    page = client.get("/2025/departments/309/").content.decode()

    assert "所属单位3个：已公开2个，待公开1个" in page
    assert 'href="/2025/309002/"' in page and 'href="/2025/309003/"' in page
    # 981.89 + 981.89 万元 and 363.47 × 2 in the 合计 row
    assert "1963.78" in page and "726.94" in page
    assert "各单位支出" in page


def test_unknown_department_is_404(client, report):
    assert client.get("/2025/departments/999/").status_code == 404


def test_report_answers_304_to_its_etag_and_last_modified(client, report):
    first = client.get("/2025/309002/")
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert "max-age" in first["Cache-Control"]

    by_etag = client.get("/2025/309002/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/2025/309002/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304 and by_date.status_code == 304


def test_a_new_version_changes_the_etag(client, report):
    etag = client.get("/2025/309002/")["ETag"]
    publish(
        Disclosure.objects.create(layout="liuzhou-2025", unit=report.unit, year=2025, version=2),
        PUBLISHED_AT + timedelta(days=1),
    )

    response = client.get("/2025/309002/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200 and "第2版" in response.content.decode()


def test_home_answers_304_until_something_changes(client, report, seed_data):
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    import_copy(seed_data, "309003", "柳州市数据资源中心")

    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    ("url", "budget"),
    # the department page: its units, their figures and charts, and the department's own published documents
    [("/", 6), ("/search/?q=信息化", 6), ("/2025/departments/309/", 13), ("/data/", 2)],
)
def test_public_pages_have_a_fixed_query_budget(client, report, seed_data, django_assert_max_num_queries, url, budget):
    for number in range(3, 9):
        publish(import_copy(seed_data, f"30900{number}", f"测试单位{number}"), PUBLISHED_AT)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_report_page_query_budget_and_cache(client, report, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get("/2025/309002/").status_code == 200
    with django_assert_max_num_queries(1):  # rendered once: served from the cache after one lookup
        assert client.get("/2025/309002/").status_code == 200


def test_public_pages_are_the_same_for_a_signed_in_user(client, report, reviewer):
    anonymous = client.get("/2025/309002/").content
    client.force_login(reviewer)

    signed_in = client.get("/2025/309002/").content

    assert signed_in == anonymous and b"charlie" not in signed_in


def test_department_page_links_to_its_other_years(client, report, unit):
    Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2026)

    page = client.get("/2025/departments/309/").content.decode()

    assert 'href="/2026/departments/309/"' in page
    assert "2026年本部门还没有单位公开预算" in client.get("/2026/departments/309/").content.decode()
