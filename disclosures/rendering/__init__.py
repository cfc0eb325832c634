"""The whole disclosure document (cover, contents, parts 一–四 and the 12 tables) as HTML and PDF.

``document`` gathers what the templates show, with a fixed number of queries; ``export`` turns the
same templates into a standalone HTML file or, through the print stylesheet, a PDF.
"""

from disclosures.rendering.document import document_context, is_draft, is_final

__all__ = ["document_context", "is_draft", "is_final"]
