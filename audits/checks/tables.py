"""The narrative against the tables: every amount the text gives for something a table prints.

The tables are indexed by what names a figure: a row's label (代码 and numbering left out) for the
row's first amount, and on a table's 合计 row (or its only row) each column's heading (a 合计 or
小计 column by its group) and the table's subject (政府采购预算表 → 政府采购预算; a “三公”经费 table
by “三公”经费). A claim is compared with the entries whose label its words end with (once 为, 预算,
支出, （项） … are taken off), the most specific such name (the longest), and agrees when it agrees
with one of them — a 合计 within the rounding of the rows it sums; in a 决算 with 预算数 and 决算数
columns, with the column of its kind. A heading printed twice
in one table (货物类 under 集中采购 and 分散采购) names no single figure and is left out. Figures
are compared in 万元 through each table's 单位 line; a text figure that is a table figure × or ÷
10000 is 元 and 万元 mixed up. A function 类 with expenditure in the tables that the narrative
never names is reported as left out.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from audits.claims import Claim, claims_of
from audits.figures import Figure
from audits.findings import AuditFinding, error, warning
from audits.printed import BodyRow, Column, PrintedTable, compact
from audits.structure import AuditDocument

TABLE = "narrative.table"
UNIT_MIXUP = "narrative.unit_mixup"
OMITTED = "narrative.omitted"

NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*")
TOTAL_ROW = re.compile(r"^(?:合计|总计)$")
SUBTOTAL_LABEL = re.compile(r"^(?:合计|小计)$")
TITLE_SUFFIX = re.compile(r"(?:情况表|总体情况表|明细表|公开表|决算表|预算表|表)$")
SYNONYMS = {"收入总计": ("收支总预算", "收入总预算", "总收入"), "支出总计": ("支出总预算", "总支出")}
TEN_THOUSAND = Decimal(10000)
LABEL_MIN = 2
GENERIC_HEADINGS = {"金额", "决算数", "预算数", "合计", "小计", "项目", "预算资金总额"}
TAILS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?:为|共|是)$",
        r"(?:预算|决算)数?$",
        r"支出$",
        r"财政拨款$",
        r"[（(](?:类|款|项)[）)]$",
        r"支出$",
    )
)


@dataclass(frozen=True)
class Entry:
    label: str
    figure: Figure
    table: PrintedTable
    row: BodyRow
    row_label: str
    column: Column
    kind: str  # 预算, 决算 or ""
    slack: Decimal = Decimal(0)  # a 合计 printed from rows that were each rounded may differ by their rounding

    def in_wan(self) -> Figure:
        if self.table.unit != "元":
            return self.figure
        value = self.figure.value / TEN_THOUSAND
        return Figure(value, self.figure.decimals + 4, self.figure.text)


def _kind(column: Column) -> str:
    path = "".join(column.path)
    return "决算" if "决算数" in path else "预算" if "预算数" in path else ""


def _row_label(row: BodyRow, side) -> str:
    return NUMBERING.sub("", compact(side.project(row) or side.label(row)))


def _labels(text: str) -> list[str]:
    text = NUMBERING.sub("", text)
    labels = [text, *SYNONYMS.get(text, ())]
    if text.endswith("支出") and len(text) > 4:
        labels.append(text.removesuffix("支出"))
    return [label for label in labels if len(label) >= LABEL_MIN and label not in GENERIC_HEADINGS]


def index(document: AuditDocument) -> list[Entry]:
    entries = []
    for table in document.tables:
        for side in table.sides():
            columns = side.amount_columns
            leaf_counts: dict[str, int] = {}
            for column in columns:
                leaf_counts[column.label] = leaf_counts.get(column.label, 0) + 1
            total_rows = [row for row in table.rows if TOTAL_ROW.match(compact(side.label(row)))]
            if len(table.rows) == 1:
                total_rows = table.rows
            for row in table.rows:
                label = _row_label(row, side)
                first = row.figure(columns[0].index)
                if first is not None and label and not TOTAL_ROW.match(label):
                    for text in _labels(label):
                        entries.append(Entry(text, first, table, row, label, columns[0], _kind(columns[0])))
            subject = TITLE_SUFFIX.sub("", table.title) if table.number and document.layout.declares_tables else ""
            for row in total_rows:
                for position, column in enumerate(columns):
                    figure = row.figure(column.index)
                    if figure is None:
                        continue
                    name = (
                        column.path[-2] if SUBTOTAL_LABEL.match(column.label) and len(column.path) > 1 else column.label
                    )
                    names = [] if leaf_counts[column.label] > 1 and not SUBTOTAL_LABEL.match(column.label) else [name]
                    if position == 0 or (SUBTOTAL_LABEL.match(column.label) and len(column.path) <= 2):
                        names += [subject] if subject and position == 0 else []
                        if "三公" in table.title and (position == 0 or _kind(column)):
                            names.append("“三公”经费")
                    rows = [other.figure(column.index) for other in table.rows if other is not row]
                    slack = sum((figure.half_unit for figure in rows if figure is not None), Decimal(0))
                    for text in names:
                        for label in _labels(text):
                            entries.append(Entry(label, figure, table, row, "合计", column, _kind(column), slack))
    return entries


def _forms(subject: str) -> list[str]:
    """The claim's words with what may follow a name taken off one by one: 为, 预算, 支出, （项）…"""
    forms = [subject]
    for tail in TAILS:
        stripped = tail.sub("", forms[-1])
        if stripped != forms[-1]:
            forms.append(stripped)
    return forms


