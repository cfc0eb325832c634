"""Inside each printed table: every subtotal and total against its rows and columns.

Columns: a column headed 合计 or 小计 is the sum of the columns beside it under the same heading
(a group such as 基本支出 counting with its own 小计); at the top level, of the columns to its
right. 结转下年支出 / 年末结转 are what is carried out of the year and are not part of it.
Rows: with codes, a 类 is the sum of its 款, a 款 of its 项, 合计 of the top codes (or of the
departments, a department of its units, a unit of its items); in a list of items (tables 1 and 4),
一、 is the sum of its （一）, （一） of its 1、, 本年收入合计 of the 一、… items and 收入总计 of that
and what follows; the two sides' 总计 agree. Every comparison allows the rounding of each printed
figure (``figures.sum_disagrees``); a blank total whose parts are not zero is reported too.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from audits.figures import Figure, plain, sum_disagrees
from audits.findings import AuditFinding, error
from audits.printed import BodyRow, Column, PrintedTable, Side, compact
from audits.structure import AuditDocument

SUM = "table.sum"
BLANK_TOTAL = "table.blank_total"
BALANCE = "table.balance"

TOTAL_LABEL = re.compile(r"(?:合计|小计)$")
CARRIED_OUT = re.compile(r"结转下年|年末结转")
ROW_TOTAL = re.compile(r"^(?:合计|总计)$")
SUBTOTAL = re.compile(r"合计$")
GRAND_TOTAL = re.compile(r"总计$")
LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d+[、.．]")),
)
FUND_BREAKDOWN = re.compile(r"^(?:一般公共预算|政府性基金|国有资本经营)")


@dataclass(frozen=True)
class Relation:
    """A printed total and the printed parts it should be the sum of."""

    row: BodyRow
    row_label: str
    column: Column
    parts: list[tuple[str, Figure | None]]  # (what the part is, its figure)
    total_label: str

    def parts_text(self) -> str:
        names = [name for name, _figure in self.parts]
        if len(names) <= 4:
            return "、".join(f"“{name}”" for name in names)
        return f"其下{len(names)}项（{names[0]}至{names[-1]}）"


def _flat_relations(columns: tuple[Column, ...]) -> list[tuple[Column, list[Column]]]:
    """A text file's header has no merges: only a top-level …合计 column and the columns to its right."""
    relations = []
    for position, total in enumerate(columns):
        if len(total.path) != 1 or not SUBTOTAL.search(total.label):
            continue
        parts = []
        for column in columns[position + 1 :]:
            if SUBTOTAL.search(column.label):
                break
            if not CARRIED_OUT.search(column.label):
                parts.append(column)
        if parts:
            relations.append((total, parts))
    return relations


def column_relations(columns: tuple[Column, ...], knows_merges: bool = True) -> list[tuple[Column, list[Column]]]:
    if not knows_merges:
        return _flat_relations(columns)
    relations = []
    for position, total in enumerate(columns):
        if not TOTAL_LABEL.search(total.label) or CARRIED_OUT.search(total.label):
            continue
        prefix = total.path[:-1]
        depth = len(prefix)
        candidates = [
            column
            for index, column in enumerate(columns)
            if column is not total
            and column.path[:depth] == prefix
            and len(column.path) > depth
            and (depth or index > position)
            and not CARRIED_OUT.search(column.path[depth])
        ]
        members = list(dict.fromkeys(column.path[depth] for column in candidates))
        parts = []
        for member in members:
            group = [column for column in candidates if column.path[depth] == member]
            leaf = [column for column in group if len(column.path) == depth + 1]
            subtotal = [
                column for column in group if len(column.path) == depth + 2 and TOTAL_LABEL.search(column.label)
            ]
            parts += leaf or subtotal or [column for column in group if not TOTAL_LABEL.search(column.label)]
        if parts:
            relations.append((total, parts))
    return relations


