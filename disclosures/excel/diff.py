"""What an import would change: two DisclosureData compared table by table, row by row.

Rows are matched by what identifies them in their table (a function code and fund, an economic
code, a fund, a project name; the n-th of several same-named rows matches the n-th), and compared
field by field with the labels the entry pages use. Amounts are shown exactly, in 万元, so that a
change of one 元 is visible. Derived tables are not compared: they follow from the entered ones. A 决算's
rows are compared with its own fields too (年初预算数 … 年末结转和结余, the “三公” 预算数 and counts), and its
figures (年末结转和结余, 结余分配, 政府采购, 国有资产) and evaluated projects form a section of their own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.choices import Fund, IndicatorCategory, Kind
from disclosures.excel.export import info_values
from disclosures.excel.final_figures import figures
from disclosures.excel.layout import FIXED_FIELDS, info_field
from disclosures.layouts import layout_of_data
from disclosures.money import ZERO, exact_wan_text, format_wan
from disclosures.snapshot import FUND_FIELDS, DisclosureData, FundedRow, Target
from disclosures.table_writers import FINAL_FIGURES
from disclosures.tables.builders import Names
from disclosures.tables.declaration import AMOUNT, EntryField, TableKey, base_spec
from disclosures.tables.final_declaration import LINE_FIELDS, THREE_PUBLIC_FIELDS


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class RowChange:
    label: str
    fields: list[FieldChange]


@dataclass
class SectionDiff:
    title: str
    added: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


Rows = dict[object, tuple[str, dict[str, str]]]  # row key → (row label, {field label: shown value})


@dataclass(frozen=True)
class _Table:
    """An entered table's rows: where they are, what identifies them, how they are named."""

    table: str  # the table's key: the section is titled with its code in the disclosure's layout
    subject: str
    items: Callable[[DisclosureData], list]
    key: Callable[[object], object]
    label: Callable[[Names, object], str]
    fields: tuple[EntryField, ...]
    extra: Callable[[object], dict[str, str]] | None = None
    final_fields: tuple[EntryField, ...] = ()  # a 决算's rows: compared with these instead

    def rows(self, data: DisclosureData, names: Names) -> Rows:
        """Rows by key; the n-th of several rows with the same key is told apart by n."""
        rows: Rows = {}
        seen: dict[object, int] = {}
        fields = self.final_fields if self.final_fields and data.kind == Kind.FINAL else self.fields
        for item in self.items(data):
            base = self.key(item)
            seen[base] = seen.get(base, -1) + 1
            values = _entered(item, fields)
            if self.extra is not None:
                values |= self.extra(item)
            rows[(base, seen[base])] = (self.label(names, item), values)
        return rows


def compare(before: DisclosureData, after: DisclosureData, book: dict) -> list[SectionDiff]:
    """Every section, with what ``after`` adds, changes and removes compared with ``before``."""
    names = Names(book)
    tables = layout_of_data(before).tables
    sections = [
        (f"{tables.code(TableKey.INCOME_EXPENDITURE)} {_('收入（含上年结转结余）')}", _income(before), _income(after))
    ]
    sections += [
        (f"{tables.code(table.table)} {table.subject}", table.rows(before, names), table.rows(after, names))
        for table in TABLES
    ]
    if before.kind == Kind.FINAL:
        sections.append((_("决算其他"), _final(before), _final(after)))
    sections.append((_("说明与其他"), _info(before), _info(after)))
    return [_section(str(title), old, new) for title, old, new in sections]


def entered_rows(table: str, data: DisclosureData, book: dict) -> Rows:
    """One entered table's rows by key, each with its label and its values as the entry pages name them."""
    if table == TableKey.INCOME_EXPENDITURE:
        return _income(data)
    if table == FINAL_FIGURES:
        return _income(data) | _final(data)
    return next(entry for entry in TABLES if entry.table == table).rows(data, Names(book))


def _section(title: str, old: Rows, new: Rows) -> SectionDiff:
    section = SectionDiff(title)
    for key, (label, values) in new.items():
        if key not in old:
            section.added.append(
                RowChange(label, [FieldChange(name, "", value) for name, value in values.items() if value])
            )
            continue
        previous = old[key][1]
        changes = [
            FieldChange(name, previous.get(name, ""), value)
            for name, value in values.items()
            if previous.get(name, "") != value
        ]
        if changes:
            section.changed.append(RowChange(label, changes))
    for key, (label, values) in old.items():
        if key not in new:
            section.removed.append(
                RowChange(label, [FieldChange(name, value, "") for name, value in values.items() if value])
            )
    return section


