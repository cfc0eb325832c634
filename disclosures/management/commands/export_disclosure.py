import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from disclosures.formats import FORMATS, exporter
from disclosures.management.lookup import add_kind_argument, current_disclosure


class Command(BaseCommand):
    help = "Export one unit's disclosure for a year (the open version, else the published one)."

    def add_arguments(self, parser):
        parser.add_argument("unit_code")
        parser.add_argument("year", type=int)
        add_kind_argument(parser)
        parser.add_argument("--format", default="json", choices=sorted(FORMATS))
        parser.add_argument("--output", type=Path, help="file to write (standard output when omitted)")

    def handle(self, *args, unit_code: str, year: int, kind: str, format: str, output: Path | None, **options):
        disclosure = current_disclosure(unit_code, year, kind)
        content = exporter(format)(disclosure)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
            self.stderr.write(f"已写入 {output}（{len(content)} 字节）")
