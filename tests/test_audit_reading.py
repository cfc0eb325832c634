"""Reading untrusted files and the rules that need no seed: Word tables, zip limits, the deadline, rounding."""

import io
import zipfile
from decimal import Decimal

import docx
import pytest
from django.test import override_settings

from audits.audit import audit_file
from audits.batch import zip_members
from audits.figures import parse_figure, ratio_range
from audits.reading import UnreadableDocument, read_blocks
from audits.reading.blocks import Grid

pytestmark = pytest.mark.django_db


def _docx(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_table_is_read_cell_by_cell_and_its_total_checked():
    content = _docx(
        ["某单位2025年单位预算公开说明", "表3：单位支出总体情况表", "单位：万元"],
        [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "100.00", "60.00", "30.00"],
         ["2010101", "行政运行", "60.00", "60.00", "0.00"], ["2010102", "一般行政管理事务", "30.00", "0.00", "30.00"]],
    )  # fmt: skip
    assert any(isinstance(block, Grid) for block in read_blocks("a.docx", content))
    result = audit_file("a.docx", content)
    (table,) = result.document.tables
    assert table.number == 3 and table.unit == "万元"
    found = {(f.row, f.column, f.printed, f.expected) for f in result.findings if f.code == "table.sum"}
    # The wrong 合计 disagrees with its rows and with its own row's columns.
    assert found == {("合计", "合计", "100.00", "90.00")}
    assert all(finding.page is None for finding in result.findings)


def test_unreadable_inputs_have_a_message():
    with pytest.raises(UnreadableDocument, match="不支持的文件类型"):
        read_blocks("a.xls", b"")
    assert audit_file("a.docx", b"junk").failure == "文件不是有效的Word文档（.docx）。"
    assert audit_file("a.txt", "２０２５年".encode("utf-16")).failure


def test_zip_limits():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", "0" * 5000)
        archive.writestr("__MACOSX/._big.txt", "x")
    with override_settings(AUDIT_UPLOAD_MAX_BYTES=1000):
        with pytest.raises(UnreadableDocument, match="解压后超过"):
            list(zip_members(buffer.getvalue()))
    assert [name for name, _content in zip_members(buffer.getvalue())] == ["big.txt"]
    with override_settings(AUDIT_BATCH_MAX_FILES=0), pytest.raises(UnreadableDocument, match="超过上限"):
        list(zip_members(buffer.getvalue()))


def test_deadline_where_both_dates_are_given():
    late = "某单位2025年单位预算公开说明\n本单位预算于2025年1月10日经财政局批复。\n本材料于2025年2月20日公开。\n"
    (finding,) = [f for f in audit_file("late.txt", late.encode()).findings if f.code == "deadline.late"]
    assert finding.is_error and finding.printed == "41天"
    on_time = late.replace("2月20日", "1月30日")
    assert not [f for f in audit_file("ok.txt", on_time.encode()).findings if f.code == "deadline.late"]


def test_empty_table_note_beside_figures():
    text = (
        "某单位2025年单位预算公开说明\n预算公开08表\n政府性基金预算支出情况表\n单位：万元\n"
        "科目编码\t名称\t合计\t基本支出\t项目支出\n\t合计\t5.00\t0.00\t5.00\n注：本单位2025年没有政府性基金预算支出，故本表无数据。\n"
    )
    (finding,) = [f for f in audit_file("n.txt", text.encode()).findings if f.code == "table.empty_note"]
    assert "故本表无数据" in finding.printed


def test_printed_precision():
    assert parse_figure("16.2").half_unit == Decimal("0.05") and parse_figure("0.00").half_unit == 0
    rates = ratio_range(Decimal("12.415"), Decimal("12.425"), Decimal("605.99"), Decimal("606.01"))
    assert rates.admits(parse_figure("2.05")) and not rates.admits(parse_figure("2.04"))
    assert rates.truncated_to(parse_figure("2.04"))


TABLE_3_IN_YUAN = (
    "某单位2025年单位预算公开说明\n一、一般公共预算支出情况说明\n"
    "（一）资源勘探工业信息等支出（类）工业和信息产业（款）行政运行（项）支出4297900.00万元。\n"
    "预算公开03表\n单位支出总体情况表\n单位：元\n"
    "科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
    "\t合计\t4397900.00\t4297900.00\t100000.00\n"
    "2150501\t行政运行\t4297900.00\t4297900.00\t0.00\n"
    "2150599\t其他工业和信息产业支出\t100000.00\t0.00\t100000.00\n"
    "201208\t国有土地使用权出让收入及对应专项债务收入安排的支出\t0.00\t0.00\t0.00\n"
)


def test_yuan_and_wan_mixed_up_misprinted_code_and_item_left_out(catalogs):
    result = audit_file("yuan.txt", TABLE_3_IN_YUAN.encode())
    (mixup,) = [f for f in result.findings if f.code == "narrative.unit_mixup"]
    assert mixup.printed == "4297900.00万元" and "元与万元混用" in mixup.detail
    (code,) = [f for f in result.findings if f.code == "catalog.code"]
    assert code.printed == "201208" and code.row.startswith("201208")
    (omitted,) = [f for f in result.findings if f.code == "narrative.omitted"]
    assert omitted.row == "2150599 其他工业和信息产业支出" and not omitted.is_error


def test_command_audits_a_folder_as_one_summary(catalogs, tmp_path):
    from django.core.management import call_command

    from tests.audit_support import FIXTURES

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("seed-000-2024.txt", "seed-004-2024.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    output = tmp_path / "summary.html"
    with pytest.raises(SystemExit):
        call_command("audit_document", str(folder), "--format", "html", "--output", str(output))
    html = output.read_text(encoding="utf-8")
    assert html.count('class="audit-result') == 2 and 'href="#doc-1"' in html and "921.89" in html
