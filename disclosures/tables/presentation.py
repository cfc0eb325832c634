"""Which table set names the tables while a disclosure is checked or imported.

A check or an import message names a table as the disclosure's layout prints it (预算公开05表, 表5):
the caller runs them inside ``naming_tables_of(layout.tables)``, as ``translation.override`` sets the
language, so that no rule needs to be handed the layout. Outside it, the default layout's set names them.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from disclosures.tables.declaration import TableSet, TableSpec

_naming: ContextVar[TableSet | None] = ContextVar("naming_table_set", default=None)


@contextmanager
def naming_tables_of(tables: TableSet) -> Iterator[TableSet]:
    token = _naming.set(tables)
    try:
        yield tables
    finally:
        _naming.reset(token)


def naming_set() -> TableSet:
    tables = _naming.get()
    if tables is None:
        from disclosures.layouts import DEFAULT_LAYOUT_KEY, get_layout  # the layouts import the checks

        tables = get_layout(DEFAULT_LAYOUT_KEY).tables
    return tables


def named_spec(key: str) -> TableSpec:
    """The table as the set in force publishes it (or as declared, when that set does not publish it)."""
    return naming_set().spec(key)
