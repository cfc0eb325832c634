"""The command line: import_disclosure with a workbook (JSON still works), and bench_excel."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.excel.export import export_bytes, workbook_bytes
from disclosures.models import Disclosure
from disclosures.snapshot import code_book, load
from tests.test_excel_support import content, edited


def test_a_workbook_imports_a_new_unit_and_its_disclosure(catalogs, seed_data, tmp_path):
    path = tmp_path / "309002-2025.XLSX"
    path.write_bytes(workbook_bytes(seed_data, code_book(2025)))
    out = io.StringIO()
    call_command("import_disclosure", str(path), stdout=out)
    disclosure = Disclosure.objects.get()
    assert (disclosure.unit.code, disclosure.unit.department.code, disclosure.status) == ("309002", "309", "draft")
    assert "已导入" in out.getvalue()
    assert load(disclosure) == seed_data


def test_a_workbook_replaces_a_draft_only_with_replace(seed_disclosure, tmp_path):
    seed_workbook = export_bytes(seed_disclosure)
    path = tmp_path / "changed.xlsx"
    path.write_bytes(edited(seed_workbook, {("预算公开06表", "D8"): 130}))
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_disclosure", str(path), stdout=io.StringIO())
    assert content(seed_disclosure).basic[0].personnel == 1262800
    call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    assert content(seed_disclosure).basic[0].personnel == 1300000
    assert Disclosure.objects.count() == 1


def test_every_problem_of_a_workbook_is_listed(seed_disclosure, tmp_path):
    seed_workbook = export_bytes(seed_disclosure)
    path = tmp_path / "bad.xlsx"
    path.write_bytes(edited(seed_workbook, {("预算公开06表", "D12"): "abc", ("预算公开03表", "A8"): "999"}))
    with pytest.raises(CommandError) as caught:
        call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    assert str(caught.value).splitlines() == [
        "bad.xlsx 未导入，共2处错误：",
        "预算公开03表 第8行 A列：科目“999”不在2025年支出功能分类目录中",
        "预算公开06表 第12行 D列：“abc”不是金额",
    ]


def test_json_still_imports(catalogs, seed_json, tmp_path):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    call_command("import_disclosure", str(path), stdout=io.StringIO())
    assert Disclosure.objects.get().unit.code == "309002"


def test_other_files_are_refused_by_their_extension(catalogs, tmp_path):
    path = tmp_path / "seed.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CommandError, match=r"不支持的文件类型“\.xls”"):
        call_command("import_disclosure", str(path))


def test_bench_excel_prints_the_median_times(seed_disclosure):
    out = io.StringIO()
    call_command("bench_excel", "--runs", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("309002柳州市信息化建设管理中心2025年单位预算：") and lines[0].endswith("字节，2 次")
    assert lines[1].startswith("导出 export: 中位数 ") and lines[2].startswith("导入 import（解析+校验）: 中位数 ")


def test_bench_excel_falls_back_to_seed_002(catalogs):
    out = io.StringIO()
    call_command("bench_excel", "--runs", "1", stdout=out)
    assert out.getvalue().startswith("seed 002")
