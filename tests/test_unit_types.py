"""Unit types as real documents word them (行政机关, 全额拨款事业单位, 参照公务员管理事业单位 …), in every import."""

import json

import pytest

from disclosures.excel.export import workbook_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.layout import INFO_SHEET
from disclosures.excel.reading import WorkbookError
from disclosures.interchange import InterchangeError, parse
from disclosures.snapshot import code_book
from tests.test_excel_support import edited, row_of
from units.models import Unit
from units.types import UNIT_TYPE_ALIASES, unit_type_from_wording

WORDINGS = {
    "行政机关": Unit.Type.ADMINISTRATIVE,
    "行政单位": Unit.Type.ADMINISTRATIVE,
    "参照公务员法管理事业单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "参照公务员管理事业单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "参公单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "参公事业单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "全额拨款事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "差额拨款事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "自收自支事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "公益一类事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "公益二类事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "其他": Unit.Type.OTHER,
}


@pytest.mark.parametrize(("wording", "expected"), WORDINGS.items())
def test_each_wording_names_its_type(wording, expected):
    assert unit_type_from_wording(wording) == expected
    assert unit_type_from_wording(f" {wording[:2]}\u3000{wording[2:]} ") == expected  # spaces of either width


def test_blank_is_the_default_and_anything_else_names_no_type():
    assert unit_type_from_wording(None) == unit_type_from_wording("  ") == Unit.Type.ADMINISTRATIVE
    assert unit_type_from_wording("", default=Unit.Type.OTHER) == Unit.Type.OTHER
    assert unit_type_from_wording("国有企业") is None
    assert unit_type_from_wording(3) is None
    assert set(UNIT_TYPE_ALIASES.values()) <= set(Unit.Type.values)


@pytest.mark.parametrize(("wording", "expected"), [("全额拨款事业单位", "事业单位"), ("行政机关", "行政单位")])
def test_the_json_import_accepts_the_wordings(seed_json, catalogs, wording, expected):
    document = {**seed_json, "unit": {**seed_json["unit"], "type": wording}}
    assert parse(json.dumps(document)).unit_type == expected


def test_the_json_import_names_the_types_it_accepts(seed_json, catalogs):
    document = {**seed_json, "unit": {**seed_json["unit"], "type": {"不是": "文字"}}}
    with pytest.raises(InterchangeError) as caught:
        parse(json.dumps(document))
    assert any(
        error.startswith("unit.type：") and "行政单位、参公事业单位、事业单位、其他" in error
        for error in caught.value.errors
    )


@pytest.mark.parametrize(
    ("wording", "expected"), [("参照公务员管理事业单位", "参公事业单位"), ("公益二类事业单位", "事业单位")]
)
def test_the_workbook_import_accepts_the_wordings(seed_data, wording, expected):
    raw = workbook_bytes(seed_data, code_book(2025))
    row = row_of(raw, INFO_SHEET, "C", "unit.type")
    assert parse_workbook(edited(raw, {(INFO_SHEET, f"B{row}"): wording})).data.unit_type == expected


def test_the_workbook_import_names_the_types_it_accepts(seed_data):
    raw = workbook_bytes(seed_data, code_book(2025))
    row = row_of(raw, INFO_SHEET, "C", "unit.type")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(edited(raw, {(INFO_SHEET, f"B{row}"): "国有企业"}))
    assert (
        f"说明与其他 第{row}行 B列：“国有企业”不是有效的单位类型（可选：行政单位、参公事业单位、事业单位、其他）"
        in (caught.value.errors)
    )
