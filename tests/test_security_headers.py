"""Response headers: a strict Content-Security-Policy, a Permissions-Policy, private workspace pages."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.test_public_support import publish, store_file

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The standalone HTML file is a download that carries its stylesheets inline (it is served with its own policy).
# Files meant to be opened on their own (downloads), which carry their styles inline.
STANDALONE = (TEMPLATES / "document" / "standalone.html", TEMPLATES / "audits" / "report_standalone.html")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def report(seed_disclosure):
    published = publish(seed_disclosure)
    store_file(published, "html", b"<!doctype html><style>p{}</style><p>report</p>")
    return published


def policy(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


def workspace_pages(unit_code="309002", year=2025):
    base = f"/workspace/units/{unit_code}/{year}/"
    return ["/workspace/", f"/workspace/units/{unit_code}/", base, f"{base}tables/3/", f"{base}explanations/",
            f"{base}preview/", f"{base}excel/", f"{base}history/"]  # fmt: skip


def test_no_template_holds_an_inline_script_or_style():
    offending = [
        f"{path.relative_to(TEMPLATES)}: {match.group()}"
        for path in TEMPLATES.rglob("*.html")
        if path not in STANDALONE
        for pattern in (INLINE_SCRIPT, INLINE_STYLE)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


@pytest.mark.parametrize("path", ["/", "/search/?q=309", "/2025/309002/", "/data/", "/accounts/login/"])
def test_public_pages_send_a_strict_policy(client, report, path):
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert not INLINE_SCRIPT.search(response.content.decode())
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_workspace_pages_are_private_and_never_stored(accountant_client, seed_disclosure):
    for path in workspace_pages():
        response = accountant_client.get(path)
        assert response.status_code == 200, path
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, path
        assert "public" not in cache_control
        assert policy(response)["script-src"] == ["'self'"], path
        assert not INLINE_STYLE.search(response.content.decode()), path


def test_login_and_admin_pages_are_private(client, admin_client):
    for response in (client.get("/accounts/login/"), admin_client.get("/admin/")):
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_stay_cacheable(client, report):
    response = client.get("/2025/309002/")
    assert "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]


def test_the_published_html_file_may_style_itself_and_nothing_else(client, report):
    response = client.get("/2025/309002/files/html/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'none'"] and directives["style-src"] == ["'unsafe-inline'"]
    assert "sandbox" in directives and "script-src" not in directives
