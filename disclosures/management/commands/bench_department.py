import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from catalogs.services import load_starter_catalogs
from disclosures import snapshot
from disclosures.synthetic import synthetic_department
from disclosures.tables.builders import build_tables


class Rollback(Exception):
    """Raised to undo the synthetic department once the timings are taken."""


class Command(BaseCommand):
    help = (
        "Time the consolidation of a department's document from N units (default 200): reading and summing "
        "the units' disclosures, then laying out every table (median of R runs). The synthetic department is "
        "created in a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=200, help="units in the department")
        parser.add_argument("--runs", type=int, default=5, help="runs per step (the median is printed)")

    def handle(self, *args, units: int, runs: int, **options):
        if units < 1 or runs < 1:
            raise CommandError("--units and --runs must be at least 1.")
        try:
            with transaction.atomic():
                load_starter_catalogs()
                document = synthetic_department("990", units)
                self._bench(document, units, runs)
                raise Rollback
        except Rollback:
            pass

    def _bench(self, document, units: int, runs: int) -> None:
        book = snapshot.code_book(document.year)
        timings: dict[str, list[float]] = {"consolidate": [], "tables": []}
        for _run in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                data = snapshot.load(document)
                timings["consolidate"].append(time.perf_counter() - started)
            started = time.perf_counter()
            build_tables(data, book)
            timings["tables"].append(time.perf_counter() - started)
        for step, values in timings.items():
            self.stdout.write(f"{step:12} {statistics.median(values) * 1000:8.1f} ms  ({units} units)")
        self.stdout.write(f"queries      {len(queries):8d}")
