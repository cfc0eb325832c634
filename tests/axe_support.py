"""What the accessibility and report-layout tests add to tests/browser_support.py: axe-core from node_modules
(scripts/setup --dev runs `npm ci`), the two window sizes, and a page of a fresh browser context.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# The impacts the portal allows none of; "moderate" and "minor" findings are printed, not failed.
BLOCKING_IMPACTS = ("serious", "critical")

needs_axe = pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (scripts/setup --dev runs npm ci)")


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
