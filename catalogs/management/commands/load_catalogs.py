from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogs import services
from catalogs.models import Scheme
from catalogs.reading import CatalogFileError, read_catalog
from catalogs.services import CatalogImportError, import_catalog, load_starter_catalogs


class Command(BaseCommand):
    help = (
        "Load the starter catalogs shipped with the portal (no arguments), import an official catalog "
        "(--file --scheme --year), or start a new year from the previous one (--clone-year FROM TO)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="CSV or XLSX with columns 科目编码/科目名称 (or code/name)")
        parser.add_argument("--scheme", choices=Scheme.values)
        parser.add_argument("--year", type=int)
        parser.add_argument("--clone-year", nargs=2, type=int, metavar=("FROM", "TO"))

    def handle(self, *args, file=None, scheme=None, year=None, clone_year=None, **options):
        if clone_year:
            reports = services.clone_year(from_year=clone_year[0], to_year=clone_year[1])
            if not reports:
                raise CommandError(f"{clone_year[0]}年没有任何科目可复制。")
        elif file:
            if not scheme or not year:
                raise CommandError("--file 需要同时给出 --scheme 和 --year。")
            try:
                entries = read_catalog(file.read_bytes(), file.name)
                reports = [import_catalog(scheme=scheme, year=year, entries=entries)]
            except FileNotFoundError as exc:
                raise CommandError(f"找不到文件：{file}") from exc
            except CatalogFileError as exc:
                raise CommandError(str(exc)) from exc
            except CatalogImportError as exc:
                raise CommandError(f"{file.name} 未导入任何科目，请更正以下错误：\n{exc}") from exc
        else:
            reports = load_starter_catalogs()
        for report in reports:
            self.stdout.write(report.summary())
            for code, old, new in report.renamed:
                self.stdout.write(f"  更名 {code}：{old} → {new}")
