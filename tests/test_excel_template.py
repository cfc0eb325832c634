"""The blank template: protected, only entry cells open, and a template filled in by a script imports."""

import pytest

from disclosures.choices import Fund, IndicatorCategory, ProcurementCategory, ProcurementMode
from disclosures.excel.export import info_values
from disclosures.excel.importer import parse_workbook
from disclosures.excel.layout import INDICATOR_SHEET, INFO_SHEET, THREE_PUBLIC_KEYS
from disclosures.excel.template import template_bytes
from disclosures.models import Disclosure
from disclosures.money import to_wan
from disclosures.tables.builders import build_table
from tests.tables import LIUZHOU
from tests.test_excel_support import letter, opened, saved


@pytest.fixture
def draft(catalogs, unit):
    return Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2025)


def open_rows(sheet, column: str) -> list[int]:
    """The rows a script fills: their cell in ``column`` is unlocked and still empty."""
    return [cell.row for cell in sheet[column] if not cell.protection.locked and cell.value is None]


def wan(amount) -> float:
    return float(to_wan(amount))


def fill(raw: bytes, data, book) -> bytes:
    """What a unit's script does: type the figures of ``data`` into the template's open cells."""
    workbook = opened(raw)
    sheet = workbook["预算公开01表"]
    for offset, row in enumerate(build_table(LIUZHOU.by_number(1), data, book).rows):
        if "income_amount" in row.entered:
            sheet[f"B{6 + offset}"] = wan(data.income_amount(row.entered["income_amount"]))
    sheet = workbook["预算公开02表"]
    unit_row = next(cell.row for cell in sheet["A"] if cell.value == data.unit_code)
    for fund in Fund.values:
        sheet[f"{letter(2, f'carryover_{fund}')}{unit_row}"] = wan(data.income_amount(f"carryover_{fund}"))
    sheet = workbook["预算公开03表"]
    for row, line in zip(open_rows(sheet, "A"), data.lines, strict=False):
        for key, value in (
            ("function_code", line.function_code),
            ("fund", str(Fund(line.fund).label)),
            ("purpose", line.purpose),
            ("personnel", wan(line.personnel)),
            ("public", wan(line.public)),
            ("project", wan(line.project)),
            ("carry_forward", wan(line.carry_forward)),
        ):
            sheet[f"{letter(3, key)}{row}"] = value  # fmt: skip
    sheet = workbook["预算公开06表"]
    for row, item in zip(open_rows(sheet, "A"), data.basic, strict=False):
        sheet[f"A{row}"], sheet[f"D{row}"], sheet[f"E{row}"] = (
            int(item.economic_code),
            wan(item.personnel),
            wan(item.public),
        )
    sheet = workbook["预算公开07表"]
    for row, item in zip(open_rows(sheet, "C"), data.three_public, strict=False):
        sheet[f"C{row}"] = str(Fund(item.fund).label)
        for key in THREE_PUBLIC_KEYS:
            sheet[f"{letter(7, key)}{row}"] = wan(getattr(item, key))
    sheet = workbook["预算公开10表"]
    for row, item in zip(open_rows(sheet, "A"), data.procurement, strict=False):
        sheet[f"A{row}"], sheet[f"D{row}"] = item.function_code, item.project
        sheet[f"{letter(10, 'mode')}{row}"] = str(ProcurementMode(item.mode).label)
        sheet[f"{letter(10, 'category')}{row}"] = str(ProcurementCategory(item.category).label)
        for key, amount in item.funds.items():
            sheet[f"{letter(10, key)}{row}"] = wan(amount)
    sheet = workbook["预算公开12表"]
    for row, target in zip(open_rows(sheet, "D"), data.targets, strict=False):
        sheet[f"D{row}"], sheet[f"E{row}"], sheet[f"F{row}"] = target.project, wan(target.amount), target.goal
    sheet = workbook[INDICATOR_SHEET]
    indicators = [(target.project, item) for target in data.targets for item in target.indicators]
    for row, (project, item) in zip(open_rows(sheet, "A"), indicators, strict=False):
        values = (project, str(IndicatorCategory(item.category).label), item.name, item.operator, item.value, item.unit)
        for column, value in zip("ABCDEF", values, strict=True):
            sheet[f"{column}{row}"] = value or None
    sheet = workbook[INFO_SHEET]
    values = info_values(data)
    for cell in sheet["C"]:
        value = values.get(cell.value)
        if value is not None and not sheet[f"B{cell.row}"].protection.locked:
            sheet[f"B{cell.row}"] = wan(value) if hasattr(value, "quantize") else value
    return saved(workbook)


def test_the_template_protects_every_sheet_without_a_password(draft):
    workbook = opened(template_bytes(draft))
    assert all(sheet.protection.sheet for sheet in workbook.worksheets)
    assert all(not sheet.protection.password for sheet in workbook.worksheets)


def test_only_entry_cells_are_open_and_derived_cells_are_blank_or_totals(draft):
    workbook = opened(template_bytes(draft))
    table_1 = workbook["预算公开01表"]
    assert table_1["A7"].value == "（一）上级补助" and not table_1["B7"].protection.locked
    assert table_1["B7"].value is None  # a blank form, not zeros
    assert table_1["B6"].protection.locked and table_1["B6"].value == "=SUM(B7:B9)"  # 一、一般公共预算拨款
    assert table_1["D6"].protection.locked  # expenditure comes from table 3
    table_3 = workbook["预算公开03表"]
    assert len(open_rows(table_3, "A")) == 40
    first = open_rows(table_3, "A")[0]
    assert table_3[f"D{first}"].protection.locked  # 合计
    assert not table_3[f"{letter(3, 'personnel')}{first}"].protection.locked
    assert table_3["D5"].value == "=SUM(D6:D45)"  # no stale zero in the 合计 row: its formula
    table_7 = workbook["预算公开07表"]
    rows = open_rows(table_7, "C")
    assert len(rows) == 5 and table_7[f"A{rows[0]}"].value == "309002"
    info = workbook[INFO_SHEET]
    identity = {info[f"C{row}"].value: info[f"B{row}"] for row in range(5, 16)}
    assert identity["unit.code"].value == "309002" and identity["unit.code"].protection.locked
    assert identity["year"].value == "2025"


def test_a_template_filled_in_by_a_script_imports(draft, seed_data):
    from disclosures.snapshot import code_book

    filled = fill(template_bytes(draft), seed_data, code_book(2025))
    parsed = parse_workbook(filled, disclosure=draft)
    assert parsed.data == seed_data
    assert parsed.warnings == []


def test_the_template_download_needs_a_visible_disclosure(client, accountant, other_accountant, draft):
    url = "/workspace/units/309002/2025/excel/template.xlsx"
    client.force_login(accountant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="309002-2025-template.xlsx"'
    assert opened(response.content)["预算公开01表"]["A3"].value == "单位名称：309002柳州市信息化建设管理中心"
    client.force_login(other_accountant)
    assert client.get(url).status_code == 404
