import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.formats import FORMATS, exporter
from disclosures.models import Disclosure


class Command(BaseCommand):
    help = "Export one unit's disclosure for a year (the open version, else the published one)."

    def add_arguments(self, parser):
        parser.add_argument("unit_code")
        parser.add_argument("year", type=int)
        parser.add_argument("--format", default="json", choices=sorted(FORMATS))
        parser.add_argument("--output", type=Path, help="file to write (standard output when omitted)")

    def handle(self, *args, unit_code: str, year: int, format: str, output: Path | None, **options):
        disclosure = (
            Disclosure.objects.for_unit_year(unit_code, year)
            .select_related("unit__department__jurisdiction")
            .order_by("-version")
        ).first()
        if disclosure is None:
            raise CommandError(f"找不到单位 {unit_code} {year}年的公开材料。")
        content = exporter(format)(disclosure)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
            self.stderr.write(f"已写入 {output}（{len(content)} 字节）")
