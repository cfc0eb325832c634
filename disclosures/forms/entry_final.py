"""The entry pages of a 决算: every table a 决算 publishes is laid out from a few entered sheets, and the first
page of the layout laid out from a sheet is where it is typed (the others link to it).

- 决算明细 (saved as the lines, ``expenditure``): one row per 项, fund and 收入来源 with 年初预算数 (read-only
  when the 决算 is linked to its budget: ``final_accounts.linked_budget``), 调整预算数, 本年收入, 年初结转和结余,
  决算数 (基本: 人员/公用, 项目, 上缴上级, 经营, 对附属单位补助) and 年末结转和结余;
- “三公” (``three_public``): per fund, 年初预算 (read-only when linked) and 决算 of each item, with the counts;
- 基本支出 by economic 款 (``basic_by_economic``): the budget's grid;
- 收入和结转结余 (``final_figures``): 本年收入 by source, 年初结转和结余 by fund, and the 决算's own figures
  (年末结转和结余, 结余分配, 政府采购, 国有资产 counts); under them the grid of the projects whose 绩效评价 it
  reports (no table of either layout prints them: their narrative does, in 其他重要事项).

The grids are the budget's editors (``RowsEditor``: code picker, paste, per-table lock and conflicts) over
their own columns.
"""

import dataclasses
from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind
from disclosures.final_accounts import BUDGET_AMOUNTS, budget_of
from disclosures.forms.entry import COUNT, LONGTEXT, entry_form_class, formset_errors, row_formset
from disclosures.forms.entry_editor import Editor, FormEditor
from disclosures.forms.entry_grids import GRIDS, Grid, GridRow, _code_and_name
from disclosures.forms.entry_tables import ROW_TABLES, RowsEditor, RowTable, editor_for
from disclosures.layouts import get_layout
from disclosures.models import FINAL_AMOUNT_FIELDS, FINAL_COUNT_FIELDS, Disclosure, EvaluatedProject, FinalAccounts
from disclosures.snapshot import ZERO, Evaluation, Line
from disclosures.table_writers import FINAL_FIGURES, FiguresContent
from disclosures.tables.declaration import (
    AMOUNT,
    TEXT,
    Column,
    EntryField,
    HeaderCell,
    TableKey,
    TableSpec,
    base_spec,
)
from disclosures.tables.final_declaration import LINE_FIELDS, THREE_PUBLIC_FIELDS

# What the budget fills in, read-only on the page of a linked 决算.
LINKED_FIELDS = {
    TableKey.EXPENDITURE: ("budget_initial",),
    TableKey.THREE_PUBLIC: tuple(f"budget_{name}" for name in BUDGET_AMOUNTS),
}


def _column(declared: EntryField) -> Column:
    return Column(declared.label, declared.name, AMOUNT if declared.kind == AMOUNT else TEXT)


def _columns(fields: tuple[EntryField, ...]) -> tuple[Column, ...]:
    return tuple(_column(declared) for declared in fields)


