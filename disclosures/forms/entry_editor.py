"""What every entered table's page has in common: the entry unit, the version read, errors and grid cells.

An editor is filled from the saved data (GET) or bound to a POST; it validates every row, names the
table, row and column of each error, and hands ``editing.save_table`` the table's content.
"""

import json
from abc import ABC, abstractmethod
from decimal import Decimal

from django import forms
from django.http import QueryDict

from disclosures.forms.entry import MAX_ROWS, EntryMetaForm, amount_text, entry_form_class, form_errors
from disclosures.forms.entry_grids import NAME, Cell, Grid
from disclosures.forms.entry_paste import GridColumns, pasted_rows
from disclosures.models import Disclosure
from disclosures.money import ZERO, AmountError, parse_amount
from disclosures.snapshot import DisclosureData
from disclosures.table_conflicts import table_base
from disclosures.tables.declaration import AMOUNT, TEXT, TableSpec


def encode_rows(prefix: str, rows: list[dict]) -> dict[str, str]:
    """Rows as a formset's POST data (nested lists become nested formsets named after their key)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(MAX_ROWS),
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if isinstance(value, list):
                data |= encode_rows(f"{prefix}-{index}-{name}", value)
            else:
                data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    return data


class Editor(ABC):
    """The entry form of one entered table (see the subclasses for each table's layout)."""

    prefix = ""  # the DisclosureData attribute the table's rows live in; also the form prefix
    template_name = ""
    read_only: tuple[str, ...] = ()  # fields shown but never read from the POST (EntryForm)

    def __init__(self, *, table: TableSpec, disclosure: Disclosure, data: DisclosureData, book: dict, post=None):
        self.table = table  # as the disclosure's layout publishes it
        self.disclosure = disclosure
        self.data = data
        self.book = book
        self.post = post
        self.pasted = 0
        self.meta = EntryMetaForm(
            post, initial={"entry_unit": disclosure.entry_unit, "based_on": table_base(table.key, data, book)}
        )
        typed_unit = self.meta.cleaned_data["entry_unit"] if post is not None and self.meta.is_valid() else None
        self.unit = typed_unit or disclosure.entry_unit
        self.form_kwargs = {"unit": self.unit, "book": book, "year": disclosure.year}
        if self.read_only:
            self.form_kwargs["read_only"] = self.read_only

    # What each table defines.
    @abstractmethod
    def _forms_valid(self) -> bool: ...

    @abstractmethod
    def _form_errors(self) -> list[str]: ...

    @abstractmethod
    def content(self):
        """The table's content for ``editing.save_table``, once valid."""

    def based_on(self, *, overwrite: bool = False) -> str:
        """The base of the save: the rows the page was read at, or those a conflict showed when overwriting."""
        return self.meta.cleaned_data["overwrite_base" if overwrite else "based_on"]

    def is_valid(self) -> bool:
        return self.meta.is_valid() & self._forms_valid()

    def errors(self) -> list[str]:
        messages = [
            f"{self.meta.fields[name].label}：{error}" for name, errors in self.meta.errors.items() for error in errors
        ]
        return messages + self._form_errors()

    def offer_overwrite(self, current_base: str) -> None:
        """After a conflict: keep the user's input; only a confirmed overwrite is based on the rows now stored."""
        data = self.post.copy()
        data["overwrite_base"] = current_base
        self.post = data
        self.meta = EntryMetaForm(data)
        self.meta.is_valid()

    def _value(self, form: forms.Form, name: str) -> Decimal:
        """The amount a cell holds now (typed or saved); text that is not an amount counts as zero."""
        value = form[name].value()
        if isinstance(value, Decimal):
            return value
        try:
            return parse_amount(value, self.unit)
        except AmountError:
            return ZERO

    def _sum_text(self, forms_: list[forms.Form], parts: tuple[str, ...] | list[str]) -> str:
        total = sum((self._value(form, part) for form in forms_ for part in parts), ZERO)
        return amount_text(total, self.unit, blank_zero=False)

    def _cells(self, form: forms.Form, grid: Grid, *, blank: bool = False) -> list[Cell]:
        """A row's cells in the grid's column order."""
        code_field = next((name for name in form.fields if hasattr(form.fields[name], "scheme")), "")
        cells = []
        for leaf in grid.leaves(self.table):
            if leaf.key in form.fields:
                cells.append(Cell(leaf.key, input=form[leaf.key], kind=leaf.kind))
            elif leaf.key in grid.sums:
                parts = grid.sums[leaf.key]
                text = "" if blank else self._sum_text([form], parts)
                cells.append(Cell(leaf.key, sum_of=" ".join(parts), text=text, kind=AMOUNT))
            elif leaf.key == NAME and code_field:
                entry = self.book.get((form.fields[code_field].scheme, form[code_field].value() or ""))
                cells.append(Cell(leaf.key, code_field=code_field, text=entry.name if entry else "", kind=TEXT))
            else:
                cells.append(Cell(leaf.key, kind=leaf.kind))
        return cells

    def _totals(self, forms_: list[forms.Form], grid: Grid) -> list[Cell]:
        """The 合计 row of a grid: each amount column added up over the rows."""
        amounts = {declared.name for declared in self.table.entry_fields if declared.kind == AMOUNT}
        cells = []
        for leaf in grid.leaves(self.table):
            parts = grid.sums.get(leaf.key) or ((leaf.key,) if leaf.key in amounts else ())
            if parts:
                cells.append(Cell(leaf.key, sum_of=" ".join(parts), text=self._sum_text(forms_, parts), kind=AMOUNT))
            else:
                cells.append(Cell(leaf.key, kind=leaf.kind))
        return cells


class FormEditor(Editor):
    """A table typed as one form, one figure per field (table 1's income, a 决算's 收入和结转结余)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        form_class = entry_form_class(self.table)
        if self.post is not None:
            self.form = form_class(self.post, prefix=self.prefix, **self.form_kwargs)
        else:
            self.form = form_class(prefix=self.prefix, initial=self.initial(), **self.form_kwargs)

    @abstractmethod
    def initial(self) -> dict:
        """The saved figures the form shows."""

    def _forms_valid(self) -> bool:
        return self.form.is_valid()

    def _form_errors(self) -> list[str]:
        return form_errors(self.table, self.form)


class PastingEditor(Editor):
    """A table of rows, which also takes a block of cells copied from Excel (tables 3, 6, 7, 10, 11, 12)."""

    @abstractmethod
    def raw_rows(self) -> list[dict]:
        """The rows on screen as typed (blank rows left out), to add pasted rows to."""

    def with_paste(self, text: str, *, replace: bool) -> "PastingEditor":
        """The same page with rows read from text copied from Excel added (or instead of the rows on screen)."""
        pasted = pasted_rows(self.table.entry_fields, text, self.grid_columns)
        data = QueryDict(mutable=True)
        for key, values in self.post.lists():
            if not key.startswith(f"{self.prefix}-"):
                data.setlist(key, values)
        for key, value in encode_rows(self.prefix, ([] if replace else self.raw_rows()) + pasted).items():
            data[key] = value
        editor = type(self)(table=self.table, disclosure=self.disclosure, data=self.data, book=self.book, post=data)
        editor.pasted = len(pasted)
        return editor

    @property
    def grid_columns(self) -> GridColumns:
        """The grid's columns, to read a block copied from the grid or the workbook by its column titles."""
        grid = self.grid
        entered = {declared.name for declared in self.table.entry_fields}
        leaves = tuple((str(leaf.label), leaf.key if leaf.key in entered else "") for leaf in grid.leaves(self.table))
        groups = frozenset(str(cell.label) for row in grid.header_rows(self.table) for cell in row)
        groups |= {str(cell.label) for row in self.table.header_rows() for cell in row}
        printed = tuple((str(leaf.label), leaf.key if leaf.key in entered else "") for leaf in self.table.leaves)
        return GridColumns(leaves, groups, printed)

    @property
    def header_titles_json(self) -> str:
        """Every column title of the grid and the published table, for the page's script to spot a header line."""
        columns = self.grid_columns
        titles = {title for title, _name in (*columns.leaves, *columns.printed)} | columns.group_titles
        return json.dumps(sorted(titles), ensure_ascii=False)

    @property
    def paste_columns(self) -> list[str]:
        """The order in which columns copied from Excel are read: the table's entry fields."""
        return [str(declared.label) for declared in self.table.entry_fields]
