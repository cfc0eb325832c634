"""axe-core finds no serious or critical violation on the pages a citizen, an accountant and a reviewer use."""

import pytest
from django.core.cache import cache

from disclosures.choices import Status
from disclosures.final_accounts import create_from_budget
from disclosures.models import Disclosure
from tests.axe_support import axe_violations, needs_axe, new_page
from tests.browser_support import requires_chromium, session_cookie
from tests.test_public_support import publish

pytestmark = [requires_chromium, needs_axe]

PUBLIC_PAGES = ["/", "/2025/309002/", "/2025/departments/309/", "/data/", "/search/?q=信息化", "/accounts/login/"]
WORKSPACE = "/workspace/units/309002/2025/"
WORKSPACE_PAGES = [
    "/workspace/",
    WORKSPACE,
    WORKSPACE + "explanations/",
    WORKSPACE + "excel/",
    WORKSPACE + "tables/1/",  # income and expenditure: the income editor
    WORKSPACE + "tables/2/",  # computed from the others
    WORKSPACE + "tables/3/",  # rows with codes
    WORKSPACE + "tables/12/",  # projects and their indicators
]
REVIEW_PAGES = ["/workspace/review/", "/workspace/review/2025/"]
FINAL = WORKSPACE + "final/"
FINAL_PAGES = [
    FINAL,
    FINAL + "tables/1/",  # 收入和结转结余: one figure per field
    FINAL + "tables/3/",  # 决算明细: rows with codes, 年初预算 read-only
    FINAL + "tables/7/",  # “三公” with counts
]


@pytest.fixture
def public_site(transactional_db, settings, tmp_path, seed_disclosure):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return publish(seed_disclosure)


def _check(browser, base_url, paths, cookie=None):
    page = new_page(browser, cookie=cookie, for_axe=True)
    found = {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, "\n".join(f"{path}: {line}" for path, lines in found.items() for line in lines)


def test_the_public_pages_have_no_serious_violation(live_server, public_site, browser):
    _check(browser, live_server.url, PUBLIC_PAGES)


@pytest.fixture
def accountant_cookie(transactional_db, live_server, seed_disclosure, accountant):
    return session_cookie(live_server, accountant)


def test_the_accountants_pages_have_no_serious_violation(live_server, accountant_cookie, browser):
    _check(browser, live_server.url, WORKSPACE_PAGES, accountant_cookie)


@pytest.fixture
def final_cookie(transactional_db, live_server, seed_disclosure, accountant, unit):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)  # a budget to link to
    create_from_budget(unit=unit, year=2025)
    return session_cookie(live_server, accountant)


def test_the_entry_pages_of_a_final_have_no_serious_violation(live_server, final_cookie, browser):
    _check(browser, live_server.url, FINAL_PAGES, final_cookie)


@pytest.fixture
def reviewer_cookie(transactional_db, live_server, seed_disclosure, reviewer):
    return session_cookie(live_server, reviewer)


def test_the_reviewers_pages_have_no_serious_violation(live_server, reviewer_cookie, browser):
    _check(browser, live_server.url, REVIEW_PAGES, reviewer_cookie)
