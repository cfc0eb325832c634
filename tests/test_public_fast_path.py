"""A public page answered recently reaches a reader without a session before the middleware chain runs:
the same bytes and headers as the normal path, no database query, never for a signed-in user."""

import gzip
from datetime import timedelta

import pytest

from disclosures.models import Disclosure
from public.caching import CachedPublicPages
from tests.test_public_pages import PUBLISHED_AT, isolated, report  # noqa: F401  (fixtures: emptied cache, seed 002)
from tests.test_public_support import publish

FAST_PATH = f"{CachedPublicPages.__module__}.{CachedPublicPages.__name__}"
pytestmark = pytest.mark.usefixtures("isolated", "report")
PAGES = ["/2025/309002/", "/", "/search/?q=309002", "/2025/departments/309/"]


def took_fast_path(response) -> bool:
    """AuthenticationMiddleware gives every request it sees a user: the fast path answers before it."""
    return not hasattr(response.wsgi_request, "user")


def headers(response) -> dict[str, str]:
    return dict(response.items())


@pytest.fixture
def hsts(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


@pytest.mark.parametrize("path", PAGES)
def test_a_hit_has_the_normal_paths_bytes_and_headers(client, settings, hsts, path):
    first = client.get(path, secure=True)
    hit = client.get(path, secure=True)
    revalidated = client.get(path, secure=True, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not took_fast_path(first) and took_fast_path(hit) and took_fast_path(revalidated)

    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != FAST_PATH]
    normal = client.get(path, secure=True)
    normal_revalidated = client.get(path, secure=True, HTTP_IF_NONE_MATCH=first["ETag"])

    assert hit.status_code == normal.status_code == 200 and hit.content == normal.content == first.content
    assert headers(hit) == headers(normal) == headers(first)
    assert revalidated.status_code == normal_revalidated.status_code == 304
    assert headers(revalidated) == headers(normal_revalidated)
    assert {"Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Strict-Transport-Security"} <= set(
        headers(hit)
    )
    assert hit["X-Content-Type-Options"] == "nosniff" and hit["Referrer-Policy"] == "same-origin"


def test_a_hit_makes_no_database_query(client, django_assert_num_queries):
    client.get("/2025/309002/")
    with django_assert_num_queries(0):
        hit = client.get("/2025/309002/")
    with django_assert_num_queries(0):
        revalidated = client.get("/2025/309002/", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert hit.status_code == 200 and revalidated.status_code == 304


def test_a_signed_in_user_takes_the_normal_path(client, reviewer):
    anonymous = client.get("/2025/309002/")
    client.force_login(reviewer)

    signed_in = client.get("/2025/309002/")

    assert not took_fast_path(signed_in) and signed_in.wsgi_request.user == reviewer
    assert signed_in.content == anonymous.content


def test_a_signed_in_users_answer_is_never_kept_for_others(client, reviewer):
    client.force_login(reviewer)
    client.get("/2025/309002/")
    client.logout()

    assert not took_fast_path(client.get("/2025/309002/"))


def test_an_answer_that_touches_the_session_is_never_kept(client, monkeypatch):
    from public.views import pages

    def reports_for_a_visitor(request, *args):
        request.session["visited"] = True
        return reports_for(request, *args)

    reports_for = pages.reports_for
    monkeypatch.setattr(pages, "reports_for", reports_for_a_visitor)
    first = client.get("/2025/309002/")
    assert "Cookie" in first["Vary"] and first.cookies
    client.cookies.clear()

    assert not took_fast_path(client.get("/2025/309002/"))


def test_a_new_publication_renews_the_page(client, unit):
    client.get("/2025/309002/")
    assert took_fast_path(client.get("/2025/309002/"))
    publish(
        Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2025, version=2),
        PUBLISHED_AT + timedelta(days=1),
    )

    renewed = client.get("/2025/309002/")

    assert not took_fast_path(renewed) and "第2版" in renewed.content.decode()


def test_workspace_and_unmarked_pages_are_never_kept(client):
    for path in ("/data/", "/accounts/login/"):
        client.get(path)
        assert not took_fast_path(client.get(path)), path


def test_a_host_outside_allowed_hosts_is_refused_on_a_hit_too(client):
    client.get("/2025/309002/")

    assert client.get("/2025/309002/", HTTP_HOST="attacker.example").status_code == 400


def test_a_browser_that_accepts_gzip_gets_the_bytes_compressed_once(client, django_assert_num_queries):
    plain = client.get("/2025/309002/")
    with django_assert_num_queries(0):
        compressed = client.get("/2025/309002/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        revalidated = client.get("/2025/309002/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])

    assert compressed["Content-Encoding"] == "gzip" and gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 4
    assert compressed["ETag"] == "W/" + plain["ETag"]
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in compressed["Vary"]
    assert revalidated.status_code == 304 and "Content-Encoding" not in revalidated
    assert "Content-Encoding" not in client.get("/2025/309002/")  # no Accept-Encoding: the plain bytes


def lookups_counted(monkeypatch) -> list[str]:
    import public.caching

    looked_up: list[str] = []
    kept_page = public.caching._kept_page
    monkeypatch.setattr(public.caching, "_kept_page", lambda key: looked_up.append(key) or kept_page(key))
    return looked_up


def test_an_anonymous_miss_looks_the_page_up_once(client, monkeypatch):
    looked_up = lookups_counted(monkeypatch)

    miss = client.get("/2025/309002/")

    assert miss.status_code == 200 and len(looked_up) == 1
    assert took_fast_path(client.get("/2025/309002/")) and len(looked_up) == 2  # kept on the miss: the hit finds it


def test_a_signed_in_reader_has_the_page_looked_up_by_the_view(client, monkeypatch, reviewer):
    client.get("/2025/309002/")  # kept by an anonymous reader's miss
    client.force_login(reviewer)
    looked_up = lookups_counted(monkeypatch)

    signed_in = client.get("/2025/309002/")

    assert signed_in.status_code == 200 and len(looked_up) == 1 and signed_in.wsgi_request.user == reviewer
