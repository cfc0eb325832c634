"""Formula injection: no cell of a CSV or workbook the portal writes begins with = + - @ unless it is a number
(or, in a workbook, one of the portal's own totals in a locked cell)."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from disclosures.excel.export import export_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.formula_guard import TRIGGERS, inert, restored
from disclosures.interchange import parse
from disclosures.services import import_disclosure
from disclosures.snapshot import load
from tests.test_public_support import publish

HOSTILE_TEXTS = {
    "procurement": '=HYPERLINK("http://evil.example/","点击")',
    "service": "+cmd|' /C calc'!A0",
    "target": "@SUM(1+1)*cmd|' /C calc'!A0",
    "indicator": "-2+3+cmd|' /C calc'!A0",
    "unit": "=1+2 测试单位",
}


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def hostile(catalogs, unit, seed_json):
    """Seed 002 with texts that a spreadsheet would run, as the unit could type them."""
    unit.name = HOSTILE_TEXTS["unit"]
    unit.save()
    seed_json["unit"]["name"] = HOSTILE_TEXTS["unit"]
    seed_json["procurement"][0]["project"] = HOSTILE_TEXTS["procurement"]
    bought = seed_json["procurement"][1]
    seed_json["service_purchases"] = [
        {"function_code": bought["function_code"], "project": HOSTILE_TEXTS["service"], "funds": bought["funds"]}
    ]
    seed_json["performance_targets"][0]["project"] = HOSTILE_TEXTS["target"]
    seed_json["performance_targets"][0]["indicators"][0]["name"] = HOSTILE_TEXTS["indicator"]
    return import_disclosure(data=parse(json.dumps(seed_json)))


def is_dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS) and inert(value) != value


# The portal's own totals (disclosures/excel/formulas.py): sums of cell references, and SUMIF over a fund's
# rows by its label. Nothing else may be a formula, and these sit in locked cells of protected sheets.
REFERENCE = r"[A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?"
PORTAL_TOTAL = re.compile(
    rf'=(?:SUM\({REFERENCE}(?:,{REFERENCE})*\)|{REFERENCE}(?:\+{REFERENCE})*|SUMIF\({REFERENCE},"[^"|!]*",{REFERENCE}\))'
)


def is_portal_total(sheet, cell) -> bool:
    return bool(PORTAL_TOTAL.fullmatch(cell.value)) and cell.protection.locked and sheet.protection.sheet


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def test_inert_quotes_formulas_and_leaves_numbers_and_plain_text():
    assert inert("=1+1") == "'=1+1" and inert("@A1") == "'@A1" and inert("\t=x") == "'\t=x"
    assert inert("-") == "-" and inert("=") == "=" and inert("+86 772") == "'+86 772"
    assert inert("-3.50") == "-3.50" and inert("+12") == "+12" and inert("1e5") == "1e5"
    assert inert("柳州") == "柳州" and inert(12) == 12 and inert(None) is None
    assert restored(inert("=1+1")) == "=1+1" and restored("'abc") == "'abc"


def test_no_table_csv_cell_can_run(client, hostile):
    publish(hostile)
    cells = []
    for number in range(1, 13):
        response = client.get(f"/2025/309002/tables/{number}.csv")
        assert response.status_code == 200
        cells += csv_cells(response.content)
    assert [cell for cell in cells if is_dangerous(cell)] == []
    assert "'" + HOSTILE_TEXTS["procurement"] in cells and "'" + HOSTILE_TEXTS["unit"] in cells
    assert f"数量指标：{HOSTILE_TEXTS['indicator']}(=4台)" in " ".join(cells)  # inside a cell: harmless


def test_no_cell_of_the_open_data_zip_can_run(client, hostile):
    publish(hostile)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/2025.zip").getvalue()))
    csv_names = [name for name in archive.namelist() if name.endswith(".csv")]
    assert len(csv_names) > 12
    for name in csv_names:
        assert [cell for cell in csv_cells(archive.read(name)) if is_dangerous(cell)] == [], name


def test_no_workbook_cell_can_run_and_the_workbook_still_imports_unchanged(hostile):
    content = export_bytes(hostile)
    workbook = load_workbook(io.BytesIO(content))
    cells = [(sheet, cell) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    values = [cell.value for _sheet, cell in cells]
    dangerous = [(sheet, cell) for sheet, cell in cells if is_dangerous(cell.value)]
    totals = [cell.value for sheet, cell in dangerous if is_portal_total(sheet, cell)]
    assert len(totals) > 100 and "=SUM(B7:B9)" in totals
    assert [cell.value for sheet, cell in dangerous if not is_portal_total(sheet, cell)] == []
    assert "'" + HOSTILE_TEXTS["service"] in values
    parsed = parse_workbook(content, disclosure=hostile).data
    assert parsed == load(hostile)
    assert parsed.procurement[0].project == HOSTILE_TEXTS["procurement"]
