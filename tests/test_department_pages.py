"""The department's document in the workspace: start it, choose its units, write its texts, act on it, download."""

import json

import pytest
from django.urls import reverse

from disclosures.choices import Level
from disclosures.models import ConsolidatedUnit, Disclosure
from tests.factories import UserFactory
from units.models import DepartmentMembership, User

pytestmark = pytest.mark.django_db


def url(name="department", *args):
    return reverse(f"disclosures:{name}", args=["309", 2025, "budget", *args])


@pytest.fixture
def staff_client(client, department, both_units):
    """Someone on the department's staff (an accountant of no unit)."""
    person = UserFactory(username="dora", role=User.Role.ACCOUNTANT)
    DepartmentMembership.objects.create(user=person, department=department)
    client.force_login(person)
    return client


def test_the_workspace_lists_the_department(staff_client):
    page = staff_client.get(reverse("units:workspace")).content.decode()
    assert "309" in page and url() in page


def test_start_choose_units_write_texts_and_download(staff_client, second_unit_disclosure):
    assert "编制2025年部门预算公开材料" in staff_client.get(url()).content.decode()
    staff_client.post(url("department_start"))
    document = Disclosure.objects.get(level=Level.DEPARTMENT)
    page = staff_client.get(url()).content.decode()
    assert "309001 柳州市大数据发展局本级" in page and "尚未审核通过" in page

    staff_client.post(url("department_texts"), {"duties": "负责全市大数据发展。", "organisation": "内设5个科室。"})
    document.refresh_from_db()
    assert document.duties == "负责全市大数据发展。"

    refused = staff_client.post(url("department_units"), {"include-309002": "on"}, follow=True)
    assert "未纳入部门汇总，须说明原因" in refused.content.decode()
    staff_client.post(url("department_units"), {"include-309002": "on", "reason-309001": "已撤销"})
    row = ConsolidatedUnit.objects.get(disclosure=document, unit__code="309001")
    assert (row.included, row.reason) == (False, "已撤销")

    exported = json.loads(staff_client.get(url("department_download", "json")).content)
    assert exported["level"] == "department" and [u["included"] for u in exported["units"]] == [False, True]

    submitted = staff_client.post(
        url("department_transition", "submit"),
        {"lock_version": Disclosure.objects.get(pk=document.pk).lock_version, "acknowledge_warnings": "on"},
        follow=True,
    )
    assert "尚未审核通过，部门公开材料暂不能提交：309002柳州市信息化建设管理中心（草稿）" in submitted.content.decode()


def test_an_accountant_of_a_unit_does_not_see_the_department(accountant_client, both_units):
    assert accountant_client.get(url()).status_code == 404


def test_a_reviewer_prepares_it_too(reviewer_client, both_units, django_assert_max_num_queries):
    reviewer_client.post(url("department_start"))
    with django_assert_max_num_queries(60):
        page = reviewer_client.get(url())
    assert page.status_code == 200 and "保存部门文字" in page.content.decode()


def test_an_unknown_kind_is_not_found(staff_client):
    assert staff_client.get(reverse("disclosures:department", args=["309", 2025, "other"])).status_code == 404


def test_the_review_list_links_the_department_documents(reviewer_client, both_units):
    reviewer_client.post(url("department_start"))
    page = reviewer_client.get(reverse("disclosures:review_list", args=[2025])).content.decode()
    assert 'id="department-documents"' in page and url() in page and "部门预算" in page
