"""Machine-readable copies of published reports: their tables as CSV, the year's bulk download.

Everything is generated from the frozen data of a published version (a published version is never
edited: a correction is a new version), so a file made today equals the one made at publication.
Results are cached by disclosure id and version, and the bulk download by the year's fingerprint.
"""

import csv
import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from disclosures import interchange, snapshot
from disclosures.choices import Kind
from disclosures.formats import file_name
from disclosures.formula_guard import inert_row
from disclosures.layouts import get_layout
from disclosures.models import Disclosure
from disclosures.tables.builders import BuiltTable, build_tables
from disclosures.tables.declaration import AMOUNT, Column, TableSpec
from public import fiscal
from public.caching import cached
from public.department_documents import published_department_documents_of_year
from public.queries import OPEN_DATA_KINDS, published

CSV_ENCODING = "utf-8-sig"  # with a BOM, so that Excel opens the Chinese text correctly


def column_labels(spec: TableSpec) -> list[str]:
    """One header per printed column: the labels from the top header row down, amounts marked 万元."""

    def walk(column: Column, path: tuple[str, ...]):
        path = (*path, str(column.label))
        if not column.children:
            yield "·".join(path) + (_("（万元）") if column.kind == AMOUNT else "")
        for child in column.children:
            yield from walk(child, path)

    return [label for column in spec.columns for label in walk(column, ())]


def table_csv(table: BuiltTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(inert_row(column_labels(table.spec)))
    writer.writerows(inert_row(cells) for _row, cells in table.display_rows())
    return buffer.getvalue().encode(CSV_ENCODING)


def table_file_name(disclosure: Disclosure, number: int) -> str:
    """``309002-2025-table-03.csv`` for a budget's table, ``309002-2025-final-table-03.csv`` for a 决算's."""
    kind = "" if disclosure.kind == Kind.BUDGET else f"{disclosure.kind}-"
    return f"{disclosure.unit.code}-{disclosure.year}-{kind}table-{number:02d}.csv"


def _exports(disclosure: Disclosure, book: dict | None = None) -> dict:
    data = snapshot.load(disclosure)
    book = book if book is not None else snapshot.code_book(disclosure.year)
    tables = build_tables(data, book, get_layout(disclosure.layout).tables)
    return {
        "json": interchange.dumps(data).encode("utf-8"),
        "tables": {table.spec.number: table_csv(table) for table in tables},
    }


def exports(disclosure: Disclosure, book: dict | None = None) -> dict:
    """The budget-disclosure/1 document and the table CSVs of one published version (cached).

    ``book`` is the year's catalog (snapshot.code_book) when the caller exports many reports of a year.
    """
    stamp = disclosure.published_at.timestamp() if disclosure.published_at else ""
    return cached(f"public:exports:{disclosure.pk}:{disclosure.version}:{stamp}", lambda: _exports(disclosure, book))


def fiscal_descriptor(year: int, digest: str) -> bytes:
    """The year's datapackage.json (cached under the year's fingerprint)."""
    return cached(f"public:datapackage:{year}:{digest}", lambda: fiscal.descriptor_bytes(fiscal.package(year)))


def fiscal_csv(year: int, name: str, digest: str) -> bytes:
    """One resource of the year's Fiscal Data Package (cached under the year's fingerprint)."""
    return cached(f"public:fdp:{year}:{name}:{digest}", lambda: fiscal.resource_csv(year, name))


ARCHIVE_FOLDER = "open-data"


def year_archive(year: int, digest: str) -> str:
    """The name in storage of the zip of every published report of a year (budgets and 决算, JSON and CSV,
    with the year's Fiscal Data Package), built on first use.

    Stored, not cached: at a province's scale the zip is far larger than a cache entry should be, and in
    object storage every web and worker machine sees the same file. Its name carries the year's
    fingerprint (``queries.year_fingerprint``): a new publication makes a new archive.
    """
    name = f"{ARCHIVE_FOLDER}/unit-budgets-{year}-{digest}.zip"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(_build_archive(year, digest)))
    return name


def _build_archive(year: int, digest: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", fiscal_descriptor(year, digest))
        for resource in fiscal.RESOURCES:
            archive.writestr(resource.path, fiscal_csv(year, resource.name, digest))
        book = snapshot.code_book(year)
        for disclosure in published(OPEN_DATA_KINDS).filter(year=year).order_by("unit__code", "kind"):
            folder = f"{disclosure.unit.code}/"
            files = exports(disclosure, book)
            archive.writestr(folder + file_name(disclosure, "json"), files["json"])
            for number, content in files["tables"].items():
                archive.writestr(folder + table_file_name(disclosure, number), content)
        for document in published_department_documents_of_year(year):
            archive.writestr(f"departments/{file_name(document, 'json')}", exports(document, book)["json"])
    return buffer.getvalue()
