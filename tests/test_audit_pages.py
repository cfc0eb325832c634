"""The reviewers' audit pages: who may use them, a zip audited on Celery with progress, one summary, downloads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from audits.models import AuditBatch
from tests.audit_support import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _zip(*names: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, (FIXTURES / name).read_bytes())
        archive.writestr("说明.md", "not a document")
    return SimpleUploadedFile("2024年公开材料.zip", buffer.getvalue(), content_type="application/zip")


def test_accountant_is_refused_and_anonymous_sent_to_login(accountant_client, client):
    assert accountant_client.get(reverse("audits:upload")).status_code == 403
    batch_url = reverse("audits:batch", args=[1])
    assert accountant_client.get(batch_url).status_code == 403
    accountant_client.logout()
    assert client.get(reverse("audits:upload")).status_code == 302


def test_reviewer_sees_upload_page_in_navigation(reviewer_client):
    response = reviewer_client.get(reverse("audits:upload"))
    assert response.status_code == 200
    assert reverse("audits:upload") in response.content.decode()


def test_zip_is_audited_in_one_summary_with_links(reviewer_client, catalogs):
    response = reviewer_client.post(reverse("audits:upload"), {"file": _zip("seed-000-2024.txt", "seed-004-2024.txt")})
    batch = AuditBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("audits:batch", args=[batch.pk])
    assert batch.state == AuditBatch.State.DONE and (batch.done, batch.total) == (2, 2)
    page = reviewer_client.get(response["Location"]).content.decode()
    for position in (1, 2):
        assert reverse("audits:document", args=[batch.pk, position]) in page
    documents = list(batch.documents.all())
    assert [d.name for d in documents] == ["seed-000-2024.txt", "seed-004-2024.txt"]
    assert all(d.error_count > 0 for d in documents)
    status = reviewer_client.get(reverse("audits:batch_status", args=[batch.pk])).json()
    assert status == {"state": "done", "label": "已完成", "done": 2, "total": 2, "finished": True, "error": ""}
    detail = reviewer_client.get(reverse("audits:document", args=[batch.pk, 2])).content.decode()
    assert "938.09" in detail and "921.89" in detail


def test_summary_downloads(reviewer_client, catalogs):
    reviewer_client.post(reverse("audits:upload"), {"file": _zip("seed-000-2024.txt", "seed-004-2024.txt")})
    batch = AuditBatch.objects.get()
    response = reviewer_client.get(reverse("audits:batch_download", args=[batch.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["汇总"].iter_rows(values_only=True))
    assert rows[0][:7] == ("文件", "标题", "年度", "版式", "报表数", "错误", "警告")
    assert [row[0] for row in rows[1:]] == ["seed-000-2024.txt", "seed-004-2024.txt"]
    assert workbook["汇总"]["A2"].hyperlink is not None
    assert any("921.89" in str(row[10]) for row in workbook["问题清单"].iter_rows(values_only=True))
    response = reviewer_client.get(reverse("audits:batch_download", args=[batch.pk, "html"]))
    assert response["Content-Disposition"].startswith("attachment")
    html = b"".join(response.streaming_content).decode()
    assert 'href="#doc-2"' in html and 'id="doc-2"' in html


def test_untrusted_uploads_are_refused_with_a_message(reviewer_client):
    response = reviewer_client.post(reverse("audits:upload"), {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert response.status_code == 200 and "不支持的文件类型" in response.content.decode()
    with override_settings(AUDIT_UPLOAD_MAX_BYTES=10):
        response = reviewer_client.post(
            reverse("audits:upload"), {"file": SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 20)}
        )
    assert "文件过大" in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_a_file_that_is_not_a_pdf_fails_its_document_not_the_page(reviewer_client, catalogs):
    reviewer_client.post(reverse("audits:upload"), {"file": SimpleUploadedFile("broken.pdf", b"not a pdf")})
    document = AuditBatch.objects.get().documents.get()
    assert document.failure == "文件不是有效的PDF。"
    assert reviewer_client.get(reverse("audits:document", args=[document.batch_id, 1])).status_code == 200


def test_batch_page_queries_are_fixed(reviewer_client, catalogs, django_assert_max_num_queries):
    reviewer_client.post(reverse("audits:upload"), {"file": _zip("seed-000-2024.txt", "seed-004-2024.txt")})
    batch = AuditBatch.objects.get()
    with django_assert_max_num_queries(6):
        reviewer_client.get(reverse("audits:batch", args=[batch.pk]))
