"""``./scripts/run`` without a broker: ``manage.py load_demo`` in its own process, publications in threads
(PUBLICATION_IN_THREAD), still leaves the demo's published seeds published with their files."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from units.demo import DEMO_FOLDER, PUBLISHED_SEEDS

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"html", "json", "pdf", "xlsx"}


def manage(*args: str, folder: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    environment |= {
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PUBLICATION_IN_THREAD": "1",  # as scripts/run has it when no broker answers
        "DJANGO_SETTINGS_MODULE": "budgetportal.settings",
    }
    # Minutes rather than seconds: the command renders four PDFs, on a machine other tests share.
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
# The demo runs on its own SQLite file whatever database the suite uses: once per test command is enough.
@pytest.mark.skipif(connection.vendor != "sqlite", reason="run with the SQLite pass of the suite")
def test_load_demo_in_its_own_process_publishes_its_seeds_with_their_files(tmp_path):
    manage("migrate", "--noinput", "-v0", folder=tmp_path)
    manage("load_demo", folder=tmp_path)
    with sqlite3.connect(tmp_path / "demo.sqlite3") as database:
        published = database.execute(
            "SELECT d.id, u.code, d.year, d.kind FROM disclosures_disclosure d"
            " JOIN units_unit u ON u.id = d.unit_id WHERE d.status = 'published'"
        ).fetchall()
        files = database.execute("SELECT disclosure_id, format, file, sha256 FROM disclosures_publishedfile").fetchall()
    seeds = [json.loads((DEMO_FOLDER / name).read_text(encoding="utf-8")) for name in PUBLISHED_SEEDS]
    assert sorted((code, year, kind) for _id, code, year, kind in published) == sorted(
        (seed["unit"]["code"], seed["year"], seed["kind"]) for seed in seeds
    )
    for disclosure, *_identity in published:
        stored = {fmt: (name, sha) for owner, fmt, name, sha in files if owner == disclosure}
        assert set(stored) == FORMATS, disclosure
        for name, sha in stored.values():
            path = tmp_path / "media" / name
            assert path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha, name
