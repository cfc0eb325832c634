"""Fill a throwaway database with many published reports: seed 002's content copied to N units.

For benchmarks only (scripts/bench_public). Seed 002 is imported and published once, its files
rendered once; every copy gets the same rows through bulk inserts (a few hundred statements for
1,000 units, not one import each), the workflow events of its way to publication, as a real one has,
and PublishedFile rows pointing at the same stored files.
"""

from pathlib import Path

from celery import current_app
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from catalogs.services import load_starter_catalogs
from disclosures.choices import Status
from disclosures.interchange import parse
from disclosures.models import (
    BasicExpenditure,
    Disclosure,
    ExpenditureLine,
    Explanation,
    Income,
    PerformanceIndicator,
    PerformanceTarget,
    PriorYear,
    PriorYearFunctionClass,
    ProcurementItem,
    PublishedFile,
    ServicePurchaseItem,
    ThreePublicCosts,
    WorkflowEvent,
)
from disclosures.services import import_disclosure
from disclosures.workflow.publication import render_all, stored_name
from units.models import Department, Unit

SEED = Path(__file__).resolve().parents[3] / "disclosures" / "demo" / "seed-002-2025.json"
DEPARTMENT_PREFIX = "8"  # bench departments are 800, 801, …: clear of real codes in the demo data
BATCH = 1000
ROW_MODELS = (ExpenditureLine, BasicExpenditure, ThreePublicCosts, ProcurementItem, ServicePurchaseItem, Explanation)
DISCLOSURE_FIELDS = (
    "layout", "duties", "organisation", "annual_tasks", "operating_costs", "state_assets", "budget_approved_on",
)  # fmt: skip


def copies(model, rows: list, disclosure_ids: list[int], link: str = "disclosure_id") -> list:
    """Each row once per disclosure, with every column copied but the id and the link to the disclosure."""
    columns = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", link)]
    return [
        model(**{link: disclosure_id}, **{column: getattr(row, column) for column in columns})
        for disclosure_id in disclosure_ids
        for row in rows
    ]


class Command(BaseCommand):
    help = "Load N published copies of seed 002 into the database (for benchmarks; use a throwaway database)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--departments", type=int, default=40)
        parser.add_argument(
            "--approved", action="store_true", help="leave the copies approved, without files, for a worker to publish"
        )

    def handle(self, *args, units: int, departments: int, approved: bool, **options):
        if Department.objects.filter(code__startswith=DEPARTMENT_PREFIX).exists():
            raise CommandError("The benchmark data is already loaded in this database.")
        load_starter_catalogs()
        template = self.published_template()
        # Every bulk insert of content asks for the workspace's finding counts to be refreshed (run inline
        # without a broker). The copies are published at once and never edited: queue those requests instead
        # of running ten per copy inline, which would take minutes for 1,000 copies.
        eager = current_app.conf.task_always_eager
        current_app.conf.task_always_eager = False
        try:
            self.copy_template(template, units, departments, approved=approved)
        finally:
            current_app.conf.task_always_eager = eager
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # As autovacuum would soon: the planner needs the new tables' sizes, and index-only scans need
                # the visibility map of the rows just written. VACUUM cannot run in a transaction (a test's).
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        state = "approved" if approved else "published"
        self.stdout.write(f"{units} {state} copies of seed 002 in {departments} departments.")

    @transaction.atomic
    def copy_template(self, template: Disclosure, units: int, departments: int, *, approved: bool) -> None:
        ids = self.create_disclosures(template, units, departments)
        self.copy_content(template, ids)
        self.record_events(ids, published=not approved)
        if approved:
            return  # scripts/bench_bulk_publish has the workers render and store the files
        self.copy_files(template, ids)
        # Published last: a published version's content cannot be written any more.
        Disclosure.objects.filter(pk__in=ids).update(status=Status.PUBLISHED, published_at=timezone.now())

    def published_template(self) -> Disclosure:
        """Seed 002 imported and published once, with every format rendered and stored."""
        disclosure = import_disclosure(data=parse(SEED.read_bytes()), replace=True)
        for rendered in render_all(disclosure):
            stored = PublishedFile(disclosure=disclosure, format=rendered.format, sha256=rendered.sha256,
                                   size=len(rendered.content))  # fmt: skip
            stored.file.save(stored_name(disclosure, rendered.format), ContentFile(rendered.content), save=True)
        disclosure.status = Status.PUBLISHED
        disclosure.published_at = timezone.now()
        disclosure.save()
        return disclosure

    def create_disclosures(self, template: Disclosure, units: int, departments: int) -> list[int]:
        created_departments = Department.objects.bulk_create(
            Department(code=f"{DEPARTMENT_PREFIX}{n:02d}", name=f"基准测试部门{n:02d}") for n in range(departments)
        )
        created_units = Unit.objects.bulk_create(
            (
                Unit(
                    department=created_departments[n % departments],
                    code=f"{created_departments[n % departments].code}{n // departments + 1:04d}",
                    name=f"基准测试单位{n:04d}",
                    type=template.unit.type,
                )
                for n in range(units)
            ),
            batch_size=BATCH,
        )
        disclosures = Disclosure.objects.bulk_create(
            (
                Disclosure(unit=unit, year=template.year, kind=template.kind, status=Status.APPROVED,
                           **{name: getattr(template, name) for name in DISCLOSURE_FIELDS})
                for unit in created_units
            ),
            batch_size=BATCH,
        )  # fmt: skip
        return [disclosure.pk for disclosure in disclosures]

    def copy_content(self, template: Disclosure, ids: list[int]) -> None:
        for model in (*ROW_MODELS, Income, PriorYear):
            model.objects.bulk_create(copies(model, list(model.objects.filter(disclosure=template)), ids), BATCH)
        classes = list(PriorYearFunctionClass.objects.filter(prior_year_id=template.pk))
        PriorYearFunctionClass.objects.bulk_create(copies(PriorYearFunctionClass, classes, ids, "prior_year_id"), BATCH)
        targets = list(PerformanceTarget.objects.filter(disclosure=template).order_by("position", "id"))
        indicators = {t.pk: list(t.indicators.order_by("position", "id")) for t in targets}
        created = PerformanceTarget.objects.bulk_create(copies(PerformanceTarget, targets, ids), BATCH)
        PerformanceIndicator.objects.bulk_create(self.indicator_copies(created, targets, indicators), batch_size=BATCH)

    @staticmethod
    def indicator_copies(created: list, targets: list, indicators: dict):
        for new, original in zip(created, targets * (len(created) // max(len(targets), 1)), strict=True):
            for indicator in copies(PerformanceIndicator, indicators[original.pk], [new.pk], "target_id"):
                indicator.target = new  # the row knows its disclosure without a query
                yield indicator

    @staticmethod
    def record_events(ids: list[int], *, published: bool) -> None:
        steps = [("submit", Status.DRAFT, Status.SUBMITTED), ("approve", Status.SUBMITTED, Status.APPROVED)]
        if published:
            steps.append(("publish", Status.APPROVED, Status.PUBLISHED))
        WorkflowEvent.objects.bulk_create(
            (
                WorkflowEvent(disclosure_id=pk, transition=name, from_status=source, to_status=target)
                for pk in ids
                for name, source, target in steps
            ),
            batch_size=BATCH,
        )

    def copy_files(self, template: Disclosure, ids: list[int]) -> None:
        files = list(template.published_files.all())
        PublishedFile.objects.bulk_create(
            (
                PublishedFile(disclosure_id=pk, format=f.format, file=f.file.name, sha256=f.sha256, size=f.size)
                for pk in ids
                for f in files
            ),
            batch_size=BATCH,
        )
