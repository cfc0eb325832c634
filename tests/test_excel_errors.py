"""A workbook with mistakes is rejected whole, every mistake named by sheet, row and column, nothing saved."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.excel.export import export_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.layout import INDICATOR_SHEET, INFO_SHEET
from disclosures.excel.reading import WorkbookError
from disclosures.interchange import dumps
from disclosures.models import Disclosure
from tests.test_excel_support import content, edited, opened, rezipped, row_of, saved, sheet_member


def import_rejected(path, raw: bytes) -> str:
    path.write_bytes(raw)
    with pytest.raises(CommandError) as caught:
        call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    return str(caught.value)


def deleted_sheet(name: str):
    def change(raw: bytes) -> bytes:
        workbook = opened(raw)
        del workbook[name]
        return saved(workbook)

    return change


def inserted_column(name: str, column: int):
    def change(raw: bytes) -> bytes:
        workbook = opened(raw)
        workbook[name].insert_cols(column)
        return saved(workbook)

    return change


def cells(changes):
    return lambda raw: edited(raw, changes)


def at(sheet: str, column: str, value: str, target: str, new):
    """Change the cell in column ``target`` of the row whose ``column`` holds ``value``."""
    return lambda raw: edited(raw, {(sheet, f"{target}{row_of(raw, sheet, column, value)}"): new})


def without_cached_value(raw: bytes) -> bytes:
    member = sheet_member(raw, "预算公开06表")
    return rezipped(raw, member, lambda xml: re.sub(r'<c r="D12"([^>]*) t="n"><v>[^<]*</v></c>',
                                                    r'<c r="D12"\1><f>SUM(D8:D11)</f></c>', xml))  # fmt: skip


MISTAKES = [
    (cells({("预算公开06表", "D12"): "abc"}), "预算公开06表 第12行 D列：“abc”不是金额"),
    (cells({("预算公开06表", "E12"): -1}), "预算公开06表 第12行 E列：金额“-1”不能为负数"),
    (cells({("预算公开06表", "D12"): 1.1234567}), "预算公开06表 第12行 D列：金额“1.1234567”的精度超过0.000001万元"),
    (at("预算公开03表", "A", "2080501", "A", "2159999"), "科目“2159999”不在2025年支出功能分类目录中"),
    (at("预算公开03表", "A", "2080501", "A", "21505"), "科目“21505”是款级科目，请填写7位项级科目"),
    (at("预算公开06表", "A", "30102", "A", "30101"), "预算公开06表 第9行 A列：科目“30101”已在第8行填写"),
    (at("预算公开10表", "D", "龙城市民云APP运维费", "U", "网上采购"),
     "预算公开10表 第14行 U列：“网上采购”不是有效的采购方式（可选：集中采购、分散采购）"),
    (at("预算公开10表", "D", "龙城市民云APP运维费", "D", None), "预算公开10表 第14行 D列：不能为空"),
    (at("预算公开10表", "D", "龙城市民云APP运维费", "D", "项" * 301), "不能超过300个字（现有301个）"),
    (at("预算公开03表", "A", "2080501", "H", "财政拨款"), "“财政拨款”不是有效的资金性质"),
    (cells({(INDICATOR_SHEET, "A5"): "不存在的项目"}), "绩效指标 第5行 A列：项目“不存在的项目”不在预算公开12表中"),
    (cells({(INDICATOR_SHEET, "D5"): "≈"}), "绩效指标 第5行 D列：“≈”不是有效的比较符（可选：=、≥、≤、>、<）"),
    (cells({("预算公开01表", "A7"): "（一）上级拨款"}), "预算公开01表 第7行 A列：应为“（一）上级补助”"),
    (inserted_column("预算公开06表", 3), "预算公开06表 第4行 C列：表头应为“本年一般公共预算基本支出”"),
    (deleted_sheet("预算公开07表"), "预算公开07表：工作簿中缺少这张工作表"),
    (deleted_sheet(INFO_SHEET), "说明与其他：工作簿中缺少这张工作表"),
    (cells({(INFO_SHEET, "C20"): "overview.motto"}), "说明与其他 第20行 C列：字段代码“overview.motto”无法识别"),
    (at(INFO_SHEET, "C", "prior.total", "B", "八百万"), "说明与其他 第"),
    (cells({("预算公开06表", "D12"): "2025-01-01"}), "“2025-01-01”不是金额"),
    (without_cached_value, "预算公开06表 第12行 D列：是公式“=SUM(D8:D11)”，但文件中没有它的计算结果"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), MISTAKES)
def test_a_mistake_is_reported_with_its_place_and_nothing_changes(seed_disclosure, tmp_path, change, expected):
    seed_workbook = export_bytes(seed_disclosure)
    before = dumps(content(seed_disclosure))
    message = import_rejected(tmp_path / "bad.xlsx", change(seed_workbook))
    assert expected in message
    assert dumps(content(seed_disclosure)) == before
    assert Disclosure.objects.count() == 1


def test_every_mistake_is_reported_at_once(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    raw = edited(
        seed_workbook,
        {
            ("预算公开06表", "D12"): "abc",
            ("预算公开03表", "I8"): "一万",
            ("预算公开07表", "J10"): -5,
            (INDICATOR_SHEET, "D6"): "约等于",
        },
    )
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(raw, disclosure=seed_disclosure)
    places = [error.split("：")[0] for error in caught.value.errors]
    assert places == [
        "预算公开03表 第8行 I列",
        "预算公开06表 第12行 D列",
        "预算公开07表 第10行 J列",
        "绩效指标 第6行 D列",
    ]


def test_a_workbook_of_another_unit_or_year_is_refused_on_the_page(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    unit_row = row_of(seed_workbook, INFO_SHEET, "C", "unit.code")
    year_row = row_of(seed_workbook, INFO_SHEET, "C", "year")
    raw = edited(seed_workbook, {(INFO_SHEET, f"B{unit_row}"): "310001", (INFO_SHEET, f"B{year_row}"): 2024})
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(raw, disclosure=seed_disclosure)
    assert caught.value.errors == [
        f"说明与其他 第{unit_row}行 B列：工作簿是“310001”的，本页面是“309002”的；请上传本单位本年度的工作簿",
        f"说明与其他 第{year_row}行 B列：工作簿是“2024”的，本页面是“2025”的；请上传本单位本年度的工作簿",
    ]


def test_the_command_line_needs_the_unit_in_the_workbook(catalogs, seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    row = row_of(seed_workbook, INFO_SHEET, "C", "unit.code")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(edited(seed_workbook, {(INFO_SHEET, f"B{row}"): None}))
    assert caught.value.errors == [f"说明与其他 第{row}行 B列：不能为空"]


def test_choices_may_be_typed_as_labels_short_labels_or_values(seed_disclosure):
    seed_workbook = export_bytes(seed_disclosure)
    raw = edited(
        seed_workbook, {(INDICATOR_SHEET, "B5"): "数量", (INDICATOR_SHEET, "D6"): "=", (INDICATOR_SHEET, "D7"): "＝"}
    )
    row = row_of(seed_workbook, "预算公开10表", "D", "龙城市民云APP运维费")
    raw = edited(raw, {("预算公开10表", f"U{row}"): "decentralized", ("预算公开10表", f"V{row}"): "services"})
    assert parse_workbook(raw, disclosure=seed_disclosure).data == content(seed_disclosure)
