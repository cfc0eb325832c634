"""Two people saving one table: a table page's save is based on the rows the page showed.

The page carries its *base*, a fingerprint of each row of its table as read. A save whose base no
longer matches what is stored is refused only when someone else changed a row the saver now sets to
something else: saving table 7 never conflicts with a save of table 6, and two people typing the same
value do not conflict either. The refusal lists those rows with the other person's saved values beside
the saver's, who then takes theirs (reloads the page) or confirms the overwrite, which is a save based on
the rows the conflict showed: if they changed again meanwhile, that is a new conflict.
"""

import dataclasses
import hashlib
import json
from dataclasses import dataclass

from disclosures.excel.diff import Rows, entered_rows
from disclosures.snapshot import DisclosureData
from disclosures.table_writers import BasicContent, FiguresContent
from disclosures.tables.declaration import TableKey

# Where each entered table's content lives in a DisclosureData.
DATA_ATTRIBUTE = {
    TableKey.INCOME_EXPENDITURE: "income",
    TableKey.EXPENDITURE: "lines",
    TableKey.BASIC_BY_ECONOMIC: "basic",
    TableKey.THREE_PUBLIC: "three_public",
    TableKey.PROCUREMENT: "procurement",
    TableKey.SERVICE_PURCHASES: "service_purchases",
    TableKey.PERFORMANCE: "targets",
}


@dataclass(frozen=True)
class ConflictingField:
    label: str
    theirs: str  # as stored now ("" when the row is not there)
    mine: str  # as the saver typed it


@dataclass(frozen=True)
class ConflictingRow:
    label: str
    fields: list[ConflictingField]


def _fingerprint(label: str, values: dict[str, str]) -> str:
    text = json.dumps([label, values], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _fingerprints(rows: Rows) -> dict[str, str]:
    return {repr(key): _fingerprint(label, values) for key, (label, values) in rows.items()}


def table_base(table: str, data: DisclosureData, book: dict) -> str:
    """What a page showing ``data``'s table sends back as its base."""
    return json.dumps(_fingerprints(entered_rows(table, data, book)), sort_keys=True)


def with_content(data: DisclosureData, table: str, content) -> DisclosureData:
    """``data`` with one table's content replaced by what a page saves."""
    if isinstance(content, BasicContent):
        costs = data.operating_costs if content.operating_costs is None else content.operating_costs
        return dataclasses.replace(data, basic=content.rows, operating_costs=costs)
    if isinstance(content, FiguresContent):
        return dataclasses.replace(data, income=content.income, final=content.final, evaluations=content.evaluations)
    return dataclasses.replace(data, **{DATA_ATTRIBUTE[table]: content})


def _read_base(base: str) -> dict[str, str]:
    try:
        read = json.loads(base)
    except ValueError:
        return {}  # a mangled base: every stored row counts as changed by someone else
    return read if isinstance(read, dict) else {}


def conflicting_rows(
    table: str, base: str, stored: DisclosureData, mine: DisclosureData, book: dict
) -> list[ConflictingRow]:
    """The rows someone else changed since ``base`` that the saver would now set to other values."""
    based_on = _read_base(base)
    theirs, ours = entered_rows(table, stored, book), entered_rows(table, mine, book)
    rows = []
    keys = list(theirs) + [key for key in ours if key not in theirs]
    for key in keys:
        their_row, our_row = theirs.get(key), ours.get(key)
        now = _fingerprint(*their_row) if their_row is not None else None
        if now == based_on.get(repr(key)) or their_row == our_row:
            continue  # nobody else touched it, or both typed the same
        their_values = their_row[1] if their_row else {}
        our_values = our_row[1] if our_row else {}
        labels = list(their_values) + [label for label in our_values if label not in their_values]
        fields = [
            ConflictingField(label, their_values.get(label, ""), our_values.get(label, ""))
            for label in labels
            if their_values.get(label, "") != our_values.get(label, "")
        ]
        rows.append(ConflictingRow((their_row or our_row)[0], fields))
    return rows
