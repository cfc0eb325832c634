"""Query strings and URLs that once answered 500: each is now a page, a 400 or a 404."""

import pytest
from django.core.cache import cache

from public.params import whole_number, year
from tests.test_public_support import publish

HUGE = "9" * 30


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def report(seed_disclosure):
    return publish(seed_disclosure)


def test_only_ascii_digits_are_numbers():
    assert whole_number("2025") == 2025 and whole_number(" 7 ") == 7
    assert whole_number("²") is whole_number("①") is whole_number("٢٠٢٥") is whole_number(HUGE) is None
    assert year("2025") == 2025 and year("1999") is None and year("２０２５") is None


@pytest.mark.parametrize("query", ["year=²", "year=①", "year=" + HUGE, "year=-1", "year=", "year=2025&year=x"])
@pytest.mark.parametrize("path", ["/", "/search/?q=a&"])
def test_home_and_search_fall_back_to_the_default_year(client, report, path, query):
    separator = "" if path.endswith("&") else "?"
    response = client.get(f"{path}{separator}{query}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", ["after=²/1", "after=2025", "after=2025/", "after=①/309002", "year=²", "year=①", "year=" + HUGE]
)
def test_the_api_says_what_is_wrong_with_a_parameter(client, report, query):
    response = client.get(f"/api/disclosures/?{query}")
    assert response.status_code == 400
    assert "参数" in response.json()["error"]


def test_a_cursor_past_the_end_is_an_empty_page(client, report):
    assert client.get("/api/disclosures/?after=2000/999999").json()["results"] == []
    assert client.get(f"/api/disclosures/?after=2025/{HUGE}").status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/search/?q=%00", "/api/disclosures/?unit=%00", "/api/disclosures/?department=309%00", "/2025/3090%0002/",
     "/?%00=1", "/2025/departments/3%0009/"],
)  # fmt: skip
def test_a_nul_anywhere_in_the_url_is_refused(client, report, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [f"/{HUGE}/309002/", f"/2025/309002/v{HUGE}/", f"/2025/309002/tables/{HUGE}.csv", f"/data/{HUGE}.zip",
     f"/{HUGE}/departments/309/", "/2025/309002/files/pdf/", f"/data/{HUGE}/datapackage.json"],
)  # fmt: skip
def test_absurd_numbers_in_public_urls_are_not_found(client, report, url):
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize(
    "url",
    [f"/workspace/units/309002/{HUGE}/", f"/workspace/units/309002/2025/tables/{HUGE}/",
     f"/workspace/codes/{HUGE}/search/?scheme=function", "/workspace/codes/2025/search/?scheme=function&level=²",
     f"/workspace/units/309002/2025/publication/{HUGE}/", f"/workspace/review/{HUGE}/"],
)  # fmt: skip
def test_absurd_numbers_in_workspace_urls_are_not_found(accountant_client, reviewer, seed_disclosure, url):
    assert accountant_client.get(url).status_code in (200, 400, 403, 404)


@pytest.mark.parametrize("asked", ["2026", "1999", "abc"])
def test_a_year_the_selector_does_not_offer_shows_the_default_year_and_says_so(client, report, asked):
    body = client.get(f"/?year={asked}").content.decode()
    assert f"本网站没有“{asked}”年的单位预算，下面显示的是2025年。" in body
    assert '<span class="badge text-bg-primary" aria-current="page">2025</span>' in body


def test_an_offered_year_has_no_notice(client, report):
    assert "本网站没有" not in client.get("/?year=2025").content.decode()
