"""The code picker's search: a year's catalog by code prefix or by name, a few results at a time."""

import pytest

SEARCH = "/workspace/codes/{}/search/"


def search(client, year=2025, **params):
    response = client.get(SEARCH.format(year), params)
    assert response.status_code == 200, response.content
    return response.json()


def test_finds_by_code_prefix_at_the_level_asked(accountant_client, catalogs):
    answer = search(accountant_client, scheme="function", q="20805", level="3")
    codes = [result["code"] for result in answer["results"]]
    assert codes == sorted(codes) and "2080505" in codes
    assert all(code.startswith("20805") and len(code) == 7 for code in codes)
    found = next(result for result in answer["results"] if result["code"] == "2080505")
    assert found["name"] == "机关事业单位基本养老保险缴费支出"
    assert found["path"] == "社会保障和就业支出 / 行政事业单位养老支出"
    assert (found["level"], found["level_name"]) == (3, "项")


def test_finds_by_name(accountant_client, catalogs):
    answer = search(accountant_client, scheme="function", q="养老保险", level="3")
    assert "2080505" in [result["code"] for result in answer["results"]]
    assert all("养老保险" in result["name"] for result in answer["results"])


def test_a_code_typed_with_its_name_is_searched_by_its_code(accountant_client, catalogs):
    answer = search(accountant_client, scheme="function", q="2080505 机关事业单位", level="3")
    assert [result["code"] for result in answer["results"]] == ["2080505"]


def test_economic_codes_at_kuan_level(accountant_client, catalogs):
    answer = search(accountant_client, scheme="econ_dept", q="基本工资", level="2")
    assert [result["code"] for result in answer["results"]] == ["30101"]


def test_results_are_limited_and_say_there_are_more(accountant_client, catalogs):
    answer = search(accountant_client, scheme="function", q="2", level="3")
    assert len(answer["results"]) == 20 and answer["more"] is True
    assert search(accountant_client, scheme="function", q="2080505")["more"] is False


def test_each_year_has_its_own_catalog(accountant_client, catalogs):
    assert search(accountant_client, year=2031, scheme="function", q="2080505")["results"] == []


def test_refuses_an_unknown_scheme_or_level(accountant_client, catalogs):
    assert accountant_client.get(SEARCH.format(2025), {"scheme": "other", "q": "1"}).status_code == 400
    response = accountant_client.get(SEARCH.format(2025), {"scheme": "function", "q": "1", "level": "x"})
    assert response.status_code == 400 and "error" in response.json()


def test_login_is_required(client, catalogs):
    response = client.get(SEARCH.format(2025), {"scheme": "function", "q": "208"})
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("term", ["2", "支出"])
def test_search_makes_a_fixed_number_of_queries(accountant_client, catalogs, django_assert_max_num_queries, term):
    with django_assert_max_num_queries(3):  # session, user, the codes with their parents
        search(accountant_client, scheme="function", q=term, level="3")
