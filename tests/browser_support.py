"""What every browser test shares: Debian's chromium driven headless by Playwright, and where screenshots go.

Import ``requires_chromium`` as the module's ``pytestmark`` and use the ``browser`` fixture (registered for the
whole suite by ``tests/conftest.py``). Put everything in the database before the browser starts: Playwright's
event loop makes the ORM unusable inside a test once it runs, so tests take ``transactional_db`` fixtures.
"""

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts():
    """The folder screenshots are saved in (kept out of git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def page_scroll_width(page) -> int:
    """How wide the page's own content is: more than the window means the page scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth")


def session_cookie(live_server, user) -> dict:
    """A logged-in session of ``user`` as a Playwright cookie; make it in a fixture, before the browser starts."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": live_server.url}


def logged_in_page(browser, cookie: dict, **options):
    """A page of a new browser context (its own cookies: another person) logged in with ``cookie``."""
    context = browser.new_context(**options)
    context.add_cookies([cookie])
    return context.new_page()
