"""What the document templates show: the narrative's parts and the layout's tables laid out for HTML.

Everything is read once through ``snapshot`` (a fixed number of queries whatever the disclosure's
size); the narrative composes parts 一–四 from those values and the table builders lay out part 五.
"""

from dataclasses import dataclass

from catalogs.models import ClassificationCode
from disclosures import snapshot
from disclosures.choices import Status
from disclosures.models import FROZEN_STATUSES, Disclosure
from disclosures.narrative import Document, compose
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import BuiltTable, build_tables
from disclosures.tables.declaration import ROUNDING_NOTE, HeaderCell, TableSpec

# Tables 1 and 4 print income and expenditure side by side: each side names its own row.
SIDE_BY_SIDE_HEADERS = ("income_item", "expenditure_item")
# Otherwise the first of these a row fills in names it (a project, else an organisation or code name, else a fund).
ROW_NAMING_KEYS = ("project", "name", "fund")


@dataclass(frozen=True)
class Cell:
    key: str
    kind: str
    text: str
    is_row_header: bool


@dataclass(frozen=True)
class TableRow:
    kind: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TableView:
    """One published table ready for a template: header rows with spans, body rows of printed cells."""

    spec: TableSpec
    header_rows: list[list[HeaderCell]]
    rows: list[TableRow]
    note: str


def _row_header_keys(keys: list[str], cells: dict[str, object]) -> set[str]:
    side_by_side = {key for key in SIDE_BY_SIDE_HEADERS if key in keys}
    if side_by_side:
        return side_by_side
    return next(({key} for key in ROW_NAMING_KEYS if key in keys and cells.get(key)), set())


def table_view(built: BuiltTable) -> TableView:
    leaves = built.spec.leaves
    keys = [leaf.key for leaf in leaves]
    rows = []
    for row, texts in built.display_rows():
        headers = _row_header_keys(keys, row.cells)
        # An empty cell names nothing (e.g. the shorter side of table 1): a row header must have a text.
        cells = tuple(
            Cell(leaf.key, leaf.kind, text, leaf.key in headers and bool(text))
            for leaf, text in zip(leaves, texts, strict=True)
        )
        rows.append(TableRow(row.kind, cells))
    return TableView(built.spec, built.spec.header_rows(), rows, built.note)


def is_draft(disclosure: Disclosure) -> bool:
    """Whether a page showing the disclosure marks it 草稿: anything the public has not been shown yet."""
    return disclosure.status not in FROZEN_STATUSES


def is_final(disclosure: Disclosure) -> bool:
    """Whether the content is the one published: approved (the files are rendered before the status
    changes to published), published or superseded. Exported files of anything else are marked 草稿."""
    return disclosure.status == Status.APPROVED or disclosure.status in FROZEN_STATUSES


@dataclass(frozen=True)
class Sources:
    """What the document is made from: the content, the year's catalog, last year's published content."""

    data: DisclosureData
    book: dict[tuple[str, str], ClassificationCode]
    previous: DisclosureData | None


def read_sources(disclosure: Disclosure) -> Sources:
    """All the document's reads, a fixed number of queries whatever the disclosure's size.

    ``disclosure`` should come with ``unit__department`` selected (as the access helpers return it).
    """
    return Sources(snapshot.load(disclosure), snapshot.code_book(disclosure.year), snapshot.load_previous(disclosure))


def build_context(disclosure: Disclosure, sources: Sources, document: Document, *, draft: bool) -> dict:
    """The templates' context from what was read and composed (no queries)."""
    return {
        "disclosure": disclosure,
        "document": document,
        "tables": [
            table_view(built)
            for built in build_tables(sources.data, sources.book, document.layout.tables.at_level(sources.data.level))
        ],
        "rounding_note": ROUNDING_NOTE,
        "draft": draft,
    }


def document_context(disclosure: Disclosure, *, draft: bool) -> dict:
    """The context of templates/document/_body.html (and the cover, preview and standalone pages)."""
    sources = read_sources(disclosure)
    document = compose(sources.data, sources.book, sources.previous)
    return build_context(disclosure, sources, document, draft=draft)
