"""Saving one table, importing an upload and starting a year, without HTTP (disclosures.editing)."""

import dataclasses
import json
from decimal import Decimal

import pytest

from disclosures.choices import Fund, Status
from disclosures.completion import completion
from disclosures.editing import BasicContent, EditRefused, TableConflict, import_upload, save_table, start_draft
from disclosures.interchange import parse
from disclosures.models import Disclosure, ExpenditureLine, PerformanceIndicator
from disclosures.snapshot import FundedRow, Indicator, Line, Target, ThreePublicRow, code_book, load
from disclosures.table_conflicts import table_base
from disclosures.tables.builders import build_tables
from tests.tables import LIUZHOU


def fresh(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_related("unit__department").get(pk=disclosure.pk)


def base_of(disclosure: Disclosure, table: str) -> str:
    """The base a page of ``table`` opened now would send with its save."""
    return table_base(table, load(fresh(disclosure)), code_book(disclosure.year))


def test_saving_table_3_replaces_its_rows_and_nothing_else(seed_disclosure):
    before = load(seed_disclosure)
    lines = [*before.lines[:2], Line("2013899", Fund.GOV_FUND, project=Decimal("15000.00"), purpose="新增")]
    saved = save_table(seed_disclosure, "expenditure", lines, based_on=base_of(seed_disclosure, "expenditure"))
    after = load(fresh(seed_disclosure))
    assert after.lines == lines
    assert saved.lock_version == fresh(seed_disclosure).lock_version == 1
    assert dataclasses.replace(after, lines=before.lines) == before  # every other table as it was


def test_a_save_writes_only_the_rows_that_changed(seed_disclosure):
    lines = load(seed_disclosure).lines
    before = set(ExpenditureLine.history.values_list("history_id", flat=True))
    ids = list(ExpenditureLine.objects.order_by("position").values_list("pk", flat=True))
    lines[3] = dataclasses.replace(lines[3], purpose="改过的用途")
    save_table(seed_disclosure, "expenditure", lines, based_on=base_of(seed_disclosure, "expenditure"))
    audited = ExpenditureLine.history.exclude(history_id__in=before)
    assert {(entry.id, entry.purpose) for entry in audited} == {(ids[3], "改过的用途")}  # only the row that changed
    assert list(ExpenditureLine.objects.order_by("position").values_list("pk", flat=True)) == ids


def test_rows_are_matched_by_their_key_when_reordered(seed_disclosure):
    lines = load(seed_disclosure).lines
    ids = dict(ExpenditureLine.objects.values_list("function_code__code", "pk"))
    save_table(seed_disclosure, "expenditure", list(reversed(lines)), based_on=base_of(seed_disclosure, "expenditure"))
    stored = list(ExpenditureLine.objects.order_by("position").values_list("function_code__code", "pk"))
    assert [code for code, _pk in stored] == [line.function_code for line in reversed(lines)]
    assert dict(stored) == ids


def test_a_stale_save_is_refused_and_changes_nothing(seed_disclosure):
    lines = load(seed_disclosure).lines
    opened = base_of(seed_disclosure, "expenditure")
    save_table(seed_disclosure, "expenditure", lines[:1], based_on=base_of(seed_disclosure, "expenditure"))
    with pytest.raises(TableConflict) as conflict:
        save_table(seed_disclosure, "expenditure", lines[:2], based_on=opened)
    assert [row.label for row in conflict.value.rows] == ["2080505 机关事业单位基本养老保险缴费支出（一般公共预算）"]
    assert len(load(fresh(seed_disclosure)).lines) == 1
    assert fresh(seed_disclosure).lock_version == 1


def test_the_lock_is_per_table(seed_disclosure):
    """A saving table 6 does not block B saving table 7 from a page opened before A's save."""
    data = load(seed_disclosure)
    opened_7 = base_of(seed_disclosure, "three_public")
    save_table(seed_disclosure, "basic_by_economic", BasicContent(data.basic[:3]),
               based_on=base_of(seed_disclosure, "basic_by_economic"))  # fmt: skip
    rows = [dataclasses.replace(data.three_public[0], meeting=Decimal("100.00"))]
    save_table(seed_disclosure, "three_public", rows, based_on=opened_7)
    stored = load(fresh(seed_disclosure))
    assert len(stored.basic) == 3 and stored.three_public[0].meeting == Decimal("100.00")


def test_two_people_typing_the_same_values_do_not_conflict(seed_disclosure):
    lines = load(seed_disclosure).lines
    opened = base_of(seed_disclosure, "expenditure")
    lines[0] = dataclasses.replace(lines[0], purpose="同样的修改")
    save_table(seed_disclosure, "expenditure", lines, based_on=opened)
    save_table(seed_disclosure, "expenditure", lines, based_on=opened)
    assert load(fresh(seed_disclosure)).lines[0].purpose == "同样的修改"


def test_a_conflict_shows_both_values_and_a_confirmed_overwrite_saves(seed_disclosure):
    lines = load(seed_disclosure).lines
    opened = base_of(seed_disclosure, "expenditure")
    theirs = [dataclasses.replace(lines[0], purpose="甲的用途"), *lines[1:]]
    mine = [lines[0], dataclasses.replace(lines[1], purpose="乙的用途"), *lines[2:]]
    save_table(seed_disclosure, "expenditure", theirs, based_on=opened)
    with pytest.raises(TableConflict) as conflict:
        save_table(seed_disclosure, "expenditure", mine, based_on=opened)
    [row] = conflict.value.rows  # B's own change to row 2 is not a conflict; A's change to row 1 is
    assert row.label.startswith(lines[0].function_code)
    assert [(f.label, f.theirs, f.mine) for f in row.fields] == [("主要用于", "甲的用途", lines[0].purpose)]
    assert "保存冲突" in str(conflict.value) and "需要改正" not in str(conflict.value)
    save_table(seed_disclosure, "expenditure", mine, based_on=conflict.value.current_base)
    assert [line.purpose for line in load(fresh(seed_disclosure)).lines[:2]] == [lines[0].purpose, "乙的用途"]


def test_an_overwrite_based_on_rows_changed_again_is_a_new_conflict(seed_disclosure):
    lines = load(seed_disclosure).lines
    opened = base_of(seed_disclosure, "expenditure")
    save_table(seed_disclosure, "expenditure", [dataclasses.replace(lines[0], purpose="甲1"), *lines[1:]],
               based_on=opened)  # fmt: skip
    with pytest.raises(TableConflict) as first:
        save_table(seed_disclosure, "expenditure", lines, based_on=opened)
    save_table(seed_disclosure, "expenditure", [dataclasses.replace(lines[0], purpose="甲2"), *lines[1:]],
               based_on=first.value.current_base)  # fmt: skip
    with pytest.raises(TableConflict):
        save_table(seed_disclosure, "expenditure", lines, based_on=first.value.current_base)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED])
