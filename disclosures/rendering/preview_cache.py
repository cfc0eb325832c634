"""The draft PDF takes seconds to lay out: render it once per state of the content, not once per click.

Every request for a draft's PDF (the preview and the download alike) goes through :func:`preview_pdf`.
Concurrent requests for the same state share one render: the first takes a short lock in the cache
and renders; the others wait for its result instead of starting their own. A probe once saw the
download render on every request: it called the exporter directly, around this cache.
"""

import time

from django.core.cache import cache

from disclosures.consolidation import sources_stamp
from disclosures.models import Disclosure
from disclosures.rendering.export import export_pdf

# A draft changes often; a day keeps the cache from holding every state it ever had.
PREVIEW_SECONDS = 24 * 3600
# Longer than any render takes: a request waits this long at most for another one's result.
RENDER_SECONDS = 120
WAIT_STEP = 0.2


def preview_key(disclosure: Disclosure, draft: bool) -> str:
    """Changes whenever what the PDF shows can change: a content row (content_revision), the disclosure's own
    texts (updated_at) or its status (the 草稿 mark); for a department's, any of its units' content too."""
    stamp = disclosure.updated_at.timestamp() if disclosure.updated_at else 0
    key = f"preview-pdf:{disclosure.pk}:{disclosure.content_revision}:{stamp}:{disclosure.status}:{int(draft)}"
    if disclosure.is_department_level:
        key += f":{sources_stamp(disclosure)}"
    return key


def _render(disclosure: Disclosure, key: str, draft: bool) -> bytes:
    pdf = export_pdf(disclosure, draft=draft)
    cache.set(key, pdf, PREVIEW_SECONDS)
    return pdf


def _rendered_elsewhere(key: str, lock: str) -> bytes | None:
    """The PDF another request is rendering, once it is there; None if that request gave up."""
    deadline = time.monotonic() + RENDER_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        pdf = cache.get(key)
        if pdf is not None:
            return pdf
        if cache.get(lock) is None:
            return cache.get(key)
    return None


def preview_pdf(disclosure: Disclosure, *, draft: bool) -> bytes:
    key = preview_key(disclosure, draft)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    lock = f"{key}:rendering"
    if cache.add(lock, "1", RENDER_SECONDS):
        try:
            return _render(disclosure, key, draft)
        finally:
            cache.delete(lock)
    pdf = _rendered_elsewhere(key, lock)
    return pdf if pdf is not None else _render(disclosure, key, draft)
