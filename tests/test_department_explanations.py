"""The department writes its texts and reasons on the sentence-by-sentence explanations page of its document;
what it saves there is its own words only, never its units' sums (which are never stored on it)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import snapshot
from disclosures.department_documents import start_department_document
from disclosures.models import ExpenditureLine, Explanation, Income
from disclosures.narrative.saving import Written, save_written
from disclosures.synthetic import synthetic_department
from tests.factories import UserFactory
from units.models import DepartmentMembership, User

pytestmark = pytest.mark.django_db

URL = reverse("disclosures:department_explanations", args=["309", 2025, "budget"])


@pytest.fixture
def document(both_units, department):
    return start_department_document(department, 2025)


@pytest.fixture
def staff_client(client, department):
    person = UserFactory(username="dora", role=User.Role.ACCOUNTANT)
    DepartmentMembership.objects.create(user=person, department=department)
    client.force_login(person)
    return client


def test_the_page_shows_the_departments_boxes_and_no_figures_to_type(staff_client, document):
    response = staff_client.get(URL)
    page, form = response.content.decode(), response.context["form"]
    assert response.status_code == 200 and "部门预算公开 · 情况说明" in page
    assert "2025年部门预算由2个单位构成" in page
    assert {slot.kind for slot in form.slots} >= {"text", "change"}
    # 主要用于 and last year's figures are the units': shown as they read, without a box
    assert "purpose" not in {slot.kind for slot in form.slots}
    assert "purpose" in {slot.kind for slot in form.page.slots}
    assert form.prior_fields == [] and 'id="prior-year"' not in page
    overview = staff_client.get(reverse("disclosures:department", args=["309", 2025, "budget"])).content.decode()
    assert URL in overview


def test_saving_stores_the_reasons_and_texts_only(staff_client, document):
    form = staff_client.get(URL).context["form"]
    posted = {"lock_version": document.lock_version}
    for slot in form.slots:
        posted[slot.field_name] = form[slot.field_name].value() or ""
    change = next(slot for slot in form.slots if slot.kind == "change")
    posted[change.field_name] = "部门合并了两个单位的业务"
    duties = next(slot for slot in form.slots if slot.key == "duties")
    posted[duties.field_name] = "负责全市大数据发展。"
    response = staff_client.post(URL, posted)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Explanation.objects.get(disclosure=document, key=change.key).text == "部门合并了两个单位的业务"
    document.refresh_from_db()
    assert document.duties == "负责全市大数据发展。"
    assert not ExpenditureLine.objects.filter(disclosure=document).exists()
    assert not Income.objects.filter(disclosure=document).exists()
    assert "部门合并了两个单位的业务" in staff_client.get(URL).content.decode()


def test_a_stale_form_is_refused(staff_client, document):
    form = staff_client.get(URL).context["form"]
    change = next(slot for slot in form.slots if slot.kind == "change")
    save_written(document, Written(explanations={change.key: "先保存的"}), expected_lock_version=document.lock_version)
    response = staff_client.post(URL, {"lock_version": document.lock_version, change.field_name: "后保存的"})
    assert response.status_code == 409
    assert Explanation.objects.get(disclosure=document, key=change.key).text == "先保存的"


def test_figures_are_never_written_into_a_department_document(document):
    with pytest.raises(ValueError):
        snapshot.replace_content(document, snapshot.load(document))
    with pytest.raises(ValueError):
        save_written(document, Written(replace_prior=True), expected_lock_version=document.lock_version)


def test_a_unit_accountant_reads_it_only(client, document, accountant):
    client.force_login(accountant)
    assert client.get(URL).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries_whatever_the_units(catalogs, reviewer_client):
    counts = {}
    for code, size in (("901", 2), ("902", 40)):
        synthetic_department(code, size)
        url = reverse("disclosures:department_explanations", args=[code, 2025, "budget"])
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(url).status_code == 200
        counts[size] = len(queries)
    assert counts[2] == counts[40] <= 22, counts
