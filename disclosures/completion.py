"""How far each table of a disclosure's layout is filled in, and how many check findings point at it.

Entered tables count the rows the unit typed (table 1: the income figures that are not zero);
derived tables are complete by construction and are only empty or not.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from disclosures.checks import Finding, findings_for
from disclosures.layouts import get_layout
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData, code_book, load
from disclosures.tables.builders import BuiltTable, build_tables
from disclosures.tables.declaration import TableKey

ENTERED_ROWS: dict[str, Callable[[DisclosureData], int]] = {
    TableKey.INCOME_EXPENDITURE: lambda data: sum(1 for amount in data.income.values() if amount),
    TableKey.EXPENDITURE: lambda data: len(data.lines),
    TableKey.BASIC_BY_ECONOMIC: lambda data: len(data.basic),
    TableKey.THREE_PUBLIC: lambda data: len(data.three_public),
    TableKey.PROCUREMENT: lambda data: len(data.procurement),
    TableKey.SERVICE_PURCHASES: lambda data: len(data.service_purchases),
    TableKey.PERFORMANCE: lambda data: len(data.targets),
}


@dataclass(frozen=True)
class TableCompletion:
    key: str
    number: int
    code: str
    title: str
    entered: bool
    rows: int  # rows typed by the unit; 0 for a derived table
    is_empty: bool
    errors: int
    warnings: int

    @property
    def findings(self) -> int:
        return self.errors + self.warnings


def completion(
    data: DisclosureData, tables: Iterable[BuiltTable], findings: Iterable[Finding]
) -> list[TableCompletion]:
    """One entry per table, in the published order."""
    counts = Counter((finding.table, finding.severity) for finding in findings)
    result = []
    for table in tables:
        key = table.spec.key
        rows = ENTERED_ROWS[key](data) if key in ENTERED_ROWS else 0
        result.append(
            TableCompletion(
                key=key,
                number=table.spec.number,
                code=table.spec.code,
                title=str(table.spec.title),
                entered=table.spec.entered,
                rows=rows,
                is_empty=table.is_empty if not table.spec.entered else rows == 0,
                errors=counts[(key, "error")],
                warnings=counts[(key, "warning")],
            )
        )
    return result


@dataclass
class Overview:
    """A disclosure's data, its 12 tables as built, the check findings and each table's completion."""

    data: DisclosureData
    book: dict
    tables: list[BuiltTable]
    findings: list[Finding]
    completion: list[TableCompletion]

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_error]


def overview(disclosure: Disclosure, *, data: DisclosureData | None = None, book: dict | None = None) -> Overview:
    """Everything the overview and the table tabs show, with a fixed number of queries.

    ``data`` and ``book`` save reading them again when the caller has them already.
    """
    data = load(disclosure) if data is None else data
    book = code_book(disclosure.year) if book is None else book
    tables = build_tables(data, book, get_layout(disclosure.layout).tables)
    findings = findings_for(disclosure)
    return Overview(data, book, tables, findings, completion(data, tables, findings))
