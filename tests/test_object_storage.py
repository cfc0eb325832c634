"""Published files and open-data downloads in S3-compatible object storage (several web and worker machines).

The test starts moto's standalone S3 server as a process of its own and points django-storages at it, as
production would point it at the bureau's object store: what one machine publishes, another serves.
"""

import io
import socket
import subprocess
import sys
import time
import zipfile

import boto3
import pytest
from django.core.cache import cache

from disclosures.models import PublishedFile
from disclosures.workflow.services import fire
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from tests.test_workflow_fixtures import approved

BUCKET = "budgetportal-test"
CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("moto's S3 server did not start")
        boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings):
    """The default storage is the bucket (the settings S3_BUCKET and S3_ENDPOINT_URL would choose)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    cache.clear()
    client = boto3.client("s3", endpoint_url=s3_server, **CREDENTIALS)
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])


def keys(client) -> set[str]:
    return {stored["Key"] for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_publication_stores_the_files_in_the_bucket_and_the_site_streams_them(
    bucket, seed_disclosure, reviewer, client, fake_exporters, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fire("publish", disclosure=approved(seed_disclosure), user=reviewer, comment="")

    stored = {f.format: f for f in PublishedFile.objects.filter(disclosure=seed_disclosure)}
    assert {f.file.name for f in stored.values()} <= keys(bucket)
    assert any(key.startswith("open-data/unit-budgets-2025-") for key in keys(bucket))  # built at publication

    response = client.get("/2025/309002/files/pdf/")
    assert response.status_code == 200
    assert response.getvalue() == b"pdf 309002 2025 v1 \xe9\xa2\x84\xe7\xae\x97\xe5\x85\xac\xe5\xbc\x80"
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/2025.zip").getvalue()))
    assert any(name.startswith("309002/") for name in archive.namelist())

    bucket.delete_object(Bucket=BUCKET, Key=stored["pdf"].file.name)
    missing = client.get("/2025/309002/files/pdf/")
    assert missing.status_code == 503 and "文件暂不可用" in missing.content.decode()


def test_a_presigned_address_reads_the_same_bytes(bucket, seed_disclosure, reviewer, fake_exporters,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    import urllib.request

    with django_capture_on_commit_callbacks(execute=True):
        fire("publish", disclosure=approved(seed_disclosure), user=reviewer, comment="")
    json_file = PublishedFile.objects.get(disclosure=seed_disclosure, format="json")
    assert "Signature=" in json_file.file.url or "X-Amz-Signature=" in json_file.file.url
    with urllib.request.urlopen(json_file.file.url, timeout=10) as answer:
        assert answer.read() == json_file.file.open("rb").read()
