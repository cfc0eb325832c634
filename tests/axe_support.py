"""Browser helpers for the accessibility and layout tests: Debian's chromium driven by Playwright, axe-core
from node_modules (scripts/setup --dev runs `npm ci`), and signing a browser in as a test user.

Everything a test needs in the database must exist before the browser starts: Playwright's event loop
makes the ORM unusable while it runs (so fixtures that use this module's ``browser`` come last).
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# The impacts the portal allows none of; "moderate" and "minor" findings are printed, not failed.
BLOCKING_IMPACTS = ("serious", "critical")

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)
needs_axe = pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (scripts/setup --dev runs npm ci)")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def session_cookie(user, live_server_url: str) -> dict:
    """A cookie that signs a browser in as ``user`` (made with the test client: call it before the browser starts)."""
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server_url}  # fmt: skip


def new_page(browser, viewport: dict = DESKTOP, cookie: dict | None = None, *, for_axe: bool = False):
    # axe-core is injected as a script of the page, which the portal's Content-Security-Policy refuses.
    context = browser.new_context(viewport=viewport, bypass_csp=for_axe, is_mobile=viewport["width"] < 600)
    if cookie:
        context.add_cookies([cookie])
    return context.new_page()


def axe_violations(page, impacts=BLOCKING_IMPACTS) -> list[str]:
    """axe-core's violations of the page as loaded, of the given impacts, one readable line each."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['impact']} {v['id']}: {v['help']} — {', '.join(' '.join(node['target']) for node in v['nodes'][:5])}"
        for v in violations
        if v["impact"] in impacts
    ]


def page_scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")
