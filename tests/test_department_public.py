"""The public department page shows its published 部门预算 with downloads and hashes, beside its units' reports,
and says so when a unit's correction has made it out of date; the API and the year's open data hold it too."""

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from disclosures.department_documents import start_department_document
from disclosures.workflow import publication
from tests.department_support import correct_and_publish, publish_department, with_texts
from units.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_files(monkeypatch, settings, tmp_path):
    """Small recognisable files instead of the rendered ones (the department tests render them for real)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(
        publication, "exporter", lambda name: lambda disclosure: f"{name} {disclosure} v{disclosure.version}".encode()
    )


@pytest.fixture
def published(both_units, department, accountant, reviewer, quick_files, django_capture_on_commit_callbacks):
    Membership.objects.create(user=accountant, unit=both_units[1].unit)
    document = with_texts(start_department_document(department, 2025))
    return publish_department(document, both_units, accountant, reviewer, django_capture_on_commit_callbacks)


def department_page(client) -> str:
    response = client.get(reverse("public:department", args=[2025, "309"]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_department_page_shows_its_document_with_hashes(client, published):
    page = department_page(client)
    assert "柳州市大数据发展局2025年部门预算" in page and "由所属各单位已审核的公开材料汇总生成" in page
    pdf = published.published_files.get(format="pdf")
    assert pdf.sha256 in page
    link = reverse("public:department_file", args=[2025, "309", "budget", "pdf"])
    assert link in page
    downloaded = b"".join(client.get(link).streaming_content)
    assert hashlib.sha256(downloaded).hexdigest() == pdf.sha256
    assert "public-out-of-date" not in page
    assert client.get(reverse("public:home")).status_code == 200  # the directory lists units only


def test_api_and_open_data_hold_the_department_document(client, published):
    document = json.loads(client.get(reverse("public:api_department", args=[2025, "309", "budget"])).content)
    assert document["level"] == "department" and [unit["code"] for unit in document["units"]] == ["309001", "309002"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("public:year_zip", args=[2025])).getvalue()))
    assert "departments/309-2025-budget.json" in archive.namelist()
    assert client.get(reverse("public:api_department", args=[2025, "309", "final"])).status_code == 404


def test_a_unit_correction_marks_it_out_of_date(
    client, published, both_units, accountant, reviewer, django_capture_on_commit_callbacks
):
    correct_and_publish(both_units[0], accountant, reviewer, django_capture_on_commit_callbacks)
    page = department_page(client)
    assert "public-out-of-date" in page and "309002 柳州市信息化建设管理中心" in page
    client.force_login(reviewer)  # the workspace says so too, and offers the correction
    workspace = client.get(reverse("disclosures:department", args=["309", 2025, "budget"])).content.decode()
    assert "所依据的单位公开材料已被更正" in workspace and 'data-transition="revise"' in workspace