FINAL_GRIDS: dict[str, Grid] = {
    TableKey.EXPENDITURE: Grid(
        (
            *_code_and_name(),
            *_columns(LINE_FIELDS[1:3]),
            Column(
                _("预算数"),
                children=(
                    *_columns(LINE_FIELDS[3:5]),
                    Column(_("全年预算数"), "budget_full_year"),
                ),
            ),
            *_columns(LINE_FIELDS[5:7]),
            Column(
                _("决算数"),
                children=(
                    Column(_("合计"), "total"),
                    Column(_("基本支出"), children=(Column(_("小计"), "basic"), *_columns(LINE_FIELDS[7:9]))),
                    *_columns(LINE_FIELDS[9:13]),
                ),
            ),
            *_columns(LINE_FIELDS[13:]),
        ),
        {
            "budget_full_year": ("budget_initial", "budget_adjusted"),
            "total": ("personnel", "public", "project", "remittance", "operating", "subsidy"),
            "basic": ("personnel", "public"),
        },
    ),
    TableKey.THREE_PUBLIC: Grid(
        (
            _column(THREE_PUBLIC_FIELDS[0]),
            Column(_("预算数"), children=(Column(_("合计"), "budget_total"), *_columns(THREE_PUBLIC_FIELDS[1:5]))),
            Column(_("决算数"), children=(Column(_("合计"), "total"), *_columns(THREE_PUBLIC_FIELDS[5:10]))),
            *_columns(THREE_PUBLIC_FIELDS[10:]),
        ),
        {
            "budget_total": tuple(f"budget_{name}" for name in BUDGET_AMOUNTS),
            "total": BUDGET_AMOUNTS,
        },
    ),
    TableKey.BASIC_BY_ECONOMIC: GRIDS[TableKey.BASIC_BY_ECONOMIC],
}
FINAL_ROW_TABLES: dict[str, RowTable] = {
    key: ROW_TABLES[key] for key in (TableKey.EXPENDITURE, TableKey.THREE_PUBLIC, TableKey.BASIC_BY_ECONOMIC)
}
SHEET_FIELDS = {TableKey.EXPENDITURE: LINE_FIELDS, TableKey.THREE_PUBLIC: THREE_PUBLIC_FIELDS}
SHEET_NOTES = {
    TableKey.EXPENDITURE: _(
        "决算明细：每个功能分类“项”、资金性质（和单位资金的收入来源）填一行；年初预算数取自本单位同年度已公开"
        "（或已审核）的预算，只读。本表及收入决算表、一般公共预算财政拨款支出决算表等均由这些行生成。"
    ),
    TableKey.THREE_PUBLIC: _("“三公”经费：每种资金性质填一行，预算数取自同年度预算（只读），决算数和个数由单位填报。"),
    FINAL_FIGURES: _(
        "本年收入按来源、年初结转和结余按资金性质，以及年末结转和结余、结余分配、政府采购和国有资产情况；"
        "其下填报开展绩效评价的项目。"
    ),
}

# The sheet each 决算 table is laid out from (by the key its page saves under). A sheet is typed on the page of
# the first table in this order that the layout publishes: the 决算明细 on 支出决算表 where there is one.
SOURCES: dict[str, str] = {
    TableKey.FINAL_INCOME_EXPENDITURE: FINAL_FIGURES,
    TableKey.FINAL_FISCAL: FINAL_FIGURES,
    TableKey.FINAL_EXPENDITURE: TableKey.EXPENDITURE,
    TableKey.FINAL_INCOME: TableKey.EXPENDITURE,
    TableKey.GENERAL_BUDGET: TableKey.EXPENDITURE,
    TableKey.FINAL_GOV_FUND: TableKey.EXPENDITURE,
    TableKey.STATE_CAPITAL: TableKey.EXPENDITURE,
    TableKey.FINAL_THREE_PUBLIC: TableKey.THREE_PUBLIC,
    TableKey.BASIC_BY_ECONOMIC: TableKey.BASIC_BY_ECONOMIC,
}


@dataclasses.dataclass(frozen=True)
class EntryPage:
    """What a table's page edits: ``sheet`` (a spec saved under its key) here, or ``host``, another page, does."""

    sheet: TableSpec | None = None
    host: TableSpec | None = None


def entry_page(disclosure: Disclosure, page: TableSpec) -> EntryPage:
    """A budget's entered table is typed on its own page; a 决算's table on the first page of its layout laid
    out from the same sheet."""
    if disclosure.kind != Kind.FINAL:
        return EntryPage(sheet=page if page.entered else None)
    source = SOURCES.get(page.key)
    if source is None:
        return EntryPage()
    host = sheet_host(disclosure, source)
    if host.number != page.number:
        return EntryPage(host=host)
    if source == TableKey.BASIC_BY_ECONOMIC:
        spec = page  # the budget's own entered table
    else:
        spec = replace(page, key=source, entry_fields=SHEET_FIELDS.get(source) or figure_fields())
    return EntryPage(sheet=replace(spec, entered=True, source_note=SHEET_NOTES.get(source, page.source_note)))


def sheet_host(disclosure: Disclosure, sheet: str) -> TableSpec | None:
    """The page of a 决算's layout where ``sheet`` (e.g. ``expenditure``, the 决算明细) is typed."""
    tables = get_layout(disclosure.layout).tables
    return next((tables.get(key) for key, source in SOURCES.items() if source == sheet and key in tables), None)


def figure_fields() -> tuple[EntryField, ...]:
    """本年收入 and 年初结转和结余 as the budget's table 1 names them, then the 决算's own figures."""
    income = base_spec(TableKey.INCOME_EXPENDITURE).entry_fields
    own = [EntryField(name, FinalAccounts._meta.get_field(name).verbose_name) for name in FINAL_AMOUNT_FIELDS]
    own += [EntryField(name, FinalAccounts._meta.get_field(name).verbose_name, COUNT) for name in FINAL_COUNT_FIELDS]
    return (*income, *own)


