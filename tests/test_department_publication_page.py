"""Publishing a department's document shows its progress on a page of its own, as a unit's publication does."""

import pytest
from django.urls import reverse

from disclosures.department_documents import start_department_document
from disclosures.models import PublicationJob
from disclosures.workflow import publication
from disclosures.workflow.services import fire
from tests.department_support import approve, with_texts
from units.models import Membership

pytestmark = pytest.mark.django_db

ARGS = ["309", 2025, "budget"]


@pytest.fixture
def approved_document(both_units, department, accountant, reviewer):
    Membership.objects.create(user=accountant, unit=both_units[1].unit)
    for disclosure in both_units:
        approve(disclosure, accountant, reviewer)
    document = with_texts(start_department_document(department, 2025))
    document = fire("submit", disclosure=document, user=reviewer, acknowledge_warnings=True).disclosure
    return fire("approve", disclosure=document, user=reviewer).disclosure


@pytest.fixture
def quick_files(monkeypatch, settings, tmp_path):
    """Small files instead of the real renderings (their content is not what these tests are about)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(publication, "exporter", lambda name: lambda disclosure: f"{name} 部门预算".encode())


def test_publishing_goes_to_the_departments_progress_page(
    quick_files, approved_document, reviewer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = reviewer_client.post(
            reverse("disclosures:department_transition", args=[*ARGS, "publish"]),
            {"lock_version": approved_document.lock_version},
        )
    job = PublicationJob.objects.get(disclosure=approved_document)
    progress = reverse("disclosures:department_publication_job", args=[*ARGS, job.pk])
    status = reverse("disclosures:department_publication_job_status", args=[*ARGS, job.pk])
    assert response.status_code == 302 and response.url == progress

    page = reviewer_client.get(progress).content.decode()
    assert "柳州市大数据发展局2025年部门预算公开" in page and f'data-job-status-url="{status}"' in page
    assert "job_progress.js" in page  # it polls while the job runs
    assert reviewer_client.get(status).json()["finished"] is False
    overview = reviewer_client.get(reverse("disclosures:department", args=ARGS)).content.decode()
    assert progress in overview  # 查看进度 from the department's page

    for callback in callbacks:
        callback()
    assert reviewer_client.get(status).json() == {"state": "done", "label": "已完成", "error": "", "finished": True}
    page = reviewer_client.get(progress).content.decode()
    assert "查看公开文件" in page and reverse("disclosures:department", args=ARGS) in page


def test_another_departments_job_is_not_found(
    approved_document, other_unit, reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = fire("publish", disclosure=approved_document, user=reviewer).job
    other = ["310", 2025, "budget", job.pk]  # department 310 exists, the job is 309's
    assert reviewer_client.get(reverse("disclosures:department_publication_job", args=other)).status_code == 404
    wrong_kind = ["309", 2025, "final", job.pk]
    assert reviewer_client.get(reverse("disclosures:department_publication_job", args=wrong_kind)).status_code == 404
