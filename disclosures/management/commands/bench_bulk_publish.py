"""Time a bulk publication through the Celery workers: PDFs (publications) per second, and per core.

For benchmarks only (scripts/bench_bulk_publish starts the workers): the approved copies that
``bench_seed --approved`` loaded are published as the reviewer's bulk action would, one PublicationJob
per disclosure, and the clock runs until every job of the batch is done or failed.
"""

import os
import time

from celery import current_app
from django.core.management.base import BaseCommand, CommandError

from disclosures.choices import Status
from disclosures.models import BulkAction, Disclosure, PublicationJob
from disclosures.workflow.bulk import request_bulk_action
from public.management.commands.bench_seed import DEPARTMENT_PREFIX
from units.models import User

BENCH_REVIEWER = "bench-reviewer"


class Command(BaseCommand):
    help = "Publish N approved benchmark copies through the Celery workers and print PDFs per second (and per core)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50, help="approved disclosures to publish")
        parser.add_argument("--workers", type=int, required=True, help="worker processes running (for per core)")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--timeout", type=int, default=1800, help="seconds to wait for the batch")

    def handle(self, *args, count: int, workers: int, year: int, timeout: int, **options):
        if current_app.conf.task_always_eager:
            raise CommandError("REDIS_URL is not set: the jobs would run inline, not on the workers.")
        ids = list(
            Disclosure.objects.filter(
                year=year, status=Status.APPROVED, unit__department__code__startswith=DEPARTMENT_PREFIX
            )
            .order_by("unit__code")
            .values_list("pk", flat=True)[:count]
        )
        if len(ids) < count:
            raise CommandError(f"only {len(ids)} approved copies: load them with bench_seed --approved --units {count}")
        waited = 0
        while not current_app.control.ping(timeout=1):  # the clock starts once a worker answers
            waited += 1
            if waited > 120:
                raise CommandError("no Celery worker answered in two minutes.")
        reviewer, _ = User.objects.get_or_create(username=BENCH_REVIEWER, defaults={"role": User.Role.REVIEWER})
        started = time.perf_counter()
        bulk = request_bulk_action(action=BulkAction.Action.PUBLISH, year=year, disclosure_ids=ids, user=reviewer)
        jobs = PublicationJob.objects.filter(batch=bulk)
        while True:
            bulk.refresh_from_db()
            finished = jobs.exclude(state__in=PublicationJob.ACTIVE_STATES).count()
            if bulk.state == BulkAction.State.DONE and finished == jobs.count():
                break
            if time.perf_counter() - started > timeout:
                raise CommandError(f"{finished} of {count} publications finished in {timeout} s")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        done = jobs.filter(state=PublicationJob.State.DONE).count()
        cores = min(workers, os.cpu_count() or 1)
        self.stdout.write(
            f"{workers} worker(s): {done} of {count} published ({count - done} failed, "
            f"{len(bulk.refusals)} refused) in {elapsed:.1f} s: {done / elapsed:.2f} PDFs/s, "
            f"{done / elapsed / cores:.2f} PDFs/s per core ({cores} of {os.cpu_count()} cores)"
        )