def _matches(claim: Claim, entries: list[Entry]) -> list[Entry]:
    forms = _forms(claim.subject)
    found = [entry for entry in entries if any(form.endswith(entry.label) for form in forms)]
    if not found:
        return []
    # The most specific name: 一般公共预算基本支出 before 基本支出, 行政运行 before its 类.
    longest = max(len(entry.label) for entry in found)
    chosen = [entry for entry in found if len(entry.label) == longest]
    kinds = {entry.kind for entry in chosen} - {""}
    if len(kinds) > 1:
        wanted = "决算" if claim.is_final else "预算"
        chosen = [entry for entry in chosen if entry.kind == wanted]
    return chosen


def _agrees(claim: Claim, entry: Entry) -> bool:
    table = entry.in_wan()
    return abs(claim.amount.value - table.value) <= claim.amount.half_unit + table.half_unit + entry.slack


def _place(claim: Claim) -> dict:
    return {"page": claim.sentence.page, "sentence": claim.sentence.text}


def _compare(claim: Claim, entries: list[Entry]) -> list[AuditFinding]:
    candidates = _matches(claim, entries)
    if not candidates or any(_agrees(claim, entry) for entry in candidates):
        return []
    entry = candidates[0]
    where = f"{entry.table.name}“{entry.row_label}”行“{entry.column.title}”列"
    table_value = entry.in_wan()
    printed = f"{claim.amount.text}万元"
    if table_value.value and claim.amount.value in (table_value.value * TEN_THOUSAND, table_value.value / TEN_THOUSAND):
        detail = f"文中印为{printed}，{where}为{entry.figure.text}{entry.table.unit or '万元'}：元与万元混用。"
        return [
            error(
                UNIT_MIXUP, detail, printed=printed, expected=f"{entry.figure.text}{entry.table.unit}", **_place(claim)
            )
        ]
    page = entry.table.page_of(entry.row)
    on_page = f"（第{page}页）" if page else ""
    detail = f"文中印为{printed}，{where}{on_page}为{entry.figure.text}{entry.table.unit or '万元'}。"
    return [error(TABLE, detail, printed=printed, expected=f"{entry.figure.text}", **_place(claim))]


def _omitted(document: AuditDocument) -> list[AuditFinding]:
    """Function 类 with expenditure that the narrative never names."""
    text = "".join(sentence.text for sentence in document.sentences).replace("（", "(").replace("）", ")")
    findings = []
    for table in document.tables:
        for side in table.sides():
            if side.code_column is None or "功能" not in "".join(
                c.label for c in side.label_columns
            ) + table.title + "".join(side.code_column.path):
                continue
            for row in table.rows:
                code, figure = side.code(row), row.figure(side.amount_columns[0].index)
                name = NUMBERING.sub("", compact(side.label(row))).replace("（", "(").replace("）", ")")
                if side.project(row):
                    continue
                if len(code) == 7 and figure and figure.value and name not in text:
                    detail = f"{table.name}列出“{code} {name}”{figure.text}万元，情况说明中没有说明这一项。"
                    findings.append(
                        warning(
                            OMITTED,
                            detail,
                            page=table.page_of(row),
                            table=table.name,
                            row=f"{code} {name}",
                            printed=figure.text,
                        )
                    )
        if findings:
            break
    return findings


def check_against_tables(document: AuditDocument) -> list[AuditFinding]:
    if not document.tables:
        return []
    entries = index(document)
    findings = [finding for claim in claims_of(document) for finding in _compare(claim, entries)]
    return findings + _omitted(document)
