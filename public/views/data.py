"""Bulk open data per year: one zip of every report, and the year's Fiscal Data Package."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import condition, require_safe

from public import fiscal
from public.caching import per_request, public_response
from public.opendata import fiscal_csv, fiscal_descriptor, year_archive
from public.queries import year_fingerprint


def _year(request, year: int) -> tuple[str, object]:
    """The year's fingerprint and last publication; 404 when nothing of that year is published."""
    digest, latest = per_request(request, ("year", year), lambda: year_fingerprint(year))
    if latest is None:
        raise Http404
    return digest, latest


def _etag(request, year: int, **kwargs) -> str:
    return _year(request, year)[0] + "".join(kwargs.values())


def _last_modified(request, year: int, **kwargs):
    return _year(request, year)[1]


def _download(content: bytes, content_type: str, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return public_response(response, cors=True)


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def year_zip(request, year: int):
    digest, _latest = _year(request, year)
    stored = default_storage.open(year_archive(year, digest), "rb")
    response = FileResponse(
        stored, content_type="application/zip", as_attachment=True, filename=f"unit-budgets-{year}.zip"
    )
    return public_response(response, cors=True)


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def datapackage(request, year: int):
    digest, _latest = _year(request, year)
    return _download(fiscal_descriptor(year, digest), "application/json; charset=utf-8")


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def fiscal_resource(request, year: int, resource: str):
    if resource not in fiscal.RESOURCES_BY_NAME:
        raise Http404
    digest, _latest = _year(request, year)
    return _download(fiscal_csv(year, resource, digest), "text/csv; charset=utf-8", f"{resource}-{year}.csv")
