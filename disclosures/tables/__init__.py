"""The 12 standard tables: their declaration and the builders that lay data out as published."""

from disclosures.tables.builders import BuiltTable, Row, build_table, build_tables, display
from disclosures.tables.declaration import ROUNDING_NOTE, TABLES, Column, EntryField, HeaderCell, TableSpec, spec

__all__ = [
    "ROUNDING_NOTE", "TABLES", "BuiltTable", "Column", "EntryField", "HeaderCell", "Row", "TableSpec",
    "build_table", "build_tables", "display", "spec",
]  # fmt: skip