class FinalRowsEditor(RowsEditor):
    """A 决算's grid: the budget's editor over the 决算's columns; the budget's figures read-only when linked."""

    grids = FINAL_GRIDS
    row_tables = FINAL_ROW_TABLES

    def __init__(self, **kwargs):
        disclosure = kwargs["disclosure"]
        if budget_of(disclosure.unit_id, disclosure.year) is not None:
            self.read_only = LINKED_FIELDS.get(kwargs["table"].key, ())
        super().__init__(**kwargs)

    def content(self):
        """The rows typed, each with the budget's figures as loaded (what was posted for them is ignored)."""
        rows = super().content()
        if not self.read_only:
            return rows
        budget = {self._budget_key(row): row for row in getattr(self.data, self.prefix)}
        return [
            replace(row, **{name: getattr(budget[self._budget_key(row)], name) if self._budget_key(row) in budget
                            else ZERO for name in self.read_only})
            for row in rows
        ]  # fmt: skip

    @staticmethod
    def _budget_key(row) -> tuple:
        return (row.function_code, row.fund) if isinstance(row, Line) else (row.fund,)


# The projects whose 绩效评价 a 决算 reports: a grid of rows under the figures (the model's lengths: the name
# as a one-line text of at most 300 characters, the evaluation's text unlimited).
EVALUATIONS = "evaluations"
EVALUATION_FIELDS = tuple(
    EntryField(name, EvaluatedProject._meta.get_field(name).verbose_name, kind)
    for name, kind in (("project", TEXT), ("amount", AMOUNT), ("text", LONGTEXT))
)
EVALUATION_GRID = Grid(_columns(EVALUATION_FIELDS))


class FiguresEditor(FormEditor):
    """收入和结转结余: one amount (or count) per figure, in the 决算其他 sheet's order; then the evaluated
    projects, rows added and removed as on the budget's grids."""

    prefix = FINAL_FIGURES
    template_name = "disclosures/entry/figures.html"
    evaluations_grid = EVALUATION_GRID

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.evaluations_table = replace(self.table, entry_fields=EVALUATION_FIELDS)  # errors name the page's table
        initial = [dataclasses.asdict(row) for row in self.data.evaluations]
        self.evaluations = row_formset(entry_form_class(self.evaluations_table), prefix=EVALUATIONS, post=self.post,
                                       initial=initial, form_kwargs=self.form_kwargs)  # fmt: skip

    def initial(self) -> dict:
        return {**self.data.income, **self.data.final}

    def _forms_valid(self) -> bool:
        return self.form.is_valid() & self.evaluations.is_valid()

    def _form_errors(self) -> list[str]:
        return super()._form_errors() + formset_errors(self.evaluations_table, self.evaluations)

    def content(self) -> FiguresContent:
        cleaned = self.form.cleaned_data
        income = {entry.name: cleaned[entry.name] for entry in base_spec(TableKey.INCOME_EXPENDITURE).entry_fields}
        own = {name: cleaned[name] for name in (*FINAL_AMOUNT_FIELDS, *FINAL_COUNT_FIELDS)}
        evaluations = [Evaluation(**form.cleaned_data) for form in self.evaluations.filled_forms]
        return FiguresContent(income, own, evaluations)

    @property
    def evaluations_header(self) -> list[list[HeaderCell]]:
        return self.evaluations_grid.header_rows(self.evaluations_table)

    def evaluation_rows(self) -> list[GridRow]:
        forms = enumerate(self.evaluations.forms, start=1)
        return [GridRow(number, form, self._cells(form, self.evaluations_grid)) for number, form in forms]

    def evaluation_template(self) -> GridRow:
        form = self.evaluations.empty_form
        return GridRow(None, form, self._cells(form, self.evaluations_grid, blank=True))

    def fields(self) -> list:
        return [self.form[declared.name] for declared in self.table.entry_fields]


def sheet_editor(sheet: TableSpec, *, disclosure: Disclosure, **kwargs) -> Editor:
    """The editor of ``entry_page``'s sheet; keyword arguments as ``entry_tables.editor_for``."""
    if disclosure.kind != Kind.FINAL:
        return editor_for(sheet, disclosure=disclosure, **kwargs)
    editor_class = FiguresEditor if sheet.key == FINAL_FIGURES else FinalRowsEditor
    return editor_class(table=sheet, disclosure=disclosure, **kwargs)
