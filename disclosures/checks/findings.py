"""What a check reports: a Finding placed on a table, row and column, and how figures are compared.

Every message is complete on its own (it names the table as the layout prints it — 预算公开05表, 表5 —,
the row and the column and gives the figures in 万元), so a page, the command line and a reviewer's list
can show it without context.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.money import ZERO, format_wan, wan_2dp
from disclosures.snapshot import Line
from disclosures.tables.presentation import named_spec


def field_anchor(field: str) -> str:
    """A data path as the HTML id of the element that shows it: lines[3].purpose → lines-3-purpose."""
    return field.replace("[", "-").replace("]", "").replace(".", "-")


class Severity(models.TextChoices):
    # An error blocks submission; a warning is shown to the unit and the reviewer and may stand.
    ERROR = "error", gettext_lazy("错误")
    WARNING = "warning", gettext_lazy("警告")


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str  # stable identifier of the rule, e.g. "balance.total"
    table: str  # the table's key (e.g. "basic_by_economic"), or "" for the texts outside the tables
    row: str
    column: str
    message: str
    field: str = ""  # path of the value in DisclosureData, e.g. "lines[3].purpose" (see texts.py)
    table_label: str = ""  # the table as the layout prints it: 预算公开06表
    table_number: int = 0  # its number in the layout's set (0 outside it)

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def anchor(self) -> str:
        return f"table-{self.table_number}" if self.table_number else ""

    @property
    def field_anchor(self) -> str:
        return field_anchor(self.field)

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)


def place(table: str, row: str, column: str) -> str:
    """预算公开06表“合计”行“人员经费”列; outside the tables, the part and the text: 第一部分 概况“主要职责”."""
    if not table:
        return f"{row}“{column}”" if column else row
    text = named_spec(table).label
    if row:
        text += _("“%(row)s”行") % {"row": row}
    if column:
        text += _("“%(column)s”列") % {"column": column}
    return text


def finding(
    severity: str, code: str, table: str | None, row: str, column: str, detail: str, field: str = ""
) -> Finding:
    """A finding whose message starts with its place: ``<place>：<detail>``."""
    table = str(table or "")
    message = f"{place(table, str(row), str(column))}：{detail}"
    spec = named_spec(table) if table else None
    return Finding(
        str(severity), code, table, str(row), str(column), message, field,
        table_label=spec.label if spec else "", table_number=spec.number if spec else 0,
    )  # fmt: skip


def table_label(table: str) -> str:
    """How a message names another table: 预算公开05表."""
    return named_spec(table).label


def error(code: str, table: str | None, row: str, column: str, detail: str, field: str = "") -> Finding:
    return finding(Severity.ERROR, code, table, row, column, detail, field)


def warning(code: str, table: str | None, row: str, column: str, detail: str, field: str = "") -> Finding:
    return finding(Severity.WARNING, code, table, row, column, detail, field)


def wan(amount: Decimal) -> str:
    """An amount as a table prints it: 532.07万元."""
    return _("%(amount)s万元") % {"amount": format_wan(amount)}


def difference(left: Decimal, right: Decimal) -> str:
    """How far apart two amounts are: in 万元, or in 元 when that would print as 0.00万元."""
    gap = abs(left - right)
    if gap and not wan_2dp(gap):
        return _("%(amount)s元") % {"amount": f"{gap:.2f}"}
    return wan(gap)


# Seed 002 and most disclosures moved from Word are typed from the printed tables, whose figures
# are 万元 rounded to 2 decimals: each such figure may be off its exact value by up to half a
# cent of 万元 (50元). A sum of n typed figures may thus be off by up to n × 50元, so two sums that
# should agree may differ by the allowance of every figure on both sides (table 6's 28 rows sum to
# 618.40 where table 5's lines give 618.42). Only figures that can be such a rounding count: zero
# is exact, and an amount with a part below 100元 (typed in 元 from a source system) was not
# rounded to 万元 — so exact data gets no allowance and must agree to the cent.
ROUNDING_ALLOWANCE_PER_FIGURE = Decimal("50")
PRINTED_STEP = Decimal("100")  # 0.01万元 in 元


def rounding_allowance(figures: Iterable[Decimal]) -> Decimal:
    """How far apart two sums of these figures may be from rounding alone."""
    rounded = sum(1 for figure in figures if figure and figure % PRINTED_STEP == ZERO)
    return ROUNDING_ALLOWANCE_PER_FIGURE * rounded


LINE_AMOUNTS = ("personnel", "public", "project", "carry_forward", "remittance", "operating", "subsidy")


def line_figures(lines: Iterable[Line]) -> list[Decimal]:
    """Every amount typed on these expenditure lines, for their rounding allowance."""
    return [getattr(line, key) for line in lines for key in LINE_AMOUNTS]


def disagree(left: Decimal, right: Decimal, figures: Iterable[Decimal]) -> bool:
    """True when ``left`` and ``right`` differ by more than the rounding of the figures summed."""
    return abs(left - right) > rounding_allowance(figures)


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)
