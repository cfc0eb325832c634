"""`export_disclosure --department` and `check_disclosure --department`, and the JSON of a department's document."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.department_documents import set_included, start_department_document
from disclosures.interchange import InterchangeError, parse
from tests.department_support import with_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(both_units, department):
    return with_texts(start_department_document(department, 2025))


def export(tmp_path, *args) -> bytes:
    output = tmp_path / "out"
    call_command("export_disclosure", *args, "--output", str(output), stderr=io.StringIO())
    return output.read_bytes()


def test_json_of_a_department_document_lists_its_units(document, second_unit_disclosure, tmp_path):
    set_included(document, second_unit_disclosure.unit, included=False, reason="已撤销")
    exported = json.loads(export(tmp_path, "--department", "309", "2025", "--kind", "budget"))
    assert exported["format"] == "budget-disclosure/1" and exported["level"] == "department"
    assert exported["department"]["code"] == "309" and "unit" not in exported
    assert exported["units"] == [
        {"code": "309001", "name": "柳州市大数据发展局本级", "type": "行政单位", "included": False, "reason": "已撤销",
         "version": 1},
        {"code": "309002", "name": "柳州市信息化建设管理中心", "type": "参公事业单位", "included": True, "version": 1},
    ]  # fmt: skip
    seed = json.loads(export(tmp_path, "309002", "2025"))
    assert exported["expenditure_lines"] == seed["expenditure_lines"]  # the only unit included
    with pytest.raises(InterchangeError, match="部门公开材料由所属单位的公开材料汇总生成"):
        parse(json.dumps(exported))


def test_html_and_xlsx_of_a_department_document(document, tmp_path):
    html = export(tmp_path, "--department", "309", "2025", "--format", "html").decode()
    assert "309柳州市大数据发展局2025年部门预算公开说明" in html
    assert "部门名称：309柳州市大数据发展局" in html and "柳州市大数据发展局本级" in html
    assert "部门收支总体情况表" in html and "单位收支总体情况表" not in html
    assert export(tmp_path, "--department", "309", "2025", "--format", "xlsx")[:2] == b"PK"


def test_check_a_department_document(document):
    out = io.StringIO()
    call_command("check_disclosure", "--department", "309", "2025", stdout=out)
    assert "309柳州市大数据发展局2025年部门预算（第1版）" in out.getvalue()


def test_a_department_without_a_document_is_named(department):
    with pytest.raises(CommandError, match="找不到部门 309 2025年的公开材料（预算）"):
        call_command("check_disclosure", "--department", "309", "2025")
