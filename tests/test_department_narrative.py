"""A department's document speaks as the department, in every layout, and names the units it is built from."""

import pytest
from django.utils.html import strip_tags

from disclosures import snapshot
from disclosures.department_documents import save_texts, set_included, start_department_document
from disclosures.layouts import registry
from disclosures.narrative import compose

pytestmark = pytest.mark.django_db

BUDGET_LAYOUTS = [key for key, layout in registry().items() if layout.kind == "budget"]


@pytest.fixture
def document(both_units, department):
    document = start_department_document(department, 2025)
    return save_texts(document, duties="负责全市大数据发展。", organisation="柳州市大数据发展局内设5个科室。")


def text_of(document) -> str:
    return "\n".join(
        f"{section.heading}\n{strip_tags(section.html)}" for part in document.parts for section in part.sections
    )


@pytest.mark.parametrize("layout", BUDGET_LAYOUTS)
def test_every_layout_speaks_as_the_department(document, book, layout):
    composed = compose(snapshot.load(document), book, layout=layout)
    text = text_of(composed)
    assert "部门预算" in composed.title and "单位预算" not in composed.title
    assert "2025年部门预算由2个单位构成：309001柳州市大数据发展局本级、309002柳州市信息化建设管理中心。" in text
    assert "我单位" not in text and "本单位" not in text
    assert "部门收支总体情况" in text
    assert "单位收支总体情况表" not in text  # the list of tables names them as a department's document does


def test_a_unit_document_still_speaks_as_the_unit(seed_disclosure, book):
    text = text_of(compose(snapshot.load(seed_disclosure), book))
    assert "我单位" in text and "我部门" not in text and "个单位构成" not in text


def test_a_left_out_unit_is_named_with_its_reason(document, second_unit_disclosure, book):
    set_included(document, second_unit_disclosure.unit, included=False, reason="已划转至其他部门")
    text = text_of(compose(snapshot.load(document), book))
    assert "2025年部门预算由1个单位构成：309002柳州市信息化建设管理中心。" in text
    assert "309001柳州市大数据发展局本级未纳入部门预算汇总，原因：已划转至其他部门" in text
