"""The public site at scale: home counts by department in the database, indexed search, keyset API pages."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from disclosures.models import Disclosure
from public.directory import department_counts, search_units
from tests.factories import DepartmentFactory, UnitFactory
from tests.test_public_pages import report  # noqa: F401 (seed 002 published)
from units.models import Unit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def fill(departments: int, units: int, prefix: str = "9") -> None:
    for d in range(departments):
        department = DepartmentFactory(code=f"{prefix}{d:02d}", name=f"规模部门{prefix}{d}")
        for n in range(units):
            unit = UnitFactory(department=department, code=f"{prefix}{d:02d}{n:03d}", name=f"规模单位{d}-{n}")
            Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2025)


@pytest.mark.django_db
def test_the_home_lists_departments_with_counts_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    fill(2, 3)
    with django_assert_max_num_queries(8) as few:
        page = client.get("/?year=2025").content.decode()
    assert '<tr data-department="900">' in page and "规模单位0-1" not in page
    assert '<a href="/2025/departments/901/">901 规模部门91</a>' in page
    assert [(line.department.code, line.units, line.pending) for line in department_counts(2025)] == [
        ("900", 3, 3), ("901", 3, 3),
    ]  # fmt: skip
    fill(5, 4, prefix="8")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/?year=2025").status_code == 200


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_search_by_any_part_of_a_name_or_code_uses_the_trigram_indexes():
    fill(1, 3)
    units = search_units("单位0-2").values("code")
    assert [u["code"] for u in units] == ["900002"]
    # The units' own condition, which the indexes serve: the page's ordering joins the departments, and after
    # the rest of the suite the planner may reach units through that join instead (seen on PostgreSQL 15).
    # On a few rows it may also walk the whole unique-code btree as a plain index scan (seen in CI); a bitmap
    # scan needs an index condition, so with plain scans off only the trigram indexes can answer the query.
    matching = Unit.objects.filter(Q(code__icontains="单位0-2") | Q(name__icontains="单位0-2")).values("code")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        sql, params = matching.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "unit_name_trgm" in plan and "unit_code_trgm" in plan


@pytest.mark.django_db
def test_the_api_pages_by_keyset_with_the_same_queries_on_every_page(
    client, monkeypatch, django_assert_max_num_queries
):
    fill(1, 5)
    Disclosure.objects.update(status="published")
    monkeypatch.setattr("public.views.api.PAGE_SIZE", 2)
    codes, url = [], "/api/disclosures/?year=2025"
    while url:
        with django_assert_max_num_queries(4):
            body = client.get(url).json()
        codes += [entry["unit"]["code"] for entry in body["results"]]
        url = body["next"]
    assert codes == [f"900{n:03d}" for n in range(5)]


def test_a_page_answered_recently_costs_no_database_query(client, report, django_assert_num_queries):  # noqa: F811
    first = client.get("/2025/309002/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get("/2025/309002/")
        unchanged = client.get("/2025/309002/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert unchanged.status_code == 304
    report.published_at = report.published_at.replace(day=12)
    report.save()  # a signal: the next request is answered afresh
    assert "2025-02-12" in client.get("/2025/309002/").content.decode()
