"""Each entered row on its own: no negative amount, no row twice, only the choices the format knows.

The database enforces these for saved rows; the checks repeat them because a workbook or a
document is checked before it is saved, and every problem is reported at once with its place.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from disclosures.checks.findings import LINE_AMOUNTS, Finding, error, wan, warning
from disclosures.checks.labels import (
    column_label,
    economic_row,
    fund_label,
    funded_row,
    funded_tables,
    line_row,
    target_row,
)
from disclosures.choices import Fund, ProcurementCategory, ProcurementMode
from disclosures.models import FINAL_LINE_AMOUNT_FIELDS, INCOME_AMOUNT_FIELDS, THREE_PUBLIC_AMOUNT_FIELDS
from disclosures.snapshot import FUND_FIELDS, DisclosureData
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

NEGATIVE = "amount.negative"
DUPLICATE = "row.duplicate"
INVALID_CHOICE = "row.invalid_choice"
EMPTY_LINE = "line.empty"

BASIC_AMOUNTS = ("personnel", "public")

Amount = tuple[str, str, str, str, Decimal]  # table, row, column, field, amount


def _amounts(data: DisclosureData, names: Names) -> Iterator[Amount]:
    for name in INCOME_AMOUNT_FIELDS:
        yield (
            TableKey.INCOME_EXPENDITURE,
            column_label(TableKey.INCOME_EXPENDITURE, name),
            _("预算数"),
            f"income.{name}",
            data.income_amount(name),
        )
    for index, line in enumerate(data.lines):
        for key in LINE_AMOUNTS:
            yield (
                TableKey.EXPENDITURE,
                line_row(line, names),
                column_label(TableKey.EXPENDITURE, key),
                f"lines[{index}].{key}",
                getattr(line, key),
            )
    for index, row in enumerate(data.basic):
        for key in BASIC_AMOUNTS:
            yield (
                TableKey.BASIC_BY_ECONOMIC,
                economic_row(row, names),
                column_label(TableKey.BASIC_BY_ECONOMIC, key),
                f"basic[{index}].{key}",
                getattr(row, key),
            )
    for index, row in enumerate(data.three_public):
        for key in THREE_PUBLIC_AMOUNT_FIELDS:
            yield (
                TableKey.THREE_PUBLIC,
                fund_label(row.fund),
                column_label(TableKey.THREE_PUBLIC, key),
                f"three_public[{index}].{key}",
                getattr(row, key),
            )
    for table, name, items in funded_tables(data):
        for index, item in enumerate(items):
            for key in FUND_FIELDS:
                yield table, funded_row(item), column_label(table, key), f"{name}[{index}].{key}", item.fund(key)
    for index, target in enumerate(data.targets):
        yield (
            TableKey.PERFORMANCE,
            target_row(target),
            column_label(TableKey.PERFORMANCE, "amount"),
            f"targets[{index}].amount",
            target.amount,
        )
    yield None, _("第二部分 情况说明"), _("机关运行经费"), "operating_costs", data.operating_costs


def check_negative_amounts(data: DisclosureData, names: Names) -> list[Finding]:
    return [
        error(NEGATIVE, table, row, column, _("金额为%(amount)s，金额不能为负数。") % {"amount": wan(amount)}, field)
        for table, row, column, field, amount in _amounts(data, names)
        if amount < 0
    ]


def _duplicate(table: str, row: str, first: int, field: str) -> Finding:
    detail = _("与第%(first)s行重复，同一项只能填写一行。") % {"first": first + 1}
    return error(DUPLICATE, table, row, "", detail, field)


def check_duplicates(data: DisclosureData, names: Names) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[tuple, int] = {}
    for index, line in enumerate(data.lines):
        first = seen.setdefault(("line", line.function_code, line.fund), index)
        if first != index:
            findings.append(_duplicate(TableKey.EXPENDITURE, line_row(line, names), first, f"lines[{index}]"))
    for index, row in enumerate(data.basic):
        first = seen.setdefault(("basic", row.economic_code), index)
        if first != index:
            findings.append(_duplicate(TableKey.BASIC_BY_ECONOMIC, economic_row(row, names), first, f"basic[{index}]"))
    for index, row in enumerate(data.three_public):
        first = seen.setdefault(("three_public", row.fund), index)
        if first != index:
            findings.append(_duplicate(TableKey.THREE_PUBLIC, fund_label(row.fund), first, f"three_public[{index}]"))
    return findings


def _invalid(table: str, row: str, column: str, value: str, choices, field: str) -> Finding:
    detail = _("“%(value)s”不是可选项（可选：%(choices)s）。") % {
        "value": value,
        "choices": "、".join(str(label) for label in choices.labels),
    }
    return error(INVALID_CHOICE, table, row, column, detail, field)


def check_choices(data: DisclosureData, names: Names) -> list[Finding]:
    findings = [
        _invalid(
            TableKey.EXPENDITURE,
            line_row(line, names),
            column_label(TableKey.EXPENDITURE, "fund"),
            line.fund,
            Fund,
            f"lines[{index}].fund",
        )
        for index, line in enumerate(data.lines)
        if line.fund not in Fund.values
    ]
    findings += [
        _invalid(
            TableKey.THREE_PUBLIC,
            row.fund,
            column_label(TableKey.THREE_PUBLIC, "fund"),
            row.fund,
            Fund,
            f"three_public[{index}].fund",
        )
        for index, row in enumerate(data.three_public)
        if row.fund not in Fund.values
    ]
    for index, item in enumerate(data.procurement):
        # An item without a valid mode and category falls outside every by-type column, so the
        # table's by-type 合计 would differ from its by-fund 合计 (the error in seed 002's table 10).
        for key, choices in (("mode", ProcurementMode), ("category", ProcurementCategory)):
            value = getattr(item, key)
            if value not in choices.values:
                findings.append(
                    _invalid(
                        TableKey.PROCUREMENT,
                        funded_row(item),
                        column_label(TableKey.PROCUREMENT, key),
                        value,
                        choices,
                        f"procurement[{index}].{key}",
                    )
                )
    return findings


def check_empty_lines(data: DisclosureData, names: Names) -> list[Finding]:
    """A line of nothing but zeros; a 决算's line budgeted and not spent is not one (it prints its 年初预算)."""
    detail = _("各项金额均为0，请填写金额或删除该行（否则表中会出现一行0.00）。")
    amounts = (*LINE_AMOUNTS, *FINAL_LINE_AMOUNT_FIELDS)  # a budget's lines leave a 决算's zero
    return [
        warning(EMPTY_LINE, TableKey.EXPENDITURE, line_row(line, names), "", detail, f"lines[{index}]")
        for index, line in enumerate(data.lines)
        if not any(getattr(line, key) for key in amounts)
    ]
