"""The audit trail of a disclosure's data, read from the django-simple-history records.

Every content model keeps its history (disclosures.models); a record says who changed a row, when, and
the row's values after the change. This module turns the records into change sets — what one person
changed at one moment — with each field's old and new value. Writes keep a row's identity and skip the
rows that did not change (disclosures.table_writers); records from before that, where a re-import deleted
and recreated a table, show only what differs: a deleted and a recreated row with the same natural key
(code and fund, project name, …) are compared field by field.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Model

from disclosures.checks.yoy import explanation_label
from disclosures.models import (
    BasicExpenditure,
    Disclosure,
    ExpenditureLine,
    Explanation,
    Income,
    PerformanceIndicator,
    PerformanceTarget,
    PriorYear,
    PriorYearEconomic,
    PriorYearFunctionClass,
    ProcurementItem,
    ServicePurchaseItem,
    ThreePublicCosts,
)
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

# Changes by one person less than this apart belong to one change set (one save, one import).
SAME_CHANGE = timedelta(seconds=3)
# Bookkeeping that says nothing about the data: ids, links to the owner, row order, status (see the events).
# Explanations are named as their box on the 说明 page names them; 类 by the published list (no catalog query).
CATALOG_NAMES = Names({})
SKIPPED_FIELDS = {"id", "disclosure", "target", "prior_year", "position", "status", "created_at", "published_at"}


@dataclass(frozen=True)
class Audited:
    model: type[Model]
    table: str  # the table's key, "" outside the tables
    key: Callable  # the row's natural key within its disclosure, from a historical record
    label: Callable  # how a person names the row
    related: tuple[str, ...] = ()


def _code(record, name: str) -> str:
    code = getattr(record, name, None)
    return code.code if code is not None else ""


AUDITED = (
    Audited(Disclosure, "", lambda r: (), lambda r: "基本信息", ("unit",)),
    Audited(Income, TableKey.INCOME_EXPENDITURE, lambda r: (), lambda r: "收入"),
    Audited(
        ExpenditureLine, TableKey.EXPENDITURE, lambda r: (r.function_code_id, r.fund),
        lambda r: f"{_code(r, 'function_code')} {r.get_fund_display()}", ("function_code",),
    ),
    Audited(
        BasicExpenditure, TableKey.BASIC_BY_ECONOMIC, lambda r: (r.economic_code_id,),
        lambda r: _code(r, "economic_code"), ("economic_code",),
    ),
    Audited(ThreePublicCosts, TableKey.THREE_PUBLIC, lambda r: (r.fund,), lambda r: r.get_fund_display()),
    Audited(
        ProcurementItem, TableKey.PROCUREMENT, lambda r: (r.function_code_id, r.project, r.mode, r.category),
        lambda r: r.project, ("function_code",),
    ),
    Audited(
        ServicePurchaseItem, TableKey.SERVICE_PURCHASES, lambda r: (r.function_code_id, r.project),
        lambda r: r.project, ("function_code",),
    ),
    Audited(PerformanceTarget, TableKey.PERFORMANCE, lambda r: (r.project,), lambda r: r.project),
    Audited(PerformanceIndicator, TableKey.PERFORMANCE, lambda r: (r.category, r.name), lambda r: r.name),
    Audited(PriorYear, "", lambda r: (), lambda r: "上年数"),
    Audited(PriorYearFunctionClass, "", lambda r: (r.scope, r.class_code), lambda r: f"上年数 {r.class_code}"),
    Audited(PriorYearEconomic, "", lambda r: (r.code,), lambda r: f"上年数 {r.code}"),
    Audited(Explanation, "", lambda r: (r.key,), lambda r: f"情况说明 {explanation_label(r.key, CATALOG_NAMES)}"),
)  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str


@dataclass
class RowChange:
    what: str  # the model's verbose name
    table: str  # the table's key, "" outside the tables
    row: str
    action: str  # "created", "changed" or "deleted"
    version: int
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class ChangeSet:
    at: datetime
    user: object
    rows: list[RowChange] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def deleted(self) -> int:
        return self.count("deleted")


@dataclass
class _Entry:
    audited: Audited
    record: object
    disclosure_id: int
    parent_key: tuple = ()

    @property
    def key(self) -> tuple:
        return (self.audited.model, self.disclosure_id, self.parent_key, self.audited.key(self.record))


def _display(model_field, value) -> str:
    if value is None:
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, Model):
        return str(getattr(value, "code", value))
    return str(value) if value != "" else "（空）"


def _tracked_fields(history_model) -> list:
    return [f for f in history_model.tracked_fields if f.name not in SKIPPED_FIELDS]


def _values(entry: _Entry) -> dict[str, tuple[str, str]]:
    record = entry.record
    values = {
        f.name: (str(f.verbose_name), _display(f, getattr(record, f.name))) for f in _tracked_fields(type(record))
    }
    if entry.audited.model is Explanation:  # what it explains, in words rather than its key
        label, key = values["key"]
        values["key"] = (label, explanation_label(key, CATALOG_NAMES))
    return values


def _diff(before: _Entry, after: _Entry) -> list[FieldChange]:
    old, new = _values(before), _values(after)
    return [FieldChange(label, old[name][1], value) for name, (label, value) in new.items() if old[name][1] != value]


def _entries(disclosure_ids: list[int]) -> list[_Entry]:
    """Every history record of these disclosures' data: one query per audited model."""
    entries: list[_Entry] = []
    target_of: dict[int, tuple[int, str]] = {}
    for audited in AUDITED:
        history = audited.model.history.model
        records = history.objects.select_related("history_user", *audited.related)
        if audited.model is Disclosure:
            records = records.filter(id__in=disclosure_ids)
        elif audited.model is PerformanceIndicator:
            records = records.filter(target_id__in=list(target_of))
        elif audited.model in (PriorYearFunctionClass, PriorYearEconomic):
            records = records.filter(prior_year_id__in=disclosure_ids)
        else:
            records = records.filter(disclosure_id__in=disclosure_ids)
        for record in records.order_by("history_date", "history_id"):
            if audited.model is PerformanceTarget:
                target_of[record.id] = (record.disclosure_id, record.project)
            if audited.model is PerformanceIndicator:
                disclosure_id, project = target_of[record.target_id]
                entries.append(_Entry(audited, record, disclosure_id, (project,)))
            elif audited.model is Disclosure:
                entries.append(_Entry(audited, record, record.id))
            elif audited.model in (PriorYearFunctionClass, PriorYearEconomic):
                entries.append(_Entry(audited, record, record.prior_year_id))
            else:
                entries.append(_Entry(audited, record, record.disclosure_id))
    return sorted(entries, key=lambda entry: (entry.record.history_date, entry.record.history_id))


