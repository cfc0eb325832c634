"""The explanations page: the unit writes its reasons beside the sentences that print them."""

import re

import pytest
from django.urls import reverse

from disclosures.choices import Status
from disclosures.forms.explanations import ExplanationsForm
from disclosures.models import Disclosure, ExpenditureLine, Explanation, PriorYear
from disclosures.narrative import compose
from disclosures.narrative.page import explanations_page
from disclosures.snapshot import code_book, load

PAGE_QUERY_BUDGET = 30  # 17 queries; 29 with last year's published data loaded too


def url(disclosure: Disclosure) -> str:
    return reverse("disclosures:explanations", args=[disclosure.unit.code, disclosure.year])


def page_post(disclosure: Disclosure, **changes) -> dict[str, str]:
    """What the page posts when nothing is changed, with ``changes`` applied."""
    form = ExplanationsForm(page=explanations_page(disclosure))
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    return {**data, **changes}


def input_of(html: str, name: str) -> str:
    """The <input> tag named ``name``."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, name
    return match.group(0)


def text_of(response) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", response.content.decode()))


def test_page_shows_sections_and_boxes_beside_them(accountant_client, seed_disclosure, django_assert_max_num_queries):
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        response = accountant_client.get(url(seed_disclosure))
    assert response.status_code == 200
    html = response.content.decode()
    assert "三、单位支出总体情况说明" in html
    assert "资源勘探工业信息等支出793.26万元，占支出总预算80.79%" in html
    # A box for each reason the text can print, prefilled with what the unit wrote.
    assert 'name="change-function_class.208"' in html
    assert "2025年社保计提基数降低。</textarea>" in html
    assert 'name="purpose-2080501.general_budget"' in html
    assert 'name="empty-empty.gov_fund"' in html
    for name in ("duties", "organisation", "annual_tasks", "state_assets"):
        assert f'name="text-{name}"' in html
    assert 'value="898.74"' in input_of(html, "prior-total")
    assert f'value="{seed_disclosure.lock_version}"' in input_of(html, "lock_version")
    # A box sits in the card of the section that prints it.
    expenditure = html.split('id="part-2-expenditure"')[1].split("</section>")[0]
    assert 'name="change-function_class.215"' in expenditure


def test_saving_writes_explanations_purposes_texts_and_they_appear_in_the_text(accountant_client, seed_disclosure):
    before = seed_disclosure.lock_version
    data = page_post(
        seed_disclosure,
        **{
            "change-function_class.215": "新增龙城市民云APP运维项目。",
            "change-function_class.221": "",
            "purpose-2210201.general_budget": "在职人员住房公积金缴费",
            "empty-empty.gov_fund": "本单位无政府性基金收入",
            "text-duties": "负责全市政务信息化建设。\n负责电子政务外网安全。",
            "prior-total": "900.00",
        },
    )
    response = accountant_client.post(url(seed_disclosure), data)

    assert response.status_code == 302
    disclosure = Disclosure.objects.get(pk=seed_disclosure.pk)
    assert disclosure.lock_version == before + 1
    assert disclosure.duties == "负责全市政务信息化建设。\n负责电子政务外网安全。"
    reasons = dict(Explanation.objects.filter(disclosure=disclosure).values_list("key", "text"))
    assert reasons["function_class.215"] == "新增龙城市民云APP运维项目。"
    assert "function_class.221" not in reasons  # emptied: deleted
    assert reasons["empty.gov_fund"] == "本单位无政府性基金收入"
    assert reasons["function_class.208"] == "2025年社保计提基数降低。"  # unchanged, kept
    assert ExpenditureLine.objects.get(disclosure=disclosure, function_code__code="2210201").purpose == (
        "在职人员住房公积金缴费"
    )
    assert PriorYear.objects.get(disclosure=disclosure).total == 9000000

    document = compose(load(disclosure), code_book(2025))
    expenditure = str(document.section("expenditure").html)
    assert "增加的主要原因是：新增龙城市民云APP运维项目。" in expenditure
    assert "住房保障支出42.64万元，占支出总预算4.34%，同比减少0.11万元，同比下降0.26%。" in expenditure
    assert "主要用于：在职人员住房公积金缴费。" in str(document.section("general_budget").html)
    assert "故无数据情况说明。本单位无政府性基金收入。" in str(document.section("gov_fund").html)
    assert str(document.section("duties").html) == "<p>负责全市政务信息化建设。</p><p>负责电子政务外网安全。</p>"
    assert "2025年单位收支总预算981.89万元，同比增加81.89万元，同比增长9.10%。" in str(document.section("overall").html)


def test_a_template_placeholder_is_refused_with_the_message_on_its_box(accountant_client, seed_disclosure):
    data = page_post(
        seed_disclosure, **{"text-duties": "负责××（单位）的日常工作。", "change-function_class.208": "新原因"}
    )
    response = accountant_client.post(url(seed_disclosure), data)

    assert response.status_code == 200
    duties_box = response.content.decode().split('data-slot="text-duties"')[1].split("explanation-box")[0]
    assert "占位符" in duties_box and "is-invalid" in duties_box
    assert "负责××（单位）的日常工作。" in duties_box  # the input stays on screen
    disclosure = Disclosure.objects.get(pk=seed_disclosure.pk)
    assert disclosure.duties == seed_disclosure.duties and disclosure.lock_version == seed_disclosure.lock_version
    assert Explanation.objects.get(disclosure=disclosure, key="function_class.208").text == "2025年社保计提基数降低。"


def test_a_stale_lock_version_is_a_conflict_that_keeps_the_input(accountant_client, seed_disclosure):
    data = page_post(seed_disclosure, **{"change-function_class.208": "我的新原因"})
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(lock_version=seed_disclosure.lock_version + 5)

    response = accountant_client.post(url(seed_disclosure), data)

    assert response.status_code == 409
    html = response.content.decode()
    assert "其他人已保存过本单位的数据" in html
    assert "我的新原因</textarea>" in html
    assert f'value="{seed_disclosure.lock_version + 5}"' in input_of(html, "lock_version")  # a second save overwrites
    assert (
        Explanation.objects.get(disclosure=seed_disclosure, key="function_class.208").text == "2025年社保计提基数降低。"
    )


def test_another_units_accountant_gets_404(client, other_accountant, seed_disclosure):
    client.force_login(other_accountant)
    assert client.get(url(seed_disclosure)).status_code == 404
    assert client.post(url(seed_disclosure), page_post(seed_disclosure)).status_code == 404


def test_reviewer_reads_without_a_form_and_cannot_save(reviewer_client, seed_disclosure):
    response = reviewer_client.get(url(seed_disclosure))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post" novalidate>' not in html and "<textarea" not in html
    assert "2025年社保计提基数降低。" in html
    assert 'value="898.74"' in input_of(html, "prior-total") and "disabled" in input_of(html, "prior-total")
    assert reviewer_client.post(url(seed_disclosure), page_post(seed_disclosure)).status_code == 403


def test_a_submitted_disclosure_is_read_only_for_its_accountant(accountant_client, seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.SUBMITTED)
    response = accountant_client.get(url(seed_disclosure))
    assert "<textarea" not in response.content.decode()
    assert "不能修改" in response.content.decode()
    assert accountant_client.post(url(seed_disclosure), page_post(seed_disclosure)).status_code == 403


@pytest.fixture
def next_year(seed_disclosure):
    """Seed 002 published as 2025 with its duties, and an empty 2026 draft of the same unit."""
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED, duties="负责全市政务信息化。")
    return Disclosure.objects.create(layout="liuzhou-2025", unit=seed_disclosure.unit, year=2026)


def test_prefill_from_last_years_published_disclosure(accountant_client, next_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        response = accountant_client.get(url(next_year))
    html = response.content.decode()
    assert response.status_code == 200
    assert "以下数字取自本单位2025年已公开的单位预算" in html
    for name, value in (
        ("prior-total", "981.89"),
        ("prior-procurement_centralized", "1.24"),
        ("prior-class-215", "793.26"),
    ):
        assert f'value="{value}"' in input_of(html, name) and "disabled" in input_of(html, name)
    assert "负责全市政务信息化。</textarea>" in html and "已带出2025年已公开的内容" in html

    response = accountant_client.post(url(next_year), page_post(next_year))

    assert response.status_code == 302
    next_year.refresh_from_db()
    assert next_year.duties == "负责全市政务信息化。"
    prior = PriorYear.objects.get(disclosure=next_year)
    assert (prior.year, prior.total, prior.reception) == (2025, 9818900, 9300)


def test_the_page_reads_in_the_generated_text(accountant_client, seed_disclosure):
    assert "二是项目支出增加" in text_of(accountant_client.get(url(seed_disclosure)))


def test_a_warning_names_the_box_by_the_label_the_box_shows(accountant_client, seed_disclosure):
    """Seed 002 leaves two increases unexplained: the warnings ask for the boxes as they are labelled."""
    html = accountant_client.get(url(seed_disclosure)).content.decode()
    for label in ("项目支出增加的主要原因", "政府采购预算增加的主要原因"):
        assert re.search(rf'<label class="form-label[^>]*>\s*{label}\s*</label>', html), label
        assert f"请填写“{label}”" in html
