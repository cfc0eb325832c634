"""The entry grids: each entered table's columns as published, and the cells a page is drawn with.

Grid columns reuse the declaration's ``Column`` (and its multi-level header layout); the sums between
columns are declared here once, computed on the server for the first paint and by static/js/entry.js
as the user types.
"""

import dataclasses
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy

from disclosures.snapshot import FUND_FIELDS
from disclosures.tables.declaration import AMOUNT, CODE, TEXT, Column, HeaderCell, TableKey, TableSpec, base_spec

NAME = "name"  # the grid column showing the catalog name of the row's code


@dataclass(frozen=True)
class Grid:
    """An entry grid: its columns as published, and the columns that are sums of typed ones."""

    columns: tuple[Column, ...]
    sums: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def leaves(self, table: TableSpec) -> list[Column]:
        return dataclasses.replace(table, columns=self.columns).leaves

    def header_rows(self, table: TableSpec) -> list[list[HeaderCell]]:
        return dataclasses.replace(table, columns=self.columns).header_rows()


@dataclass
class Cell:
    """One cell of a grid row: an input, a live sum of inputs, a catalog name, or empty."""

    key: str
    input: forms.BoundField | None = None
    sum_of: str = ""  # space-separated entry fields this cell adds up
    text: str = ""
    code_field: str = ""  # for a name cell: the code input whose catalog name it shows
    kind: str = ""

    @property
    def is_amount(self) -> bool:
        return self.kind == AMOUNT

    def widget(self) -> str:
        """The input, marked invalid (with its errors as a tooltip) when its value was refused."""
        attrs = {"aria-label": str(self.input.label)}
        if self.input.errors:
            attrs["class"] = f"{self.input.field.widget.attrs.get('class', '')} is-invalid"
            attrs["aria-invalid"] = "true"
            attrs["title"] = " ".join(self.input.errors)
        return self.input.as_widget(attrs=attrs)


@dataclass
class GridRow:
    number: int | None  # as shown in the 序号 column; None for the new-row template
    form: forms.Form
    cells: list[Cell]
    indicators: "IndicatorGrid | None" = None


@dataclass
class IndicatorGrid:
    formset: forms.BaseFormSet
    rows: list[GridRow]
    template: GridRow


@dataclass
class IncomeRow:
    """A row of table 1 with its income cell typed or summed, and its derived expenditure side."""

    kind: str
    label: str
    cell: Cell | None
    expenditure_label: str = ""
    expenditure_amount: str = ""


def _code_and_name() -> tuple[Column, Column]:
    return Column(gettext_lazy("科目编码（项）"), "function_code", CODE), Column(gettext_lazy("科目名称"), NAME, TEXT)


BY_FUND_TOTAL = {"fund_total": tuple(FUND_FIELDS)}
GRIDS: dict[str, Grid] = {
    TableKey.EXPENDITURE: Grid(
        (
            *_code_and_name(),
            Column(gettext_lazy("资金性质"), "fund", TEXT),
            Column(gettext_lazy("合计"), "total"),
            Column(
                gettext_lazy("基本支出"),
                children=(
                    Column(gettext_lazy("小计"), "basic"),
                    Column(gettext_lazy("人员经费"), "personnel"),
                    Column(gettext_lazy("公用经费"), "public"),
                ),
            ),
            Column(gettext_lazy("项目支出"), "project"),
            Column(gettext_lazy("结转下年支出"), "carry_forward"),
            Column(gettext_lazy("主要用于"), "purpose", TEXT),
        ),
        {"total": ("personnel", "public", "project"), "basic": ("personnel", "public")},
    ),
    TableKey.BASIC_BY_ECONOMIC: Grid(base_spec(TableKey.BASIC_BY_ECONOMIC).columns, {"total": ("personnel", "public")}),
    TableKey.THREE_PUBLIC: Grid(
        base_spec(TableKey.THREE_PUBLIC).columns[2:],  # the published columns without 部门（单位）代码 and 名称
        {
            "three_public_total": ("abroad", "vehicle_purchase", "vehicle_operation", "reception"),
            "vehicle": ("vehicle_purchase", "vehicle_operation"),
            "training": ("training_local", "training_superior"),
        },
    ),
    TableKey.PROCUREMENT: Grid(
        (
            *_code_and_name(),
            Column(gettext_lazy("项目名称"), "project", TEXT),
            Column(gettext_lazy("采购方式"), "mode", TEXT),
            Column(gettext_lazy("采购类型"), "category", TEXT),
            base_spec(TableKey.PROCUREMENT).columns[
                4
            ],  # 政府采购资金类型; the by-type columns follow from 方式 and 类型
        ),
        BY_FUND_TOTAL,
    ),
    TableKey.SERVICE_PURCHASES: Grid(
        (
            *_code_and_name(),
            Column(gettext_lazy("项目名称"), "project", TEXT),
            base_spec(TableKey.SERVICE_PURCHASES).columns[4],
        ),
        BY_FUND_TOTAL,
    ),
    TableKey.PERFORMANCE: Grid(
        (
            Column(gettext_lazy("项目名称"), "project", TEXT),
            Column(gettext_lazy("预算资金总额"), "amount"),
            Column(gettext_lazy("年度绩效目标"), "goal", TEXT),
            Column(gettext_lazy("重点项目"), "key_project", TEXT),
        )
    ),
}
