"""Seed 002 as a workbook: laid out like the published tables, and read back to exactly the same data."""

from decimal import Decimal

from disclosures.choices import Status
from disclosures.excel.export import build_workbook, export_bytes, workbook_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.layout import INDICATOR_SHEET, INFO_SHEET
from disclosures.formats import exporter
from disclosures.models import Disclosure
from disclosures.snapshot import code_book, load
from tests.test_excel_support import edited, opened, row_of

TABLE_SHEETS = [f"预算公开{number:02d}表" for number in range(1, 13)]


def test_seed_002_round_trips_through_a_workbook_unchanged(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    stored = load(seed_disclosure)
    parsed = parse_workbook(seed_workbook, disclosure=seed_disclosure)
    assert parsed.data == stored
    assert parsed.warnings == []
    assert sum(len(target.indicators) for target in parsed.data.targets) == 74
    assert parsed.data.explanations["function_class.215"] == "新增项目一个支出总额为100万元。"
    assert parsed.data.organisation.startswith("柳州市信息化建设管理中心为柳州市大数据发展局管理的")
    assert parsed.data.prior.get("total") == Decimal("8987400.00")
    assert parsed.data.prior.function_class == {"208": Decimal("1053600.00"), "210": Decimal("549300.00"),
                                                "215": Decimal("6957000.00"), "221": Decimal("427500.00")}  # fmt: skip


def test_the_command_line_reads_the_unit_from_the_workbook(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    data = parse_workbook(seed_workbook).data
    assert (data.year, data.kind, data.unit_code, data.unit_name, data.department_code, data.unit_type) == (
        2025, "budget", "309002", "柳州市信息化建设管理中心", "309", "参公事业单位",
    )  # fmt: skip
    assert data == load(seed_disclosure)


def test_cents_and_odd_amounts_survive_exactly(catalogs, seed_data):
    seed_data.lines[0].personnel = Decimal("198512.34")
    seed_data.basic[0].public = Decimal("0.01")
    seed_data.procurement[0].funds["carryover"] = Decimal("123456789.99")
    seed_data.operating_costs = Decimal("863412.57")
    seed_data.prior.figures["meeting"] = Decimal("0")
    seed_data.prior.figures["training"] = None
    book = code_book(2025)
    parsed = parse_workbook(workbook_bytes(seed_data, book)).data
    assert parsed.lines[0].personnel == Decimal("198512.34")
    assert parsed.basic[0].public == Decimal("0.01")
    assert parsed.procurement[0].funds["carryover"] == Decimal("123456789.99")
    assert parsed.operating_costs == Decimal("863412.57")
    assert parsed.prior.get("meeting") == Decimal("0") and parsed.prior.get("training") is None
    assert parsed == seed_data


def test_texts_that_look_like_formulas_stay_texts(catalogs, seed_data):
    seed_data.lines[0].purpose = "=SUM(A1:A9) 不是公式"
    seed_data.targets[0].goal = "=1+1"
    parsed = parse_workbook(workbook_bytes(seed_data, code_book(2025))).data
    assert parsed.lines[0].purpose == "=SUM(A1:A9) 不是公式"
    assert parsed.targets[0].goal == "=1+1"


def test_each_table_is_a_sheet_laid_out_as_published(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = opened(seed_workbook)
    assert workbook.sheetnames == [*TABLE_SHEETS, INDICATOR_SHEET, INFO_SHEET]
    sheet = workbook["预算公开06表"]
    assert sheet["A1"].value == "预算公开06表"
    assert sheet["A2"].value == "一般公共预算基本支出情况表"
    assert sheet["A3"].value == "单位名称：309002柳州市信息化建设管理中心"
    assert sheet["E3"].value == "单位：万元"
    # two header rows, merged like the published table
    assert sheet["A4"].value == "部门预算支出经济分类科目" and "A4:B4" in sheet.merged_cells
    assert sheet["C4"].value == "本年一般公共预算基本支出" and "C4:E4" in sheet.merged_cells
    assert [sheet.cell(5, column).value for column in range(1, 6)] == [
        "科目编码",
        "科目名称",
        "合计",
        "人员经费",
        "公用经费",
    ]
    assert sheet.freeze_panes == "C6"
    assert (sheet["B6"].value, sheet["C6"].value) == ("合计", "=C7+C18+C34")  # totals are formulas
    row = row_of(seed_workbook, "预算公开06表", "A", "30101")
    code, amount = sheet[f"A{row}"], sheet[f"D{row}"]
    assert code.data_type == "s" and code.number_format == "@"
    assert amount.value == 126.28 and amount.number_format == "0.00"
    # derived cells are grey, entered ones are not, and the sheet says so
    assert sheet[f"C{row}"].fill.fgColor.rgb.endswith("E7E6E6")
    assert sheet[f"D{row}"].fill.fill_type is None
    assert sheet["A1"].comment is not None
    notes = [sheet.cell(r, 1).value for r in range(row, sheet.max_row + 1)]
    assert any(note and note.startswith("说明：灰色单元格") for note in notes)


def test_table_3_has_one_entry_row_per_code_and_fund_with_the_split_the_published_table_hides(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    sheet = opened(seed_workbook)["预算公开03表"]
    headers = [sheet.cell(4, column).value for column in range(1, 12)]
    assert headers[7:] == ["资金性质", "其中：人员经费", "其中：公用经费", "主要用于"]
    row = row_of(seed_workbook, "预算公开03表", "A", "2150501")
    assert [sheet.cell(row, column).value for column in (4, 5, 8, 9, 10)] == [
        f"=E{row}+F{row}",
        f"=I{row}+J{row}",
        "一般公共预算",
        343.45,
        86.34,
    ]
    assert sheet[f"K{row}"].value.startswith("在职基本工资")


def test_empty_tables_carry_their_note(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    sheet = opened(seed_workbook)["预算公开11表"]
    values = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    assert "注：本单位2025年没有政府购买服务预算支出，故本表无数据。" in values


def test_indicators_and_texts_are_on_their_own_sheets(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    workbook = opened(seed_workbook)
    indicators = workbook[INDICATOR_SHEET]
    assert [cell.value for cell in indicators[5]] == ["办公设备购置", "数量指标", "碎纸机", "=", "4", "台"]
    assert indicators["D5"].data_type == "s"
    info = workbook[INFO_SHEET]
    row = row_of(seed_workbook, INFO_SHEET, "C", "explanations.total_change")
    assert info[f"B{row}"].value == "一是基本工资、津贴补贴及奖金增加；二是项目支出增加。"
    row = row_of(seed_workbook, INFO_SHEET, "C", "prior.total")
    assert info[f"B{row}"].value == 898.74


def test_a_published_disclosure_exports_through_the_format_registry(seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED)
    seed_disclosure.refresh_from_db()
    raw = exporter("xlsx")(seed_disclosure)
    assert raw[:2] == b"PK"
    assert opened(raw)["预算公开01表"]["B8"].value == 981.89
    assert parse_workbook(raw).data == load(seed_disclosure)


def test_control_characters_pasted_into_texts_do_not_break_the_export(catalogs, seed_data):
    seed_data.state_assets = "无\x0b国有资产"
    workbook = build_workbook(seed_data, code_book(2025))
    assert any(cell.value == "无国有资产" for row in workbook[INFO_SHEET].iter_rows() for cell in row)


def test_a_text_typed_in_the_info_sheet_is_read(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    first = row_of(seed_workbook, INFO_SHEET, "C", "overview.duties")
    raw = edited(seed_workbook, {(INFO_SHEET, f"B{first}"): "负责全市信息化建设。"})
    assert parse_workbook(raw, disclosure=seed_disclosure).data.duties == "负责全市信息化建设。"
