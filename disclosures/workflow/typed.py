"""What a person typed into a workflow form that was refused (a submission with unconfirmed warnings, say).

The refusal redirects back to the page the form was on; the typed comment and correction note are kept in
the session for that disclosure and transition, and the form shows them once, so nothing typed is lost.
"""

from disclosures.models import Disclosure

SESSION_KEY = "workflow_typed"
KEPT_FIELDS = ("comment", "correction_note")


def _slot(disclosure: Disclosure, transition: str) -> str:
    return f"{disclosure.pk}:{transition}"


def keep_typed(request, disclosure: Disclosure, transition: str, values) -> None:
    typed = {name: str(values.get(name) or "") for name in KEPT_FIELDS if values.get(name)}
    if typed:
        request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), _slot(disclosure, transition): typed}


def take_typed(request, disclosure: Disclosure, transition: str) -> dict[str, str]:
    """The values kept for this form, forgotten once taken (the next page shows a fresh form)."""
    kept = request.session.get(SESSION_KEY)
    if not kept or _slot(disclosure, transition) not in kept:
        return {}
    typed = kept.pop(_slot(disclosure, transition))
    request.session[SESSION_KEY] = kept
    return typed
