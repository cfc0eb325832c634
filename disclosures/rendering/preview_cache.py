"""The draft PDF takes seconds to lay out: render it once per state of the content, not once per click."""

from django.core.cache import cache

from disclosures.models import Disclosure
from disclosures.rendering.export import export_pdf

# A draft changes often; a day keeps the cache from holding every state it ever had.
PREVIEW_SECONDS = 24 * 3600


def preview_key(disclosure: Disclosure, draft: bool) -> str:
    """Changes whenever what the PDF shows can change: a content row (content_revision), the disclosure's own
    texts (updated_at) or its status (the 草稿 mark)."""
    stamp = disclosure.updated_at.timestamp() if disclosure.updated_at else 0
    return f"preview-pdf:{disclosure.pk}:{disclosure.content_revision}:{stamp}:{disclosure.status}:{int(draft)}"


def preview_pdf(disclosure: Disclosure, *, draft: bool) -> bytes:
    key = preview_key(disclosure, draft)
    pdf = cache.get(key)
    if pdf is None:
        pdf = export_pdf(disclosure, draft=draft)
        cache.set(key, pdf, PREVIEW_SECONDS)
    return pdf
