"""A department's document is the sum of its units' disclosures, read in a fixed number of queries."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosures import snapshot
from disclosures.checks import findings_for
from disclosures.checks.department import check_sums
from disclosures.consolidation import members, not_ready
from disclosures.department_documents import (
    DepartmentDocumentRefused,
    save_texts,
    set_included,
    start_department_document,
)
from disclosures.synthetic import PERSONNEL, PROJECT, PUBLIC, synthetic_department
from disclosures.tables.builders import build_tables
from disclosures.tables.declaration import TableKey
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(both_units, department):
    return start_department_document(department, 2025)


def table(data, book, key):
    return next(built for built in build_tables(data, book) if built.spec.key == key)


def test_sums_are_the_units_sums(document, both_units, book):
    unit_data = [snapshot.load(disclosure) for disclosure in both_units]
    data = snapshot.load(document)
    assert data.is_department_level and data.unit_code == "309" and data.unit_name == "柳州市大数据发展局"
    total = sum((line.total for line in data.lines), Decimal("0"))
    assert total == sum((line.total for part in unit_data for line in part.lines), Decimal("0"))
    assert total == 3 * sum((line.total for line in unit_data[0].lines), Decimal("0"))  # 309001 is twice 309002
    for name in data.income:
        assert data.income_amount(name) == sum((part.income_amount(name) for part in unit_data), Decimal("0"))
    assert data.operating_costs == sum((part.operating_costs for part in unit_data), Decimal("0"))
    assert len(data.targets) == sum(len(part.targets) for part in unit_data)
    assert [unit.code for unit in data.units] == ["309001", "309002"]


def test_tables_print_total_department_and_each_unit(document, book):
    data = snapshot.load(document)
    expenditure = table(data, book, TableKey.EXPENDITURE)
    organisation_rows = [row for row in expenditure.rows if row.kind in ("total", "department", "unit")]
    assert [row.cells["name"] for row in organisation_rows] == [
        "合计", "柳州市大数据发展局", "柳州市大数据发展局本级", "柳州市信息化建设管理中心",
    ]  # fmt: skip
    total, department, *units = organisation_rows
    assert total.cells["total"] == department.cells["total"] == sum(row.cells["total"] for row in units)
    assert units[0].cells["total"] == 2 * units[1].cells["total"]
    # each unit's 项 lines follow its own row
    kinds = [row.kind for row in expenditure.rows]
    assert kinds.index("item") > kinds.index("unit")
    assert kinds.count("item") == sum(len({line.function_code for line in part.lines}) for part in data.members)
    income = table(data, book, TableKey.INCOME)
    assert [row.kind for row in income.rows] == ["total", "department", "unit", "unit"]
    performance = table(data, book, TableKey.PERFORMANCE)
    assert {row.cells.get("org_code") for row in performance.rows if row.kind == "unit"} == {"309001", "309002"}


def test_a_unit_left_out_says_why_and_is_not_summed(document, both_units, second_unit_disclosure):
    with pytest.raises(DepartmentDocumentRefused, match="须说明原因"):
        set_included(document, second_unit_disclosure.unit, included=False)
    set_included(document, second_unit_disclosure.unit, included=False, reason="2025年起转为企业，不再编制部门预算")
    data = snapshot.load(document)
    assert [member.unit_code for member in data.members] == ["309002"]
    assert data.units[0].included is False and data.units[0].reason.startswith("2025年起")
    seed = snapshot.load(both_units[0])
    assert sum(line.total for line in data.lines) == sum(line.total for line in seed.lines)


def test_the_department_writes_only_its_own_texts(document):
    save_texts(document, duties="负责全市大数据发展。", organisation="本部门由2个单位构成。")
    document.refresh_from_db()
    assert snapshot.load(document).duties == "负责全市大数据发展。"
    with pytest.raises(DepartmentDocumentRefused):
        save_texts(document, operating_costs="100")


def test_units_not_yet_approved_are_listed(document):
    assert [member.unit.code for member in not_ready(members(document))] == ["309001", "309002"]


def test_consolidation_query_count_does_not_grow_with_units(catalogs):
    counts = {}
    for code, size in (("901", 3), ("902", 200)):
        document = synthetic_department(code, size)
        with CaptureQueriesContext(connection) as queries:
            data = snapshot.load(document)
        counts[size] = len(queries)
        assert len(data.members) == size
        assert sum(line.total for line in data.lines) == size * (PERSONNEL + PUBLIC + PROJECT)
    assert counts[3] == counts[200] <= 20


def test_checks_name_a_unit_without_a_document_and_units_not_approved(document, department):
    UnitFactory(department=department, code="309003", name="柳州市数据资源中心")
    findings = findings_for(document)
    missing = [f for f in findings if f.code == "department.unit_missing"]
    assert [f.is_error for f in missing] == [True] and "309003柳州市数据资源中心没有2025年预算公开材料" in missing[
        0
    ].message
    waiting = {re.search(r"单位(\d{6})", f.message)[1] for f in findings if f.code == "department.unit_not_approved"}
    assert waiting == {"309001", "309002"}
    assert not [f for f in findings if f.code == "department.sums"]


def test_a_sum_that_does_not_tie_is_an_error(document, book):
    data = snapshot.load(document)
    tables = build_tables(data, book)
    expenditure = next(t for t in tables if t.spec.key == TableKey.EXPENDITURE)
    expenditure.rows[1].cells["total"] += Decimal("100")  # the department row
    findings = check_sums(data, tables)
    assert [(f.table, f.row) for f in findings] == [(TableKey.EXPENDITURE, "柳州市大数据发展局")]
    assert "与各单位之和不相等，相差0.01万元" in findings[0].message