def _row_name(side: Side, row: BodyRow) -> str:
    code = side.code(row) or side.org(row)
    label = side.label(row) if not side.project(row) else side.project(row)
    return " ".join(part for part in (code, label) if part) or "（空白行）"


def _level(label: str) -> int:
    for level, pattern in LEVELS:
        if pattern.match(label):
            return level
    return 0


def _coded_relations(side: Side, rows: list[BodyRow]) -> list[tuple[BodyRow, list[BodyRow]]]:
    """(total row, its part rows) for codes, organisations and the 合计 row."""
    pairs = []
    coded = [row for row in rows if side.code(row)]
    for index, row in enumerate(rows):
        code = side.code(row)
        if code and len(code) < 7 and not side.project(row):
            following = []
            for later in rows[index + 1 :]:
                later_code = side.code(later)
                if not later_code.startswith(code) or len(later_code) <= len(code):
                    break
                following.append(later)
            if following:
                shortest = min(len(side.code(later)) for later in following)
                pairs.append((row, [later for later in following if len(side.code(later)) == shortest]))
                lowest = [later for later in following if len(side.code(later)) == 7]
                if shortest < 7 and lowest:
                    # A 类 against its 项 as well: its 款 may be as wrong as it is (seed 001: 201 and 20103).
                    pairs.append((row, lowest))
    items = [row for row in rows if side.code(row) or side.project(row)]
    shortest = min((len(side.code(row)) for row in coded), default=0)
    top_items = [row for row in items if not side.code(row) or len(side.code(row)) == shortest]
    orgs = [row for row in rows if side.org(row) and row not in items]
    org_codes = [side.org(row) for row in orgs]
    top_orgs = [
        row
        for row in orgs
        if not any(side.org(row) != other and side.org(row).startswith(other) for other in org_codes)
    ]
    for org in orgs:
        code = side.org(org)
        units = [row for row in orgs if side.org(row) != code and side.org(row).startswith(code)]
        if units:
            pairs.append((org, units))
        elif items:
            start = rows.index(org)
            later_orgs = [rows.index(row) for row in orgs if rows.index(row) > start]
            end = min(later_orgs, default=len(rows))
            own = [row for row in rows[start + 1 : end] if row in top_items]
            if own:
                pairs.append((org, own))
    for row in rows:
        if ROW_TOTAL.match(compact(side.label(row))) and not side.code(row) and not side.org(row):
            parts = top_items or top_orgs
            if parts:
                pairs.append((row, parts))
    return pairs


def _listed_relations(side: Side, rows: list[BodyRow]) -> list[tuple[BodyRow, list[BodyRow]]]:
    """(total row, its part rows) in a list of numbered items with 合计 and 总计 rows."""
    labels = [compact(side.label(row)) for row in rows]
    levels = [_level(label) for label in labels]
    for index in range(1, len(rows)):
        # 年初结转和结余 followed by its funds (一般公共预算财政拨款 …): a breakdown, one level down.
        if not levels[index] and FUND_BREAKDOWN.match(labels[index]):
            previous = next(i for i in range(index - 1, -1, -1) if not FUND_BREAKDOWN.match(labels[i]))
            if "结转" in labels[previous]:
                levels[index] = levels[previous] + 1 if levels[previous] else 9
    pairs = []
    is_total = [bool(SUBTOTAL.search(label) or GRAND_TOTAL.search(label)) for label in labels]
    for index, level in enumerate(levels):
        if is_total[index] or level == 9:
            continue
        children = []
        for later in range(index + 1, len(rows)):
            child_level = levels[later]
            if is_total[later] or (child_level <= level and child_level != 9) or (level == 0 and child_level != 9):
                break
            children.append(later)
        if children:
            lowest = min(levels[child] for child in children)
            pairs.append((rows[index], [rows[child] for child in children if levels[child] == lowest]))
    start, subtotal = 0, None
    for index, label in enumerate(labels):
        if not is_total[index]:
            continue
        top = [rows[i] for i in range(start, index) if levels[i] in (0, 1) and not is_total[i]]
        if GRAND_TOTAL.search(label) or (subtotal is not None and label == "合计"):
            parts = ([subtotal] if subtotal is not None else []) + top
            if not any(levels[i] == 1 for i in range(start, index)) and subtotal is None:
                parts = top
        else:
            ranked = [rows[i] for i in range(start, index) if levels[i] == 1]
            parts = ranked or top
            subtotal = rows[index]
        if parts:
            pairs.append((rows[index], parts))
        start = index + 1
    return pairs


