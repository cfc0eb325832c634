import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogs.services import load_starter_catalogs
from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.narrative import compose
from disclosures.rendering.document import build_context, is_final, read_sources
from disclosures.rendering.export import pdf_from_html, render_standalone
from disclosures.services import DisclosureRefused, import_disclosure

PDF_GOAL_SECONDS = 1.5  # issue 16: seed 002's PDF
PDF_STEP = "PDF render (HTML → PDF)"
SEED = Path(__file__).resolve().parents[2] / "demo" / "seed-002-2025.json"


class Rollback(Exception):
    """Raised to undo the throwaway import once the timings are taken."""


class Command(BaseCommand):
    help = (
        "Time the document's rendering: snapshot load, narrative compose, HTML and PDF (median of N runs). "
        "Uses seed 002 imported in a transaction that is rolled back, or an existing disclosure."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="runs per step (the median is printed)")
        parser.add_argument("--unit", help="unit code of an existing disclosure (default: seed 002, not kept)")
        parser.add_argument("--year", type=int, help="year of the existing disclosure")
        parser.add_argument("--output", type=Path, help="also write the last PDF rendered to this file")

    def handle(self, *args, runs: int, unit: str | None, year: int | None, output: Path | None, **options):
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per page and step
        if runs < 1:
            raise CommandError("--runs must be at least 1.")
        if bool(unit) != bool(year):
            raise CommandError("give both --unit and --year, or neither.")
        if unit:
            disclosure = (
                Disclosure.objects.for_unit_year(unit, year)
                .select_related("unit__department__jurisdiction")
                .order_by("-version")
            ).first()
            if disclosure is None:
                raise CommandError(f"no disclosure of unit {unit} for {year}.")
            self._bench(disclosure, runs, output)
            return
        try:
            with transaction.atomic():
                load_starter_catalogs()
                disclosure = import_disclosure(data=parse(SEED.read_bytes()), replace=True)
                disclosure = Disclosure.objects.select_related("unit__department__jurisdiction").get(pk=disclosure.pk)
                self._bench(disclosure, runs, output)
                raise Rollback
        except Rollback:
            self.stdout.write("(the throwaway import of seed 002 was rolled back)")
        except DisclosureRefused as refused:
            raise CommandError(f"{refused} Use --unit and --year to time an existing disclosure.") from refused

    def _bench(self, disclosure: Disclosure, runs: int, output: Path | None) -> None:
        draft = not is_final(disclosure)
        sources = read_sources(disclosure)
        document = compose(sources.data, sources.book, sources.previous)
        html = render_standalone(build_context(disclosure, sources, document, draft=draft))
        # The process's first PDF also loads WeasyPrint's fonts: reported apart from the median.
        start = time.perf_counter()
        pdf = pdf_from_html(html)
        first_pdf = time.perf_counter() - start
        steps: list[tuple[str, Callable[[], object]]] = [
            ("snapshot load", lambda: read_sources(disclosure)),
            ("narrative compose", lambda: compose(sources.data, sources.book, sources.previous)),
            ("HTML render", lambda: render_standalone(build_context(disclosure, sources, document, draft=draft))),
            (PDF_STEP, lambda: pdf_from_html(html)),
        ]
        self.stdout.write(
            f"{disclosure} ({disclosure.status}), median of {runs} runs (wall clock / CPU of this process):"
        )
        totals, walls = [0.0, 0.0], {}
        for label, step in steps:
            timings = [_timed(step) for _ in range(runs)]
            wall, cpu = (statistics.median(timing[i] for timing in timings) for i in (0, 1))
            totals, walls[label] = [totals[0] + wall, totals[1] + cpu], wall
            self.stdout.write(f"  {label:<26} {wall * 1000:9.1f} ms / {cpu * 1000:9.1f} ms")
        self.stdout.write(f"  {'total':<26} {totals[0] * 1000:9.1f} ms / {totals[1] * 1000:9.1f} ms")
        met = "met" if walls[PDF_STEP] < PDF_GOAL_SECONDS else "NOT met"
        self.stdout.write(f"  {'goal: PDF under':<26} {PDF_GOAL_SECONDS * 1000:9.1f} ms: {met}")
        self.stdout.write(f"  {'first PDF in the process':<26} {first_pdf * 1000:9.1f} ms")
        self.stdout.write(f"  HTML size {len(html.encode('utf-8')):,} bytes; PDF size {len(pdf):,} bytes")
        if output is not None:
            output.write_bytes(pdf)
            self.stdout.write(f"  PDF written to {output}")


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU time is steadier on a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu
