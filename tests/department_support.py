"""Helpers of the department tests (the fixtures of department 309's two units are in conftest)."""

from disclosures.workflow.services import fire


def approve(disclosure, accountant, reviewer):
    """Submit (warnings acknowledged) and approve a unit's draft."""
    disclosure = fire("submit", disclosure=disclosure, user=accountant, acknowledge_warnings=True).disclosure
    return fire("approve", disclosure=disclosure, user=reviewer).disclosure