def _row_relations(side: Side, rows: list[BodyRow]) -> list[tuple[BodyRow, list[BodyRow]]]:
    if side.code_column is not None or side.org_column is not None:
        return _coded_relations(side, rows)
    return _listed_relations(side, rows)


def _findings(table: PrintedTable, relation: Relation) -> list[AuditFinding]:
    printed = relation.row.figure(relation.column.index)
    figures = [figure for _name, figure in relation.parts if figure is not None]
    total = sum((figure.value for figure in figures), Decimal(0))
    decimals = max([figure.decimals for figure in figures] + [printed.decimals if printed else 2])
    place = {
        "page": table.page_of(relation.row),
        "table": table.name,
        "row": relation.row_label,
        "column": relation.column.title,
    }
    if not figures:
        return []  # no part printed: the row gives only its total
    if printed is None:
        if not any(figure.value for figure in figures):
            return []
        detail = f"{relation.total_label}为空，{relation.parts_text()}合计为{plain(total, decimals)}。"
        return [error(BLANK_TOTAL, detail, printed="（空白）", expected=plain(total, decimals), **place)]
    if not sum_disagrees(printed, figures):
        return []
    detail = (
        f"印为{printed.text}，{relation.parts_text()}合计为{plain(total, decimals)}，"
        f"相差{plain(abs(printed.value - total), decimals)}。"
    )
    return [error(SUM, detail, printed=printed.text, expected=plain(total, decimals), **place)]


def check_table(table: PrintedTable) -> list[AuditFinding]:
    findings = []
    sides = table.sides()
    for side in sides:
        rows = table.rows
        for row in rows:
            for total, parts in column_relations(side.amount_columns, table.knows_merges):
                relation = Relation(
                    row, _row_name(side, row), total, [(c.title, row.figure(c.index)) for c in parts], total.label
                )
                findings += _findings(table, relation)
        for total_row, part_rows in _row_relations(side, rows):
            for column in side.amount_columns:
                parts = [(_row_name(side, part), part.figure(column.index)) for part in part_rows]
                relation = Relation(total_row, _row_name(side, total_row), column, parts, _row_name(side, total_row))
                findings += _findings(table, relation)
    findings += _balance(table, sides)
    return findings


def _balance(table: PrintedTable, sides: list[Side]) -> list[AuditFinding]:
    """收入总计 = 支出总计 in a table printing income beside expenditure."""
    if len(sides) != 2 or sides[0].code_column or sides[1].code_column:
        return []
    grand = []
    for side in sides:
        rows = [row for row in table.rows if GRAND_TOTAL.search(compact(side.label(row)))]
        if not rows or not side.amount_columns:
            return []
        grand.append((side, rows[-1], rows[-1].figure(side.amount_columns[-1].index)))
    (_left, income_row, income), (right, spending_row, spending) = grand
    if income is None or spending is None or not sum_disagrees(income, [spending]):
        return []
    detail = (
        f"{_row_name(right, spending_row)}印为{spending.text}，与{_row_name(sides[0], income_row)}"
        f"{income.text}不相等，收支不平衡。"
    )
    return [
        error(
            BALANCE,
            detail,
            page=table.page_of(spending_row),
            table=table.name,
            row=_row_name(right, spending_row),
            printed=spending.text,
            expected=income.text,
        )
    ]


def check_tables(document: AuditDocument) -> list[AuditFinding]:
    return [finding for table in document.tables for finding in check_table(table)]
