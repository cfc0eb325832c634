from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.choices import Kind
from disclosures.excel.importer import parse_workbook
from disclosures.interchange import InterchangeError, parse
from disclosures.management.documents import add_kind_argument
from disclosures.services import DisclosureRefused, import_disclosure

# How each kind of file becomes a DisclosureData; both raise InterchangeError listing every problem.
PARSERS = {
    ".json": parse,
    ".xlsx": lambda raw: parse_workbook(raw).data,
}


class Command(BaseCommand):
    help = "Import one unit's disclosure from a budget-disclosure/1 JSON file or a workbook (.xlsx) of the portal."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--replace", action="store_true", help="overwrite the unit's existing draft")
        add_kind_argument(parser, default=None)  # the file's own kind unless given

    def handle(self, *args, file: Path, replace: bool, kind: str | None, **options):
        parser = PARSERS.get(file.suffix.lower())
        if parser is None:
            raise CommandError(f"不支持的文件类型“{file.suffix}”：请使用 .json 或 .xlsx 文件。")
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror}") from exc
        try:
            data = parser(raw)
            if kind is not None and data.kind != kind:
                stated = Kind(data.kind).label
                raise CommandError(f"{file.name} 是{stated}（kind 为 {data.kind}），与 --kind {kind} 不符，未导入。")
            disclosure = import_disclosure(data=data, replace=replace)
        except InterchangeError as exc:
            lines = [f"{file.name} 未导入，共{len(exc.errors)}处错误：", *exc.errors]
            if exc.missing_codes:
                lines.append(f"系统管理员可在后台页面 {exc.missing_codes.admin_url()} 一次增补这些科目。")
            raise CommandError("\n".join(lines)) from exc
        except DisclosureRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"已导入：{disclosure}"))
        for notice in data.import_warnings:
            self.stdout.write(self.style.WARNING(f"注意：{notice}"))
