"""The entry forms of tables 1, 3, 6, 7, 10 and 11, and ``editor_for`` that picks any table's editor.

Table 12 (projects with their indicators) is in ``entry_targets``.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy

from disclosures.choices import Fund
from disclosures.editing import BasicContent
from disclosures.forms.entry import AmountField, EntryForm, entry_form_class, form_errors, formset_errors, row_formset
from disclosures.forms.entry_editor import Editor, FormEditor, PastingEditor
from disclosures.forms.entry_grids import GRIDS, Cell, Grid, GridRow, IncomeRow
from disclosures.forms.entry_targets import TargetsEditor
from disclosures.layouts import OPERATING_COSTS_OF_EVERY_UNIT, get_layout
from disclosures.models import Disclosure
from disclosures.snapshot import FUND_FIELDS, BasicRow, FundedRow, Line, ThreePublicRow
from disclosures.tables.builders import SECTION, SUB, TOTAL, build_table, chinese_number
from disclosures.tables.declaration import AMOUNT, HeaderCell, TableKey, TableSpec


class IncomeEditor(FormEditor):
    """Table 1: the income by source typed into the published two-sided table; expenditure is derived."""

    prefix = "income"
    template_name = "disclosures/entry/income.html"

    def initial(self) -> dict:
        return dict(self.data.income)

    def content(self) -> dict[str, Decimal]:
        return dict(self.form.cleaned_data)

    @property
    def header(self) -> list[list[HeaderCell]]:
        return self.table.header_rows()

    def rows(self) -> list[IncomeRow]:
        """The published rows, with an input where the unit types a figure and a live sum where one is added up."""
        built = build_table(self.table, self.data, self.book).display_rows()
        leaves = [leaf.key for leaf in self.table.leaves]
        rows: list[IncomeRow] = []
        above: list[str] = []
        for index, (row, printed) in enumerate(built):
            entered = row.entered.get("income_amount")
            carryover: list[tuple[str, str]] = []
            if entered:
                cell = self._input(entered)
                above.append(entered)
            elif "income_amount" not in row.cells:
                cell = None
            elif row.kind == TOTAL:
                cell = self._sum(list(above))
            else:
                parts = self._sub_fields(built, index)
                if row.kind == SECTION and not parts:  # 上年结转结余, typed by fund in the rows under it
                    carryover = [(f"（{chinese_number(i)}）{fund.label}", f"carryover_{fund.value}")
                                 for i, fund in enumerate(Fund, start=1)]  # fmt: skip
                    parts = [name for _label, name in carryover]
                cell = self._sum(parts)
            expenditure = dict(zip(leaves, printed, strict=True))
            rows.append(
                IncomeRow(
                    row.kind,
                    str(row.cells.get("income_item", "")),
                    cell,
                    str(row.cells.get("expenditure_item", "")),
                    expenditure["expenditure_amount"],
                )
            )
            for label, name in carryover:
                rows.append(IncomeRow(SUB, label, self._input(name)))
                above.append(name)
        return rows

    @staticmethod
    def _sub_fields(built, index: int) -> list[str]:
        """The typed fields of the SUB rows right under a section row."""
        parts = []
        for row, _printed in built[index + 1 :]:
            if row.kind != SUB:
                break
            parts.extend(row.entered.values())
        return parts

    def _input(self, name: str) -> Cell:
        return Cell(name, input=self.form[name], kind=AMOUNT)

    def _sum(self, parts: list[str]) -> Cell:
        return Cell("", sum_of=" ".join(parts), text=self._sum_text([self.form], parts), kind=AMOUNT)


@dataclass(frozen=True)
class RowTable:
    """How the rows of an entered table go between DisclosureData and its grid."""

    prefix: str  # the DisclosureData attribute (findings name fields by it, e.g. lines[3].purpose)
    to_row: Callable[[dict], object]
    from_row: Callable[[object], dict]
    unique: tuple[str, ...] = ()
    duplicate_message: str = ""


def _funded_to_row(cleaned: dict) -> FundedRow:
    return FundedRow(
        function_code=cleaned["function_code"],
        project=cleaned["project"],
        funds={name: cleaned[name] for name in FUND_FIELDS},
        mode=cleaned.get("mode", ""),
        category=cleaned.get("category", ""),
    )


def _funded_from_row(row: FundedRow) -> dict:
    return {"function_code": row.function_code, "project": row.project, "mode": row.mode, "category": row.category,
            **{name: row.fund(name) for name in FUND_FIELDS}}  # fmt: skip


ROW_TABLES: dict[str, RowTable] = {
    TableKey.EXPENDITURE: RowTable(
        "lines",
        lambda cleaned: Line(**cleaned),
        dataclasses.asdict,
        ("function_code", "fund"),
        gettext_lazy("与第%(row)d行的科目和资金性质相同（同一科目同一资金性质只能填一行）"),
    ),
    TableKey.BASIC_BY_ECONOMIC: RowTable(
        "basic",
        lambda cleaned: BasicRow(**cleaned),
        dataclasses.asdict,
        ("economic_code",),
        gettext_lazy("与第%(row)d行的科目相同（每个科目只能填一行）"),
    ),
    TableKey.THREE_PUBLIC: RowTable(
        "three_public",
        lambda cleaned: ThreePublicRow(**cleaned),
        dataclasses.asdict,
        ("fund",),
        gettext_lazy("与第%(row)d行的资金性质相同（每种资金性质只能填一行）"),
    ),
    TableKey.PROCUREMENT: RowTable("procurement", _funded_to_row, _funded_from_row),
    TableKey.SERVICE_PURCHASES: RowTable("service_purchases", _funded_to_row, _funded_from_row),
}


class OperatingCostsForm(EntryForm):
    operating_costs = AmountField(label=Disclosure._meta.get_field("operating_costs").verbose_name)


class RowsEditor(PastingEditor):
    """Tables 3, 6, 7, 10 and 11: a grid of rows the unit adds, removes, types or pastes."""

    template_name = "disclosures/entry/rows.html"
    grids: dict[str, Grid] = GRIDS  # by table key: a 决算's grids are its own (entry_final)
    row_tables: dict[str, RowTable] = ROW_TABLES

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.grid = self.grids[self.table.key]
        self.rows_table = self.row_tables[self.table.key]
        self.prefix = self.rows_table.prefix
        initial = [self.rows_table.from_row(row) for row in getattr(self.data, self.prefix)]
        self.formset = row_formset(entry_form_class(self.table), prefix=self.prefix, post=self.post, initial=initial,
                                   form_kwargs=self.form_kwargs)  # fmt: skip
        self.operating_costs = None
        if self.table.key == TableKey.BASIC_BY_ECONOMIC and self._asks_operating_costs():
            initial = {"operating_costs": self.data.operating_costs}
            self.operating_costs = OperatingCostsForm(self.post, initial=initial, **self.form_kwargs)

    def _asks_operating_costs(self) -> bool:
        """Table 6's page also takes the running costs the disclosure's layout reports for this unit."""
        every_unit = get_layout(self.disclosure.layout).rules.operating_costs == OPERATING_COSTS_OF_EVERY_UNIT
        return every_unit or self.disclosure.unit.counts_operating_costs

    def _forms_valid(self) -> bool:
        self.formset.is_valid()
        if self.rows_table.unique:
            self._refuse_duplicates()
        valid = self.formset.is_valid()
        if self.operating_costs is not None:
            valid = self.operating_costs.is_valid() and valid
        return valid

    def _refuse_duplicates(self) -> None:
        """A row that repeats an earlier row's key (e.g. the same 项 and fund twice) is refused."""
        first_row: dict[tuple, int] = {}
        for number, form in enumerate(self.formset.forms, start=1):
            if not form.has_changed() or not all(name in form.cleaned_data for name in self.rows_table.unique):
                continue
            key = tuple(form.cleaned_data[name] for name in self.rows_table.unique)
            if key in first_row:
                form.add_error(self.rows_table.unique[0], self.rows_table.duplicate_message % {"row": first_row[key]})
            first_row.setdefault(key, number)

    def _form_errors(self) -> list[str]:
        messages = formset_errors(self.table, self.formset)
        if self.operating_costs is not None:
            messages += form_errors(self.table, self.operating_costs)
        return messages

    def content(self):
        rows = [self.rows_table.to_row(form.cleaned_data) for form in self.formset.filled_forms]
        if self.table.key == TableKey.BASIC_BY_ECONOMIC:
            costs = self.operating_costs.cleaned_data["operating_costs"] if self.operating_costs else None
            return BasicContent(rows, costs)
        return rows

    def raw_rows(self) -> list[dict]:
        return [{name: form[name].value() for name in form.fields} for form in self.formset.filled_forms]

    @property
    def header(self) -> list[list[HeaderCell]]:
        return self.grid.header_rows(self.table)

    def grid_rows(self) -> list[GridRow]:
        return [GridRow(n, form, self._cells(form, self.grid)) for n, form in enumerate(self.formset.forms, start=1)]

    def template_row(self) -> GridRow:
        form = self.formset.empty_form
        return GridRow(None, form, self._cells(form, self.grid, blank=True))

    def totals(self) -> list[Cell]:
        return self._totals(self.formset.forms, self.grid)


def editor_for(table: TableSpec, **kwargs) -> Editor:
    """The editor of an entered table; keyword arguments: disclosure, data, book, post (None on GET)."""
    editor_class = {TableKey.INCOME_EXPENDITURE: IncomeEditor, TableKey.PERFORMANCE: TargetsEditor}.get(
        table.key, RowsEditor
    )
    return editor_class(table=table, **kwargs)
