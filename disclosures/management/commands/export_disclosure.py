import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from disclosures.formats import FORMATS, exporter
from disclosures.management.documents import add_document_arguments, find_document


class Command(BaseCommand):
    help = (
        "Export one unit's disclosure for a year, or with --department the department's consolidated document "
        "(the open version, else the published one)."
    )

    def add_arguments(self, parser):
        add_document_arguments(parser)
        parser.add_argument("--format", default="json", choices=sorted(FORMATS))
        parser.add_argument("--output", type=Path, help="file to write (standard output when omitted)")

    def handle(self, *args, code: str, year: int, department: bool, kind: str, format: str, output, **options):
        disclosure = find_document(code, year, department=department, kind=kind)
        content = exporter(format)(disclosure)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
            self.stderr.write(f"已写入 {output}（{len(content)} 字节）")