def _shown(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == AMOUNT:
        return exact_wan_text(value)
    return str(value).replace("\r\n", "\n")


def _entered(item, fields: Iterable[EntryField]) -> dict[str, str]:
    values = {}
    for entry in fields:
        if isinstance(item, FundedRow) and entry.name in FUND_FIELDS:
            value = item.fund(entry.name)
        else:
            value = getattr(item, entry.name)
        if entry.choices:
            value = dict(entry.choices).get(value, value)
        values[str(entry.label)] = _shown(value, entry.kind)
    return values


def _fields(table: str, *keys: str) -> tuple[EntryField, ...]:
    """A table's entry fields except those that identify its rows."""
    return tuple(entry for entry in base_spec(table).entry_fields if entry.name not in keys)


def _income(data: DisclosureData) -> Rows:
    return {
        entry.name: (str(entry.label), {_("金额（万元）"): _shown(data.income_amount(entry.name), AMOUNT)})
        for entry in base_spec(TableKey.INCOME_EXPENDITURE).entry_fields
    }


def _final(data: DisclosureData) -> Rows:
    """A 决算's own figures by 字段代码 (as its 决算其他 sheet names them), and its evaluated projects."""
    prefixes = ("final.", "evaluation.")
    return {
        figure.key: (figure.label, {_("内容"): _shown(figure.value, AMOUNT if figure.kind == AMOUNT else "text")})
        for figure in figures(data)
        if figure.key.startswith(prefixes) and figure.value not in (None, "")
    }


def _info(data: DisclosureData) -> Rows:
    """说明与其他 by 字段代码, identity left out (an import never changes the unit or year)."""
    rows: Rows = {}
    for key, value in info_values(data).items():
        info = info_field(key)
        if info is None or info.identity:
            continue
        shown = _shown(value, AMOUNT if isinstance(value, Decimal) else "text")
        if shown:
            label = FIXED_FIELDS[key].label if key in FIXED_FIELDS else info.label
            rows[key] = (str(label), {_("内容"): shown})
    return rows


def _fund(item) -> str:
    return str(Fund(item.fund).label)


def _function(names: Names, code: str) -> str:
    return f"{code} {names.function(code)}"


def _indicators(target: Target) -> dict[str, str]:
    categories = dict(IndicatorCategory.choices)
    return {_("绩效指标"): "\n".join(f"{categories[item.category]}：{item.text}" for item in target.indicators)}


TABLES = (
    _Table(
        TableKey.EXPENDITURE,
        gettext_lazy("支出明细"),
        lambda data: data.lines,
        lambda line: (line.function_code, line.fund),
        lambda names, line: f"{_function(names, line.function_code)}（{_fund(line)}）",
        _fields(TableKey.EXPENDITURE, "function_code", "fund"),
        final_fields=tuple(entry for entry in LINE_FIELDS if entry.name not in ("function_code", "fund")),
    ),
    _Table(
        TableKey.BASIC_BY_ECONOMIC,
        gettext_lazy("基本支出经济分类"),
        lambda data: data.basic,
        lambda row: row.economic_code,
        lambda names, row: f"{row.economic_code} {names.economic(row.economic_code)}",
        _fields(TableKey.BASIC_BY_ECONOMIC, "economic_code"),
    ),
    _Table(
        TableKey.THREE_PUBLIC,
        gettext_lazy("三公两费"),
        lambda data: data.three_public,
        lambda row: row.fund,
        lambda names, row: _fund(row),
        _fields(TableKey.THREE_PUBLIC, "fund"),
        final_fields=THREE_PUBLIC_FIELDS[1:],
    ),
    _Table(
        TableKey.PROCUREMENT,
        gettext_lazy("政府采购"),
        lambda data: data.procurement,
        lambda row: (row.function_code, row.project),
        lambda names, row: f"{row.project}（{_function(names, row.function_code)}）",
        _fields(TableKey.PROCUREMENT, "function_code", "project"),
    ),
    _Table(
        TableKey.SERVICE_PURCHASES,
        gettext_lazy("政府购买服务"),
        lambda data: data.service_purchases,
        lambda row: (row.function_code, row.project),
        lambda names, row: f"{row.project}（{_function(names, row.function_code)}）",
        _fields(TableKey.SERVICE_PURCHASES, "function_code", "project"),
    ),
    _Table(
        TableKey.PERFORMANCE,
        gettext_lazy("项目绩效目标"),
        lambda data: data.targets,
        lambda target: target.project,
        lambda names, target: target.project,
        _fields(TableKey.PERFORMANCE, "project"),
        _indicators,
    ),
)


@dataclass
class Total:
    label: str
    before: Decimal
    after: Decimal

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def shown(self) -> tuple[str, str]:
        return format_wan(self.before), format_wan(self.after)


def _figures(data: DisclosureData) -> dict[str, Decimal]:
    return {
        _("收入总计"): sum(data.income.values(), ZERO),
        _("本年支出合计"): sum((line.total for line in data.lines), ZERO),
        _("基本支出"): sum((line.basic for line in data.lines), ZERO),
        _("项目支出"): sum((line.project for line in data.lines), ZERO),
        _("一般公共预算基本支出（表6）"): sum((row.total for row in data.basic), ZERO),
        _("政府采购预算"): sum((item.total for item in data.procurement), ZERO),
        _("项目绩效目标资金总额"): sum((target.amount for target in data.targets), ZERO),
    }


def totals(before: DisclosureData, after: DisclosureData) -> list[Total]:
    """The headline figures before and after the import (exact 元), for the preview's summary."""
    old, new = _figures(before), _figures(after)
    return [Total(label, old[label], new[label]) for label in new]
