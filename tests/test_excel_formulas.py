"""Totals are Excel formulas in every workbook; the import never trusts them, whether or not the file holds
their results, and re-uploading the current data with one amount changed shows that one change."""

import re
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl.utils import range_boundaries

from disclosures.excel import export
from disclosures.excel.diff import compare
from disclosures.excel.export import export_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.reading import WorkbookError
from disclosures.excel.template import template_bytes
from disclosures.snapshot import code_book, load
from tests.test_excel_support import edited, opened, rezipped, row_of, sheet_member

TERM = re.compile(r"SUMIF\(([A-Z]+\d+:[A-Z]+\d+),\"([^\"]*)\",([A-Z]+\d+:[A-Z]+\d+)\)|SUM\(([^)]*)\)|([A-Z]+\d+)")


def evaluated(sheet, coordinate: str) -> float:
    """A cell's figure as a spreadsheet program computes it, for the formulas the portal writes."""
    value = sheet[coordinate].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value or 0
    total = 0
    for sumif_range, text, summed, sum_list, single in TERM.findall(value[1:]):
        if sumif_range:
            criteria, summed_cells = _cells(sheet, sumif_range), _cells(sheet, summed)
            total += sum(evaluated(sheet, cell) for key, cell in zip(criteria, summed_cells, strict=True)
                         if sheet[key].value == text)  # fmt: skip
        else:
            references = [cell for part in sum_list.split(",") for cell in _cells(sheet, part)] if sum_list else []
            total += sum(evaluated(sheet, cell) for cell in references or [single])
    return total


def _cells(sheet, reference: str) -> list[str]:
    left, top, right, bottom = range_boundaries(reference if ":" in reference else f"{reference}:{reference}")
    return [sheet.cell(row, column).coordinate for row in range(top, bottom + 1) for column in range(left, right + 1)]


