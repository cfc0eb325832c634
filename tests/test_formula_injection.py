"""Formula injection: no cell of a CSV or workbook the portal writes begins with = + - @ unless it is a number."""

import csv
import io
import json
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
    values = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [value for value in values if is_dangerous(value)] == []
    assert "'" + HOSTILE_TEXTS["service"] in values
    parsed = parse_workbook(content, disclosure=hostile).data
    assert parsed == load(hostile)
    assert parsed.procurement[0].project == HOSTILE_TEXTS["procurement"]
