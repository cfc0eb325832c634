"""python manage.py audit_document FILE [--layout KEY] [--year Y] [--format text|json|html|xlsx] [--output F]

FILE is a PDF with a text layer, a .txt or a .docx; a folder or a .zip of them is audited as a batch
(one summary). Exits 1 when any document has an error-level finding or cannot be read.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audits import report
from audits.audit import audit_file
from audits.batch import audit_all, members_of
from audits.layouts import LAYOUTS
from audits.reading import UnreadableDocument


class Command(BaseCommand):
    help = "核查已公开的预算/决算公开文档（PDF、TXT、DOCX，或其文件夹、zip），列出所有不一致的数字。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--layout", choices=sorted(LAYOUTS), help="版式（默认自动识别）")
        parser.add_argument("--year", type=int, help="年度（默认从标题识别）")
        parser.add_argument("--format", choices=[*report.FORMATS, "xlsx"], default="text")
        parser.add_argument("--output", help="写入文件（xlsx必须指定）")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        audit_options = {"layout": options["layout"], "year": options["year"]}
        try:
            if path.is_dir() or path.suffix.lower() == ".zip":
                results = audit_all(members_of(path), **audit_options)
            else:
                results = [audit_file(path.name, path.read_bytes(), **audit_options)]
        except UnreadableDocument as exc:
            raise CommandError(str(exc)) from exc
        output = self._render(results, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
            self.stdout.write(f"已写入 {options['output']}")
        elif isinstance(output, bytes):
            raise CommandError("xlsx格式请用 --output 指定文件。")
        else:
            self.stdout.write(output)
        if any(result.has_errors for result in results):
            sys.exit(1)

    def _render(self, results, fmt: str):
        if fmt == "json":
            return report.as_json(results)
        if fmt == "html":
            return report.as_html(results)
        if fmt == "xlsx":
            return report.as_xlsx(results)
        return "\n".join(report.as_text(result) for result in results)
