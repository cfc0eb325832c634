"""Only published versions are public: every other state of a disclosure and its files answers 404."""

import pytest
from django.core.cache import cache

from disclosures.choices import Status
from tests.test_public_support import publish, store_file

UNPUBLISHED = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED]
URLS = [
    "/2025/309002/",
    "/2025/309002/v1/",
    "/2025/309002/files/pdf/",
    "/2025/309002/files/json/",
    "/2025/309002/v1/files/xlsx/",
    "/2025/309002/tables/3.csv",
    "/2025/309002/v1/tables/7.csv",
    "/api/disclosures/2025/309002.json",
    "/api/disclosures/2025/309002/v1.json",
    "/data/2025.zip",
    "/data/2025/datapackage.json",
    "/data/2025/expenditure.csv",
]


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_disclosure_and_its_files_answer_404(client, seed_disclosure, status):
    seed_disclosure.status = status
    seed_disclosure.save()
    for file_format in ("pdf", "json", "xlsx"):  # even with files stored, as if rendered ahead of publication
        store_file(seed_disclosure, file_format, b"not public")

    for url in URLS:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_disclosure_is_listed_nowhere(client, seed_disclosure, status):
    seed_disclosure.status = status
    seed_disclosure.save()

    listing = client.get("/api/disclosures/").json()
    home = client.get("/?year=2025").content.decode()
    search = client.get("/search/", {"q": "309002", "year": "2025"}).content.decode()
    department = client.get("/2025/departments/309/").content.decode()

    assert listing["count"] == 0 and listing["results"] == []
    for page in (home, search, department):
        assert 'href="/2025/309002/"' not in page
    assert "还没有单位公开预算" in department


def test_the_open_version_of_a_correction_stays_private(client, seed_disclosure, seed_data):
    publish(seed_disclosure)
    revision = seed_disclosure.__class__.objects.create(
        layout="liuzhou-2025", unit=seed_disclosure.unit, year=2025, version=2
    )
    store_file(revision, "pdf", b"draft of the correction")

    assert client.get("/2025/309002/v2/").status_code == 404
    assert client.get("/2025/309002/v2/files/pdf/").status_code == 404
    assert client.get("/api/disclosures/2025/309002/v2.json").status_code == 404
    assert client.get("/2025/309002/").status_code == 200
    assert [entry["version"] for entry in client.get("/api/disclosures/").json()["results"]] == [1]


def test_a_superseded_version_is_history_not_the_current_report(client, seed_disclosure):
    publish(seed_disclosure)
    publish(
        seed_disclosure.__class__.objects.create(layout="liuzhou-2025", unit=seed_disclosure.unit, year=2025, version=2)
    )

    assert client.get("/2025/309002/v1/").status_code == 200
    assert client.get("/2025/309002/v1/files/pdf/").status_code == 200
    listing = client.get("/api/disclosures/").json()
    assert [entry["version"] for entry in listing["results"]] == [2]


def test_a_published_file_streams_the_stored_bytes(client, seed_disclosure):
    publish(seed_disclosure)
    stored = seed_disclosure.published_files.get(format="pdf")

    response = client.get("/2025/309002/files/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="309002-2025-budget.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()
    assert response["ETag"] == f'"{stored.sha256}"'
    assert client.get("/2025/309002/files/pdf/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get("/2025/309002/files/html/").status_code == 404  # not stored for this version


def test_public_pages_refuse_to_change_anything(client, seed_disclosure):
    publish(seed_disclosure)

    assert client.post("/2025/309002/").status_code == 405
    assert client.post("/api/disclosures/").status_code == 405
