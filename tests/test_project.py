import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k7#Qz!pW2@vL9^mR4&tY8*uE1%oI6(aS3)dF5_gH0+jK-long-random-production-key",
        ALLOWED_HOSTS="budget.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr


def test_bad_boolean_in_environment_fails_loudly():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "is not a boolean" in result.stderr


def test_no_asset_comes_from_a_cdn():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "://cdn" not in text and 'src="http' not in text and 'href="http' not in text, template


def test_demo_command_prints_logins(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "kuaiji" in out.getvalue() and "shenhe" in out.getvalue()
