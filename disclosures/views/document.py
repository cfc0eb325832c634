"""The workspace preview of the whole document, as a page and as a PDF, for the unit and its reviewers."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from disclosures.access import current_disclosure_or_404
from disclosures.choices import Kind
from disclosures.formats import FORMATS, file_name
from disclosures.rendering import document_context, is_draft
from disclosures.rendering.limits import rendering_limited
from disclosures.rendering.preview_cache import preview_pdf as cached_preview_pdf


@login_required
@rendering_limited
def preview(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    context = document_context(disclosure, draft=is_draft(disclosure))
    return render(request, "document/preview.html", {**context, "active_tab": "preview"})


@login_required
@rendering_limited
def preview_pdf(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    response = HttpResponse(
        cached_preview_pdf(disclosure, draft=is_draft(disclosure)), content_type=FORMATS["pdf"].content_type
    )
    response["Content-Disposition"] = f'inline; filename="{file_name(disclosure, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response
