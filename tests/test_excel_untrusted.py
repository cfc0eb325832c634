"""Uploaded files are untrusted: whatever arrives is refused with a message, never a crash or a hang,
and harmless differences from the exported workbook are tolerated."""

import re
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest

from disclosures.excel import reading
from disclosures.excel.export import export_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.reading import WorkbookError
from disclosures.snapshot import load
from tests.test_excel_support import edited, opened, rezipped, row_of, saved, sheet_member


def rejected(raw: bytes, disclosure=None) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(raw, disclosure=disclosure)
    return caught.value.errors


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "文件不是Excel工作簿（.xlsx），或者已经损坏。"),
        ("科目编码,金额\n2080501,19.85\n".encode(), "文件不是Excel工作簿（.xlsx），或者已经损坏。"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "这是旧版Excel（.xls）文件或设置了打开密码的工作簿"),
        (zipped({"word/document.xml": b"<w:document/>"}), "文件不是Excel工作簿（.xlsx），或者已经损坏。"),
        (zipped({"xl/workbook.xml": b"<not really"}), "文件不是有效的Excel工作簿，或者已经损坏，无法打开。"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(catalogs, raw, message):
    assert rejected(raw)[0].startswith(message)


def test_a_truncated_workbook_is_refused(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    assert rejected(seed_workbook[: len(seed_workbook) // 2]) == ["文件不是Excel工作簿（.xlsx），或者已经损坏。"]


def test_a_damaged_sheet_is_refused(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    raw = rezipped(seed_workbook, sheet_member(seed_workbook, "预算公开03表"), lambda xml: xml[: len(xml) // 2])
    assert rejected(raw, seed_disclosure) == ["文件已经损坏，无法读取其中的工作表。"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(seed_disclosure, settings):
    seed_workbook = export_bytes(seed_disclosure)
    settings.UPLOAD_MAX_BYTES = 1000
    assert re.fullmatch(r"文件大小为\d+\.\d\xa0KB，超过上限1000\xa0字节。", rejected(seed_workbook)[0])


def test_a_zip_bomb_is_refused_before_openpyxl_expands_it(catalogs):
    bomb = zipped({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": bytes(70 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert rejected(bomb) == ["文件解压后达70.0\xa0MB，超过上限64.0\xa0MB，已拒绝（可能是异常文件）。"]


def test_the_uncompressed_limit_counts_every_member(catalogs, seed_disclosure, monkeypatch):
    seed_workbook = export_bytes(seed_disclosure)
    monkeypatch.setattr(reading, "MAX_UNCOMPRESSED_BYTES", 100_000)
    assert rejected(seed_workbook)[0].startswith("文件解压后达")


def test_a_formula_with_a_cached_result_is_read_as_its_result(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    member = sheet_member(seed_workbook, "预算公开06表")
    raw = rezipped(seed_workbook, member, lambda xml: re.sub(
        r'<c r="D12"([^>]*) t="n"><v>([^<]*)</v></c>', r'<c r="D12"\1><f>D8*0+\2</f><v>\2</v></c>', xml))  # fmt: skip
    assert "<f>" in zipfile.ZipFile(BytesIO(raw)).read(member).decode()
    assert parse_workbook(raw, disclosure=seed_disclosure).data == load(seed_disclosure)


def test_a_formula_in_a_derived_cell_needs_no_result(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    raw = edited(seed_workbook, {("预算公开06表", "C6"): "=SUM(C7:C40)"})
    assert parse_workbook(raw, disclosure=seed_disclosure).data == load(seed_disclosure)


def test_hidden_and_foreign_sheets(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = opened(seed_workbook)
    workbook["预算公开06表"].sheet_state = "hidden"
    workbook.create_sheet("备注").append(['=HYPERLINK("http://example.com")'])
    workbook["备注"].sheet_state = "veryHidden"
    parsed = parse_workbook(saved(workbook), disclosure=seed_disclosure)
    assert parsed.data == load(seed_disclosure)
    assert parsed.warnings == ["备注：不是本平台的工作表，未读取", "预算公开06表：工作表是隐藏的，仍已读取"]


def test_merged_cells_extra_columns_and_blank_rows_are_tolerated(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = opened(seed_workbook)
    sheet = workbook["预算公开06表"]
    sheet["H10"] = "备注：请核对"
    sheet.merge_cells("F12:G13")
    sheet.insert_rows(9, 2)  # two blank rows in the middle of the table
    for row in range(200, 260):  # formatted but empty rows at the end
        sheet.cell(row, 4).number_format = "0.00"
    parsed = parse_workbook(saved(workbook), disclosure=seed_disclosure)
    assert parsed.data.basic == load(seed_disclosure).basic
    assert parsed.warnings == ["预算公开06表 第12行 H列：表格右侧的内容不属于本表，未读取"]


def test_merged_entry_cells_read_as_their_top_left_value(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    row = row_of(seed_workbook, "预算公开06表", "A", "30101")
    workbook = opened(seed_workbook)
    workbook["预算公开06表"].merge_cells(f"D{row}:E{row}")  # 人员经费 and 公用经费 as one cell
    parsed = parse_workbook(saved(workbook), disclosure=seed_disclosure)
    assert parsed.data.basic[0].personnel == load(seed_disclosure).basic[0].personnel
    assert parsed.data.basic[0].public == 0


def test_codes_typed_as_numbers_and_amounts_in_yuan(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = opened(seed_workbook)
    lines, basic = workbook["预算公开03表"], workbook["预算公开06表"]
    lines[f"A{row_of(seed_workbook, '预算公开03表', 'A', '2080501')}"] = 2080501
    basic[f"A{row_of(seed_workbook, '预算公开06表', 'A', '30101')}"] = 30101.0
    basic["E3"] = "单位：元"
    for row in basic.iter_rows(min_row=6, min_col=3, max_col=5):
        for cell in row:
            if isinstance(cell.value, float | int):
                cell.value = cell.value * 10000
    parsed = parse_workbook(saved(workbook), disclosure=seed_disclosure)
    assert parsed.data == load(seed_disclosure)
    assert parsed.warnings == ["预算公开06表：表头注明“单位：元”，金额按元读取"]


def test_a_figure_typed_over_a_grey_cell_is_not_imported_and_the_unit_is_told(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    parsed = parse_workbook(edited(seed_workbook, {("预算公开06表", "C6"): 700}), disclosure=seed_disclosure)
    assert parsed.data == load(seed_disclosure)
    assert parsed.warnings == [
        "预算公开06表 第6行 C列：表中为700.00，按填报数据自动计算为618.40；灰色单元格不导入，以计算数为准"
    ]


def test_dashes_mean_zero_and_floating_point_noise_is_ignored(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    row = row_of(seed_workbook, "预算公开06表", "A", "30101")
    raw = edited(seed_workbook, {("预算公开06表", f"E{row}"): "-", ("预算公开06表", f"D{row}"): 126.28000000000001})
    assert parse_workbook(raw, disclosure=seed_disclosure).data == load(seed_disclosure)


def test_a_sheet_with_too_many_rows_is_refused(seed_disclosure, monkeypatch):
    seed_workbook = export_bytes(seed_disclosure)
    monkeypatch.setattr(reading, "MAX_ROWS", 30)
    errors = rejected(seed_workbook, seed_disclosure)
    assert "预算公开06表：行数超过上限，未读取" in errors
    assert "绩效指标：行数超过上限，未读取" in errors


def test_one_changed_amount_gives_no_note_about_the_grey_cells_it_changes(seed_disclosure):
    """The exported grey totals hold the stored figures: changing one entered amount makes them stale, not typed."""
    seed_workbook = export_bytes(seed_disclosure)
    row = row_of(seed_workbook, "预算公开06表", "A", "30101")
    parsed = parse_workbook(edited(seed_workbook, {("预算公开06表", f"D{row}"): 200}), disclosure=seed_disclosure)
    assert parsed.data.basic[0].personnel == Decimal("2000000.00")
    assert parsed.warnings == []


def test_figures_typed_over_several_grey_cells_are_summed_up_in_one_line(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    parsed = parse_workbook(
        edited(seed_workbook, {("预算公开06表", "C6"): 700, ("预算公开06表", "C7"): 1, ("预算公开06表", "C8"): 5}),
        disclosure=seed_disclosure,
    )
    [line] = parsed.warnings
    assert line.startswith(
        "预算公开06表 第6行 C列：表中为700.00，按填报数据自动计算为618.40；另有2个灰色单元格与计算数不同"
    )
    assert line.endswith("灰色单元格不导入，以计算数为准")


def test_every_workbook_protects_its_grey_cells(seed_disclosure):
    workbook = opened(export_bytes(seed_disclosure))
    assert all(sheet.protection.sheet and not sheet.protection.password for sheet in workbook.worksheets)
    basic = workbook["预算公开06表"]
    assert basic["C6"].protection.locked  # a 类 total
    row = row_of(export_bytes(seed_disclosure), "预算公开06表", "A", "30101")
    assert not basic[f"D{row}"].protection.locked  # an entered figure
