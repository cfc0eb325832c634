"""Time the pages that grow with the number of units, in-process, uncached: server time, size, queries.

Run against a database filled by ``bench_seed`` (scripts/bench_scale does both on PostgreSQL). Each page is
asked ``--repeat`` times with every cache emptied before each request (the shared one and each process's own
copy of the public pages); the medians of the server time and of the time spent in the database are printed.
The database time is the steadier figure when other processes load the machine.
"""

import statistics
import time

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from public.queries import published
from units.models import Unit, User

REVIEWER = "bench-reviewer"
# Issue 16's goals at 10,000 units: (label prefix, most server milliseconds, most kilobytes).
GOALS = (("review list", 300, 300), ("public home", 100, 300))


def verdict(label: str, milliseconds: float, kilobytes: float) -> str:
    """``≤300 ms, ≤300 KB: met`` (or ``NOT met``) for a page that has a goal, else nothing."""
    for prefix, most_ms, most_kb in GOALS:
        if label.startswith(prefix):
            met = milliseconds <= most_ms and kilobytes <= most_kb
            return f"≤{most_ms} ms, ≤{most_kb} KB: {'met' if met else 'NOT met'}"
    return ""


class QueryTimer:
    """Counts the queries and adds up the time each spends in the database (a connection.execute_wrapper)."""

    def __init__(self):
        self.queries, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.seconds += time.perf_counter() - started


def pages(year: int, unit: Unit) -> list[tuple[str, str, bool]]:
    """(label, path, needs a reviewer's login)."""
    review = f"/workspace/review/{year}/"
    jurisdiction = unit.department.jurisdiction_id or ""
    return [
        ("review list", review, True),
        ("review list, page 100", f"{review}?page=100", True),
        ("review list, state 已公开", f"{review}?status=published", True),
        ("review list, state 已公开, page 100", f"{review}?status=published&page=100", True),
        ("review list, state 草稿", f"{review}?status=draft", True),
        ("review list, department", f"{review}?department={unit.department_id}", True),
        ("review list, jurisdiction, page 100", f"{review}?jurisdiction={jurisdiction}&page=100", True),
        ("review list, kind 决算", f"{review}?kind=final", True),
        ("review list, has errors", f"{review}?errors=on", True),
        ("review list, search 单位0999", f"{review}?q=%E5%8D%95%E4%BD%8D0999", True),
        ("review list, overdue, by deadline", f"{review}?overdue=on&sort=deadline", True),
        ("review list, overdue, page 100", f"{review}?overdue=on&page=100", True),
        ("review list, by status, page 100", f"{review}?sort=status&page=100", True),
        ("review list, by errors", f"{review}?sort=errors", True),
        ("review list, by activity", f"{review}?sort=activity", True),
        ("public home", f"/?year={year}", False),
        ("department page", f"/{year}/departments/{unit.department.code}/", False),
        ("search 单位0999", "/search/?q=%E5%8D%95%E4%BD%8D0999", False),
        ("API first page", f"/api/disclosures/?year={year}", False),
        ("API page after the 5,000th unit", None, False),
        ("report", f"/{year}/{unit.code}/", False),
    ]


class Command(BaseCommand):
    help = "Print server time (median), size and queries of the review list, home, search, API and report."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, year: int, repeat: int, **options):
        reviewer, _created = User.objects.get_or_create(username=REVIEWER, defaults={"role": User.Role.REVIEWER})
        unit = Unit.objects.filter(disclosures__year=year).order_by("code").first()
        anonymous, staff = Client(), Client()
        staff.force_login(reviewer)
        self.stdout.write(f"{Unit.objects.count()} units, {connection.vendor}")
        self.stdout.write(f"{'page':44} {'ms':>8} {'db ms':>8} {'KB':>8} {'queries':>8}  goal")
        for label, path, needs_login in pages(year, unit):
            path = path or self.deep_api_page(year)
            client = staff if needs_login else anonymous
            timings, database, size, queries = [], [], 0, 0
            for _attempt in range(repeat):
                for each in caches.all():
                    each.clear()
                timer = QueryTimer()
                with connection.execute_wrapper(timer):
                    started = time.perf_counter()
                    response = client.get(path, HTTP_HOST="127.0.0.1")
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
                size, queries = len(response.content), timer.queries
                database.append(timer.seconds)
            median, in_database = statistics.median(timings) * 1000, statistics.median(database) * 1000
            self.stdout.write(
                f"{label:44} {median:8.1f} {in_database:8.1f} {size / 1024:8.1f} {queries:8d}  "
                f"{verdict(label, median, size / 1024)}".rstrip()
            )

    @staticmethod
    def deep_api_page(year: int) -> str:
        """The API page that begins after the 5,000th report (its keyset cursor)."""
        codes = published().filter(year=year).order_by("unit__code").values_list("unit__code", flat=True)
        return f"/api/disclosures/?year={year}&after={year}/{codes[4999]}"
