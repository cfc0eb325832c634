"""A 决算 as a workbook: its layout's tables, its 决算明细 sheet, read back to the same data; 年初预算数
read-only (grey, not read) when the 决算 is linked to its unit's budget of the year."""

from decimal import Decimal

import pytest

from disclosures.choices import Kind, Status
from disclosures.excel.export import export_bytes
from disclosures.excel.final_figures import FINAL_FIGURES_SHEET
from disclosures.excel.importer import parse_workbook
from disclosures.excel.layout import FINAL_LINES_SHEET
from disclosures.final_accounts import create_from_budget
from disclosures.interchange import parse
from disclosures.layouts import get_layout
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.snapshot import load
from tests.test_excel_support import edited, opened

FIXTURE = "disclosures/demo/seed-001-2017-final.json"


@pytest.fixture
def seed_final(catalogs):
    return import_disclosure(data=parse(open(FIXTURE, encoding="utf-8").read()))


def test_a_final_workbook_has_its_layouts_tables_and_its_lines(seed_final):
    workbook = opened(export_bytes(seed_final))
    layout = get_layout(seed_final.layout)
    assert workbook.sheetnames[: len(layout.tables)] == [layout.tables.code(t.key) for t in layout.tables]
    assert FINAL_LINES_SHEET in workbook.sheetnames
    sheet = workbook[FINAL_LINES_SHEET]
    assert sheet.cell(4, 1).value == "科目编码" and sheet.cell(4, 5).value == "年初预算数"


def test_seed_001_round_trips_through_a_workbook_unchanged(seed_final):
    parsed = parse_workbook(export_bytes(seed_final), disclosure=seed_final)
    assert parsed.data == load(seed_final)
    assert parsed.warnings == []


def test_what_a_unit_types_on_the_lines_sheet_is_imported(seed_final):
    book = edited(export_bytes(seed_final), {(FINAL_LINES_SHEET, "K5"): 12.34})
    parsed = parse_workbook(book, disclosure=seed_final).data
    assert parsed.lines[0].project == Decimal("123400.00")


@pytest.fixture
def linked_final(seed_disclosure, unit):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)
    return create_from_budget(unit=unit, year=2025)


def test_a_linked_finals_initial_budget_is_read_only_and_never_read(linked_final, seed_disclosure):
    raw = export_bytes(linked_final)
    sheet = opened(raw)[FINAL_LINES_SHEET]
    assert sheet.cell(5, 5).protection.locked and "不能修改" in str(sheet.cell(2, 1).value)
    budgeted = load(linked_final).lines[0].budget_initial
    book = edited(raw, {(FINAL_LINES_SHEET, "E5"): 1, (FINAL_LINES_SHEET, "I5"): 5})
    parsed = parse_workbook(book, disclosure=linked_final).data
    assert parsed.lines[0].budget_initial == budgeted
    assert parsed.lines[0].personnel == Decimal("50000.00")
    assert parsed.kind == Kind.FINAL


def test_a_count_that_is_not_a_whole_number_is_named_with_its_place(seed_final):
    from disclosures.excel.reading import WorkbookError
    from tests.test_excel_support import row_of

    raw = export_bytes(seed_final)
    row = row_of(raw, FINAL_FIGURES_SHEET, "C", "three_public.general_budget.vehicles_held")
    with pytest.raises(WorkbookError) as error:
        parse_workbook(edited(raw, {(FINAL_FIGURES_SHEET, f"B{row}"): "十四"}), disclosure=seed_final)
    assert any(FINAL_FIGURES_SHEET in message and "不是个数" in message for message in error.value.errors)


def test_the_finals_own_figures_are_read_from_its_sheet(seed_final):
    from tests.test_excel_support import row_of

    raw = export_bytes(seed_final)
    row = row_of(raw, FINAL_FIGURES_SHEET, "C", "final.procurement_sme")
    parsed = parse_workbook(edited(raw, {(FINAL_FIGURES_SHEET, f"B{row}"): 100}), disclosure=seed_final).data
    assert parsed.final["procurement_sme"] == Decimal("1000000.00")
    assert parsed.three_public[0].vehicles_held == 14 and parsed.evaluations == load(seed_final).evaluations


def test_the_commands_export_and_import_a_finals_workbook(seed_final, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "101-2017-final.xlsx"
    call_command("export_disclosure", "101", "2017", "--kind", "final", "--format", "xlsx", "--output", str(path))
    before = load(seed_final)
    call_command("import_disclosure", str(path), "--replace", "--kind", "final")
    assert load(Disclosure.objects.get(pk=seed_final.pk)) == before
