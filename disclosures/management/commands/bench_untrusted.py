import time

from django.core.management.base import BaseCommand

from disclosures.excel.export import workbook_bytes
from disclosures.excel.hostile import hostile_workbooks
from disclosures.excel.importer import parse_workbook
from disclosures.excel.reading import WorkbookError
from disclosures.interchange import parse
from disclosures.management.commands.bench_excel import SEED
from disclosures.snapshot import code_book


class Command(BaseCommand):
    help = (
        "Import every workbook of the fuzz set (disclosures.excel.hostile, made from seed 002) and print the CPU "
        "time of each and the worst accepted and refused ones; any exception but a refusal is a failure."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mutations", type=int, default=300)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument("--quiet", action="store_true", help="print only the summary")

    def handle(self, *args, mutations: int, seed: int, quiet: bool, **options):
        data = parse(SEED.read_bytes())
        raw = workbook_bytes(data, code_book(data.year))
        parse_workbook(raw)  # imports modules and warms caches; not counted
        results = []
        for name, content in hostile_workbooks(raw, mutations=mutations, seed=seed):
            started = time.process_time()
            try:
                parse_workbook(content)
                outcome, detail = "accepted", ""
            except WorkbookError as exc:
                outcome, detail = "refused", exc.errors[0][:60]
            cpu = time.process_time() - started
            results.append((cpu, outcome, name, len(content)))
            if not quiet:
                self.stdout.write(f"{cpu:7.3f} s  {outcome:8}  {len(content) / 1024:9.0f} KB  {name}  {detail}")
        for outcome in ("accepted", "refused"):
            chosen = [result for result in results if result[1] == outcome]
            if chosen:
                cpu, _outcome, name, size = max(chosen)
                self.stdout.write(f"{len(chosen)} {outcome}; worst {cpu:.3f} s CPU: {name} ({size / 1024:.0f} KB)")
        self.stdout.write(f"{len(results)} workbooks, none crashed")
