"""The portal's own PDF of seed 002 audits clean; the same PDF with errors injected has each found and located."""

import pytest

from audits.audit import audit_file
from tests.audit_support import pdf_of, replace_after, seed_html

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def html(django_db_setup, django_db_blocker) -> str:
    return seed_html(django_db_blocker)


@pytest.fixture(scope="module")
def clean_pdf(html) -> bytes:
    return pdf_of(html)


@pytest.fixture(scope="module")
def injected_pdf(html) -> bytes:
    """Six errors at once, each in its own place."""
    html = replace_after(html, 'id="table-3"', "981.89", "981.98")  # a wrong total
    html = replace_after(html, "（二）公用经费", "86.34", "886.34")  # a digit added (887.36 for 87.36)
    html = replace_after(html, "1. 基本支出预算", "同比增长2.05%", "同比增长2.04%")  # 2.0495% cut off
    html = replace_after(html, "社会保障和就业支出95.98万元", "占支出总预算9.78%", "占支出总预算15.52%")  # of 基本支出
    html = replace_after(
        html, "（一）社会保障和就业支出（类）", "行政事业单位养老支出（款）", "行政事业单位离退休（款）"
    )
    html = replace_after(html, "柳州市信息化建设管理中心为", "内设6个科室", "内设××个科室")  # a template leftover
    return pdf_of(html)


def test_portal_pdf_audits_clean(catalogs, clean_pdf):
    result = audit_file("309002-2025.pdf", clean_pdf)
    document = result.document
    assert document.layout.key == "liuzhou-2025" and document.year == 2025
    assert [table.number for table in document.tables] == list(range(1, 13))
    assert all(table.unit == "万元" for table in document.tables)
    assert document.table_keyed("expenditure").rows and document.has_pages
    assert result.errors == [], [finding.message for finding in result.errors]


@pytest.fixture
def injected(catalogs, injected_pdf):
    return audit_file("309002-2025-injected.pdf", injected_pdf)


def _one(result, code: str, **where):
    matches = [f for f in result.findings if f.code == code and all(getattr(f, k) == v for k, v in where.items())]
    assert matches, (code, [f.message for f in result.findings])
    return matches[0]


def test_wrong_total_located(injected):
    finding = _one(injected, "table.sum", row="合计", column="合计", printed="981.98")
    # page 12: 第五部分 附件 heads table 1's page (10), table 2 is on 11
    assert finding.table == "预算公开03表 单位支出总体情况表" and finding.page == 12
    assert finding.expected == "981.89"


def test_changed_digit_located(injected):
    finding = _one(injected, "narrative.table", printed="886.34万元")
    assert "公用经费" in finding.sentence and finding.page == 6
    assert "预算公开05表" in finding.detail and "86.34" in finding.detail


def test_truncated_rate_located(injected):
    finding = _one(injected, "narrative.truncated", printed="2.04%")
    assert finding.sentence.startswith("1. 基本支出预算618.42万元") and finding.page == 4
    assert "2.05%" in finding.detail


def test_share_on_wrong_base_located(injected):
    finding = _one(injected, "narrative.share_base", printed="15.52%")
    assert "社会保障和就业支出95.98万元" in finding.sentence and finding.page == 4
    assert "618.42" in finding.detail and finding.expected == "9.78%"


def test_old_class_name_located(injected):
    finding = _one(injected, "catalog.name", printed="行政事业单位离退休")
    assert finding.expected == "行政事业单位养老支出" and finding.page == 5


def test_template_leftover_located(injected):
    finding = _one(injected, "text.placeholder")
    assert "内设××个科室" in finding.sentence and finding.page == 3


def test_injected_pdf_has_only_the_injected_errors(injected):
    codes = {finding.code for finding in injected.errors}
    # 886.34 also breaks 基本支出 = 人员经费 + 公用经费 in the text itself.
    expected = {"table.sum", "narrative.table", "narrative.truncated", "narrative.share_base", "narrative.identity"}
    assert codes == expected | {"text.placeholder"}, [f.message for f in injected.errors]