def _group(entries: list[_Entry]) -> list[list[_Entry]]:
    groups: list[list[_Entry]] = []
    for entry in entries:
        last = groups[-1][-1].record if groups else None
        record = entry.record
        if (
            last is None
            or last.history_user_id != record.history_user_id
            or record.history_date - last.history_date > SAME_CHANGE
        ):
            groups.append([])
        groups[-1].append(entry)
    return groups


def _label(entry: _Entry) -> str:
    label = entry.audited.label(entry.record)
    return f"{entry.parent_key[0]} · {label}" if entry.parent_key else label


def change_log(disclosures: list[Disclosure], *, limit: int | None = None) -> list[ChangeSet]:
    """The latest ``limit`` change sets (None: all) of these disclosures' data, newest first."""
    version_of = {disclosure.pk: disclosure.version for disclosure in disclosures}
    current: dict[tuple, _Entry] = {}  # each live row's last record, by model and primary key
    change_sets = []
    for group in _group(_entries(list(version_of))):
        first = group[0].record
        change_set = ChangeSet(at=first.history_date, user=first.history_user)
        # Rows deleted in this change set, by natural key; a key may repeat (two items of one project).
        deleted: dict[tuple, list[_Entry]] = {}
        for entry in group:
            row_id = (entry.audited.model, getattr(entry.record, entry.audited.model._meta.pk.attname))
            kind = entry.record.history_type
            if kind == "-":
                deleted.setdefault(entry.key, []).append(entry)
                current.pop(row_id, None)
                continue
            same_key = deleted.get(entry.key)
            before = current.get(row_id) if kind == "~" else (same_key.pop(0) if same_key else None)
            current[row_id] = entry
            if before is None:
                change_set.rows.append(_row(entry, "created", version_of))
            elif fields := _diff(before, entry):
                change_set.rows.append(_row(entry, "changed", version_of, fields))
        change_set.rows.extend(_row(entry, "deleted", version_of) for rows in deleted.values() for entry in rows)
        if change_set.rows:
            change_sets.append(change_set)
    return change_sets[::-1][:limit]


def _row(entry: _Entry, action: str, version_of: dict[int, int], fields: list[FieldChange] | None = None) -> RowChange:
    audited = entry.audited
    if action == "created" and audited.model is not Disclosure:
        # A new row: what it holds, leaving out the empty and zero values.
        fields = [
            FieldChange(label, "", value)
            for label, value in _values(entry).values()
            if value not in ("—", "0.00", "（空）")
        ]
    return RowChange(
        what=str(audited.model._meta.verbose_name),
        table=audited.table,
        row=_label(entry),
        action=action,
        version=version_of[entry.disclosure_id],
        fields=fields or [],
    )
