"""The fuzz set of hostile workbooks: every one is imported or refused with a message, none crashes,
the counts are checked before openpyxl parses anything, and a refused upload changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosures.excel.cells import CellReader, Place
from disclosures.excel.export import export_bytes
from disclosures.excel.hostile import hostile_workbooks
from disclosures.excel.importer import parse_workbook
from disclosures.excel.markup import MAX_CELLS, MAX_ELEMENTS, MAX_SHEETS
from disclosures.excel.reading import WorkbookError
from disclosures.models import Disclosure
from disclosures.snapshot import load

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def fuzz_set(seed_disclosure):
    return dict(hostile_workbooks(export_bytes(seed_disclosure), mutations=40, seed=7))


def outcome(raw: bytes, disclosure=None) -> list[str]:
    """The refusal's messages, or [] for a workbook that imports."""
    try:
        parse_workbook(raw, disclosure=disclosure)
    except WorkbookError as refused:
        assert refused.errors and all(isinstance(error, str) and error for error in refused.errors)
        return refused.errors
    return []


def test_every_workbook_of_the_fuzz_set_is_imported_or_refused(fuzz_set, seed_disclosure):
    refused = {name: outcome(raw, seed_disclosure) for name, raw in fuzz_set.items()}
    assert refused["the workbook as exported"] == []
    assert refused["cells just under the limit"] == [] and refused["formulas just under the limit (read twice)"] == []
    assert refused["1e308 in I9"] == ["预算公开03表 第9行 I列：金额“1e+308”过大"]
    assert refused["billion laughs"] and refused["external entity"]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("cells over the limit", f"个单元格，超过上限{MAX_CELLS}个"),
        ("one row of a million cells", f"个单元格，超过上限{MAX_CELLS}个"),
        ("elements over the limit", f"个XML元素，上限{MAX_ELEMENTS}个"),
        ("too many sheets", f"张工作表，超过上限{MAX_SHEETS}张"),
        ("zip bomb", "\xa0MB，超过上限64.0\xa0MB"),  # the unpacked size follows the template workbook
    ],
)
def test_oversized_workbooks_are_refused_before_they_are_parsed(fuzz_set, monkeypatch, case, message):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse a workbook over the limits")

    monkeypatch.setattr("disclosures.excel.reading.load_workbook", never)
    [error] = outcome(fuzz_set[case])
    assert message in error


def test_a_refused_hostile_upload_answers_400_and_changes_nothing(accountant_client, fuzz_set, seed_disclosure):
    before = load(seed_disclosure)
    for case in ("one row of a million cells", "billion laughs", "1e308 in I9", "zip bomb"):
        upload = SimpleUploadedFile("hostile.xlsx", fuzz_set[case], content_type=XLSX)
        response = accountant_client.post("/workspace/units/309002/2025/excel/", {"file": upload})
        assert response.status_code == 400, case
    assert load(Disclosure.objects.get()) == before


def test_text_a_database_cannot_hold_is_refused_with_its_cell():
    cells = CellReader()
    where = Place("预算公开03表", 9, 10)
    assert cells.text("项目\ud800说明", where) == "" and cells.amount("\x00", where) == 0
    assert cells.errors == [
        "预算公开03表 第9行 K列：含有无法编码的字符（单独的代理码位 U+D800），请删除后再导入",
        "预算公开03表 第9行 K列：含有空字符（NUL，\\u0000），请删除后再导入",
    ]