def test_a_disclosure_under_review_is_not_saved(seed_disclosure, status):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=status)
    with pytest.raises(EditRefused, match="不能修改"):
        save_table(seed_disclosure, "expenditure", [], based_on=base_of(seed_disclosure, "expenditure"))
    assert ExpenditureLine.objects.count() == 8
    assert fresh(seed_disclosure).lock_version == 0


def test_a_returned_disclosure_can_be_saved(seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.RETURNED)
    save_table(
        seed_disclosure,
        "three_public",
        [ThreePublicRow(Fund.GENERAL_BUDGET, meeting=Decimal("100"))],
        based_on=base_of(seed_disclosure, "three_public"),
    )
    assert load(fresh(seed_disclosure)).three_public[0].meeting == Decimal("100")


def test_entry_unit_income_and_operating_costs_are_saved(seed_disclosure):
    income = {**load(seed_disclosure).income, "unit_other": Decimal("5000.00")}
    save_table(
        seed_disclosure,
        "income_expenditure",
        income,
        based_on=base_of(seed_disclosure, "income_expenditure"),
        entry_unit="元",
    )
    rows = load(seed_disclosure).basic
    save_table(
        seed_disclosure,
        "basic_by_economic",
        BasicContent(rows[:3], Decimal("12345.67")),
        based_on=base_of(seed_disclosure, "basic_by_economic"),
    )
    disclosure = fresh(seed_disclosure)
    data = load(disclosure)
    assert disclosure.entry_unit == "元" and data.income["unit_other"] == Decimal("5000.00")
    assert data.operating_costs == Decimal("12345.67") and data.basic == rows[:3]