def formula_cells(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type == "f":
                    yield sheet, cell


def with_cached_results(raw: bytes, result) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula with ``result(sheet, coordinate)`` cached."""
    workbook = opened(raw)
    for name in workbook.sheetnames:
        sheet = workbook[name]

        def cache(match, sheet=sheet):
            return f'<c r="{match[1]}"{match[2]}><f>{match[3]}</f><v>{result(sheet, match[1])}</v></c>'

        raw = rezipped(raw, sheet_member(raw, name), lambda xml, cache=cache: re.sub(
            r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', cache, xml))  # fmt: skip
    return raw


def opened_xml(raw: bytes, sheet: str) -> str:
    return zipfile.ZipFile(BytesIO(raw)).read(sheet_member(raw, sheet)).decode()


def test_the_totals_of_the_current_data_are_formulas_that_give_the_exported_figures(seed_disclosure, monkeypatch):
    workbook = opened(export_bytes(seed_disclosure))
    monkeypatch.setattr(export, "sheet_totals", lambda layout, rows: {})
    figures = opened(export_bytes(seed_disclosure))
    formulas = list(formula_cells(workbook))
    assert len(formulas) > 250
    for sheet, cell in formulas:
        assert evaluated(sheet, cell.coordinate) == pytest.approx(figures[sheet.title][cell.coordinate].value), (
            f"{sheet.title}!{cell.coordinate} {cell.value}"
        )
        assert cell.protection.locked
    basic = workbook["预算公开06表"]
    assert basic["C6"].value == "=C7+C18+C34"  # 合计 = the three 类
    assert basic["C7"].value == "=SUM(C8:C17)"  # a 类 = its 款
    row = row_of(export_bytes(seed_disclosure), "预算公开06表", "A", "30101")
    assert basic[f"C{row}"].value == f"=D{row}+E{row}"  # 合计 = 人员经费 + 公用经费
    income = workbook["预算公开01表"]
    assert (income["B6"].value, income["B35"].value, income["B37"].value) == (
        "=SUM(B7:B9)", "=SUM(B6,B10,B14,B17,B18)", "=SUM(B35:B36)",
    )  # fmt: skip
    assert workbook["预算公开07表"]["D8"].value == '=SUMIF(C10:C10,"一般公共预算资金",D10:D10)'
    assert income["D13"].value == figures["预算公开01表"]["D13"].value  # comes from table 3: a figure


def test_the_current_data_workbook_protects_its_totals(seed_disclosure):
    workbook = opened(export_bytes(seed_disclosure))
    assert all(sheet.protection.sheet and not sheet.protection.password for sheet in workbook.worksheets)
    assert all(cell.protection.locked for _sheet, cell in formula_cells(workbook))


def test_the_blank_templates_totals_are_formulas(seed_disclosure):
    workbook = opened(template_bytes(seed_disclosure))
    lines = workbook["预算公开03表"]
    assert lines["D5"].value == "=SUM(D6:D45)"  # 合计 over the 40 entry rows
    assert (lines["D6"].value, lines["E6"].value) == ("=E6+F6", "=I6+J6")  # 合计 = 基本 + 项目, 基本 = 人员 + 公用
    assert workbook["预算公开06表"]["C6"].value == "=SUM(C7:C86)"
    assert workbook["预算公开01表"]["B35"].value == "=SUM(B6,B10,B14,B17,B18)"
    assert all(cell.protection.locked for _sheet, cell in formula_cells(workbook))


def one_amount_changed(seed_disclosure) -> bytes:
    """The current-data workbook with 30101 基本工资's 人员经费 changed from 126.28 to 200, with openpyxl."""
    raw = export_bytes(seed_disclosure)
    row = row_of(raw, "预算公开06表", "A", "30101")
    return edited(raw, {("预算公开06表", f"D{row}"): 200})


def changes(seed_disclosure, raw: bytes):
    parsed = parse_workbook(raw, disclosure=seed_disclosure)
    sections = compare(load(seed_disclosure), parsed.data, code_book(2025))
    changed = [(section.title, row.label) for section in sections for row in section.added + section.changed]
    removed = [row.label for section in sections for row in section.removed]
    return parsed, changed + removed


def test_one_amount_changed_in_the_current_data_is_one_change_and_no_note(seed_disclosure):
    parsed, changed = changes(seed_disclosure, one_amount_changed(seed_disclosure))
    assert changed == [("预算公开06表 基本支出经济分类", "30101 基本工资")]
    assert parsed.data.basic[0].personnel == Decimal("2000000.00")
    assert parsed.warnings == []


def test_totals_a_spreadsheet_program_computed_are_not_a_difference(seed_disclosure):
    raw = one_amount_changed(seed_disclosure)
    recomputed = with_cached_results(raw, lambda sheet, coordinate: evaluated(sheet, coordinate))
    assert re.search(r"<f>[^<]+</f><v>[0-9.]+</v>", opened_xml(recomputed, "预算公开06表"))
    parsed, changed = changes(seed_disclosure, recomputed)
    assert changed == [("预算公开06表 基本支出经济分类", "30101 基本工资")]
    assert parsed.warnings == []


def test_cached_totals_that_disagree_are_summed_up_in_one_line(seed_disclosure):
    """A program that saved other results (or totals typed over): one line, and the recomputed figures."""
    disagreeing = with_cached_results(one_amount_changed(seed_disclosure), lambda sheet, coordinate: 1)
    parsed, changed = changes(seed_disclosure, disagreeing)
    assert changed == [("预算公开06表 基本支出经济分类", "30101 基本工资")]
    [line] = parsed.warnings
    assert line.startswith("预算公开01表 第6行 B列：表中为1.00，按填报数据自动计算为981.89；另有")
    sheets = "、".join(f"预算公开{number:02d}表" for number in (1, 2, 3, 6, 7, 10, 11, 12))
    assert line.endswith(f"个灰色单元格与计算数不同（{sheets}）；灰色单元格不导入，以计算数为准")


def test_a_formula_in_an_entry_cell_without_its_result_is_still_refused(seed_disclosure):
    raw = export_bytes(seed_disclosure)
    row = row_of(raw, "预算公开06表", "A", "30101")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(edited(raw, {("预算公开06表", f"D{row}"): "=100+26.28"}), disclosure=seed_disclosure)
    assert f"预算公开06表 第{row}行 D列：是公式“=100+26.28”，但文件中没有它的计算结果" in caught.value.errors[0]
