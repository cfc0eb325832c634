"""Backups cover the published files: every file verified against its SHA-256, a missing or altered one
reported and shown as unavailable (never a 500), and a restore into a fresh database and media folder
giving back every published report and hash unchanged."""

import dataclasses
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.models import PublishedFile
from disclosures.services import import_disclosure
from tests.conftest import SEED_002
from tests.test_public_support import publish, store_file

REPORTS = ["/2025/309002/", "/2025/309003/"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return settings.MEDIA_ROOT


@pytest.fixture
def reports(seed_disclosure, seed_data):
    """Two published reports with their files (the JSON one real), and a draft that is not public."""
    first = publish(seed_disclosure)
    store_file(first, "html", b"<!doctype html><title>report</title>")
    second = publish(import_disclosure(data=dataclasses.replace(seed_data, unit_code="309003", unit_name="另一单位")))
    import_disclosure(data=dataclasses.replace(seed_data, unit_code="309004", unit_name="草稿单位"))
    return [first, second]


def public_state(client) -> dict:
    """What the public sees: each report page, and each file's bytes with the digest the page shows."""
    cache.clear()
    state = {}
    for path in REPORTS:
        page = client.get(path)
        assert page.status_code == 200
        state[path] = page.content
    for stored in PublishedFile.objects.select_related("disclosure__unit").order_by("pk"):
        response = client.get(f"/{stored.disclosure.year}/{stored.disclosure.unit.code}/files/{stored.format}/")
        assert response.status_code == 200, stored.file.name
        state[stored.file.name] = (b"".join(response.streaming_content), stored.sha256, stored.size)
    return state


def run(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out)
    return out.getvalue()


def test_verify_finds_every_file_intact(reports):
    assert "共核验7个公开文件，0个有问题" in run("verify_published_files")


def test_a_missing_or_altered_file_is_reported_and_the_public_page_says_it_is_unavailable(client, reports):
    pdf = PublishedFile.objects.get(disclosure=reports[0], format="pdf")
    xlsx = PublishedFile.objects.get(disclosure=reports[0], format="xlsx")
    original = default_storage.open(xlsx.file.name).read()
    default_storage.delete(pdf.file.name)
    with default_storage.open(xlsx.file.name, "wb") as altered:
        altered.write(b"PK\x03\x04 altered")
    with pytest.raises(CommandError, match="共核验7个公开文件，2个有问题"):
        run("verify_published_files")
    page = client.get("/2025/309002/").content.decode()
    assert page.count("文件暂不可用") == 2 and pdf.sha256 in page
    for stored in (pdf, xlsx):
        response = client.get(f"/2025/309002/files/{stored.format}/")
        assert response.status_code == 503
        assert "暂时无法提供" in response.content.decode() and response["Cache-Control"] == "no-store"

    with default_storage.open(xlsx.file.name, "wb") as repaired:
        repaired.write(original)
    default_storage.save(pdf.file.name, io.BytesIO(b"%PDF-1.4\n% public site test\n%%EOF\n"))
    assert "已恢复可用" in run("verify_published_files")
    assert "文件暂不可用" not in client.get("/2025/309002/").content.decode()
    assert client.get("/2025/309002/files/pdf/").status_code == 200


def test_a_file_altered_since_the_last_check_is_refused_when_it_is_downloaded(client, reports):
    json_file = PublishedFile.objects.get(disclosure=reports[1], format="json")
    with default_storage.open(json_file.file.name, "wb") as altered:
        altered.write(json.dumps({"tampered": True}).encode())
    assert client.get("/2025/309003/files/json/").status_code == 503
    assert PublishedFile.objects.get(pk=json_file.pk).problem.startswith("文件已被改动")
    assert "文件暂不可用" in client.get("/2025/309003/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_and_media_folder_is_identical(
    client, catalogs, unit, seed_json, settings, tmp_path
):
    from disclosures.interchange import parse

    data = parse(SEED_002.read_bytes())
    first = publish(import_disclosure(data=data))
    store_file(first, "html", b"<!doctype html><title>report</title>")
    publish(import_disclosure(data=dataclasses.replace(data, unit_code="309003", unit_name="另一单位")))
    before = public_state(client)
    assert "已备份到" in run("backup_portal", str(tmp_path / "backup"))

    call_command("flush", interactive=False, verbosity=0)  # a fresh, migrated database…
    settings.MEDIA_ROOT = tmp_path / "fresh-media"  # …and an empty media folder
    assert client.get(REPORTS[0]).status_code == 404

    assert "全部公开文件的SHA-256核验一致" in run("restore_portal", str(tmp_path / "backup"))
    assert public_state(client) == before
    assert "0个有问题" in run("verify_published_files")


def test_a_restore_refuses_a_database_that_is_not_empty(reports, tmp_path):
    run("backup_portal", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="数据库不是空的"):
        run("restore_portal", str(tmp_path / "backup"))


def test_a_backup_reports_a_file_it_cannot_vouch_for(reports, tmp_path):
    pdf = PublishedFile.objects.get(disclosure=reports[0], format="pdf")
    default_storage.delete(pdf.file.name)
    with pytest.raises(CommandError, match="1个公开文件有问题，未备份"):
        run("backup_portal", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    assert pdf.file.name not in {entry["name"] for entry in manifest["files"]} and len(manifest["files"]) == 6