def test_table_10_11_and_12_are_saved(seed_disclosure):
    item = FundedRow("2150599", "服务器", {"unit_funds": Decimal("30000.00")}, "decentralized", "goods")
    save_table(seed_disclosure, "procurement", [item], based_on=base_of(seed_disclosure, "procurement"))
    save_table(seed_disclosure, "service_purchases", [FundedRow("2150599", "运维", {"general_budget": Decimal("1")})],
               based_on=base_of(seed_disclosure, "service_purchases"))  # fmt: skip
    target = Target("新项目", Decimal("10000"), "目标", [Indicator("quality", "合格率", "≥", "95", "%")])
    targets = [*load(seed_disclosure).targets[1:], target]
    save_table(seed_disclosure, "performance", targets, based_on=base_of(seed_disclosure, "performance"))
    data = load(fresh(seed_disclosure))
    assert [(row.project, row.total, row.mode) for row in data.procurement] == [
        ("服务器", Decimal("30000"), "decentralized")
    ]
    assert data.service_purchases[0].project == "运维"
    assert data.targets == targets
    assert PerformanceIndicator.objects.count() == sum(len(t.indicators) for t in targets)


def test_completion_counts_rows_and_findings(seed_data):
    tables = build_tables(seed_data, {}, LIUZHOU)

    @dataclasses.dataclass
    class Found:
        table: str
        severity: str

    findings = [Found("expenditure", "error"), Found("expenditure", "warning"), Found("", "error")]
    done = completion(seed_data, tables, findings)
    assert [(c.number, c.entered, c.rows) for c in done if c.entered] == [
        (1, True, 1), (3, True, 8), (6, True, 28), (7, True, 1), (10, True, 8), (11, True, 0), (12, True, 8)
    ]  # fmt: skip
    assert (done[2].errors, done[2].warnings, done[2].findings) == (1, 1, 2)
    assert done[10].is_empty and not done[1].is_empty and done[7].is_empty  # 11 empty; 2 derived, not empty; 8 empty


# ---- Upload and start -------------------------------------------------------------------------------


def test_import_upload_replaces_the_draft_and_bumps_the_version(seed_disclosure, seed_json):
    seed_json["expenditure_lines"][0]["purpose"] = "来自文件"
    imported = import_upload(seed_disclosure, parse(json.dumps(seed_json)), replace=True)
    assert imported.pk == seed_disclosure.pk and imported.lock_version == 1
    assert load(imported).lines[0].purpose == "来自文件"


def test_import_upload_refuses_another_units_or_years_document(seed_disclosure, seed_json, other_unit):
    other_year = {key: seed_json[key] for key in ("format", "kind", "amount_unit", "department", "unit")}
    for document in ({**seed_json, "unit": {"code": "310001", "name": "其他单位"}}, {**other_year, "year": 2026}):
        with pytest.raises(EditRefused, match="与本页（309002 2025年预算）不符"):
            import_upload(seed_disclosure, parse(json.dumps(document)), replace=True)
    assert Disclosure.objects.count() == 1 and fresh(seed_disclosure).lock_version == 0


def test_start_draft_creates_an_empty_draft_once(catalogs, unit):
    disclosure = start_draft(unit=unit, year=2026)
    assert (disclosure.year, disclosure.status, disclosure.version) == (2026, Status.DRAFT, 1)
    assert load(disclosure).lines == []
    with pytest.raises(EditRefused, match="已有公开材料"):
        start_draft(unit=unit, year=2026)


def test_start_draft_refuses_a_year_with_a_published_version(seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED)
    with pytest.raises(EditRefused, match="已有公开材料"):
        start_draft(unit=seed_disclosure.unit, year=2025)


def test_start_draft_needs_the_years_catalog(catalogs, unit):
    with pytest.raises(EditRefused, match="2031年的分类科目目录尚未导入"):
        start_draft(unit=unit, year=2031)
    assert not Disclosure.objects.exists()


def test_save_uses_the_years_catalog(seed_disclosure):
    book = code_book(2025)
    save_table(
        seed_disclosure,
        "expenditure",
        [Line("2080505", personnel=Decimal("1"))],
        based_on=base_of(seed_disclosure, "expenditure"),
        book=book,
    )
    assert ExpenditureLine.objects.get().function_code == book[("function", "2080505")]
