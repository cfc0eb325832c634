"""The document as files: one standalone HTML page, and a PDF rendered by WeasyPrint from that page.

Both come from the same templates as the workspace preview and the public report; the PDF applies
the print stylesheet (A4, page numbers, landscape pages for the wide tables). Fonts are found
through fontconfig (Noto CJK from Debian's fonts-noto-cjk) and embedded as subsets of the glyphs used.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from disclosures.models import Disclosure
from disclosures.rendering.document import document_context, is_final

SCREEN_STYLESHEET = "css/document.css"
PRINT_STYLESHEET = "css/print.css"
PDF_OPTIONS = {
    # Subset the CJK fonts to the glyphs used (HarfBuzz): the full Noto CJK faces are 16–25 MB each.
    "full_fonts": False,
    "hinting": False,
    "optimize_images": True,
}


def _stylesheet(name: str) -> str:
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(f"static file {name} is missing")
    return Path(path).read_text(encoding="utf-8")


def render_standalone(context: dict) -> str:
    """The whole document as one HTML page with its stylesheets inline (no external assets)."""
    return render_to_string(
        "document/standalone.html",
        {
            **context,
            "screen_css": mark_safe(_stylesheet(SCREEN_STYLESHEET)),
            "print_css": mark_safe(_stylesheet(PRINT_STYLESHEET)),
        },
    )


@contextmanager
def _one_collection() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint lays out and draws, then one young-generation pass.

    WeasyPrint allocates hundreds of thousands of boxes, styles and text lines, which would start the collector
    hundreds of times, each pass walking every box made so far (about a fifth of the PDF's time). They all
    are young, so one pass over the youngest generation afterwards frees the document's cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


_per_thread = threading.local()


def _font_configuration() -> FontConfiguration:
    """This thread's fonts, found and loaded once: WeasyPrint otherwise builds a new Pango font map for every
    document and reloads the four Noto CJK faces (tens of MB) from fontconfig each time.

    Safe to share because the documents declare no ``@font-face`` (nothing is added to the configuration); one
    per thread because a Pango font map is not thread-safe (the development server renders in threads).
    """
    fonts = getattr(_per_thread, "fonts", None)
    if fonts is None:
        fonts = _per_thread.fonts = FontConfiguration()
    return fonts


def pdf_from_html(html: str) -> bytes:
    with _one_collection():
        return HTML(string=html, base_url=None).write_pdf(font_config=_font_configuration(), **PDF_OPTIONS)


def export_html(disclosure: Disclosure, *, draft: bool | None = None) -> bytes:
    """Standalone HTML; marked 草稿 unless the content is final (approved or published), or as ``draft`` says."""
    draft = not is_final(disclosure) if draft is None else draft
    return render_standalone(document_context(disclosure, draft=draft)).encode("utf-8")


def export_pdf(disclosure: Disclosure, *, draft: bool | None = None) -> bytes:
    """The PDF; marked 草稿 unless the content is final (approved or published), or as ``draft`` says."""
    draft = not is_final(disclosure) if draft is None else draft
    return pdf_from_html(render_standalone(document_context(disclosure, draft=draft)))
