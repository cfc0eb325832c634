import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import disclosures
from disclosures.excel.export import workbook_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.interchange import InterchangeError, parse
from disclosures.models import Disclosure
from disclosures.snapshot import code_book, load

SEED = Path(disclosures.__file__).resolve().parent / "demo" / "seed-002-2025.json"


def _median_ms(action, runs: int) -> tuple[float, float, float]:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), max(times)


class Command(BaseCommand):
    help = (
        "Time the Excel export (content → .xlsx) and import (parse + validate, nothing saved) of a disclosure: "
        "the unit's stored disclosure when there is one, else seed 002; median of --runs runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="309002")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, unit: str, year: int, runs: int, **options):
        if runs < 1:
            raise CommandError("--runs 至少为1。")
        disclosure = Disclosure.objects.for_unit_year(unit, year).order_by("-version").first()
        if disclosure is not None:
            data, source = load(disclosure), str(disclosure)
        else:
            try:
                data, source = parse(SEED.read_bytes()), "seed 002 (disclosures/demo/seed-002-2025.json)"
            except InterchangeError as exc:
                raise CommandError(
                    "找不到该单位的公开材料，也无法读取seed 002（请先运行 load_demo 导入目录）。"
                ) from exc
        book = code_book(data.year)
        raw = workbook_bytes(data, book)
        parse_workbook(raw)  # the first run imports modules and warms caches; it is not timed
        export = _median_ms(lambda: workbook_bytes(data, book), runs)
        imported = _median_ms(lambda: parse_workbook(raw), runs)
        self.stdout.write(f"{source}：{len(raw)} 字节，{runs} 次")
        for label, (median, low, high) in (("导出 export", export), ("导入 import（解析+校验）", imported)):
            self.stdout.write(f"{label}: 中位数 {median:.1f} ms（最快 {low:.1f}，最慢 {high:.1f}）")
