"""Downloads of a published version: the files stored at publication, and each table as CSV."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import condition, require_safe

from disclosures.workflow.integrity import FileUnavailable
from disclosures.workflow.publication import file_unavailable_response, published_file_response
from public.caching import per_request, public_response
from public.department_documents import published_department_document_or_404
from public.opendata import exports, table_file_name
from public.queries import fingerprint, published_file_or_404
from public.views.lookup import reports_for


def _stored(request, year: int, unit_code: str, file_format: str, version: int | None = None):
    def find():
        reports = reports_for(request, year, unit_code, version)
        return reports, published_file_or_404(reports.disclosure, file_format)

    return per_request(request, ("file", year, unit_code, file_format, version), find)


def _file_etag(request, year: int, unit_code: str, file_format: str, version: int | None = None) -> str:
    return _stored(request, year, unit_code, file_format, version)[1].sha256


@require_safe
@condition(etag_func=_file_etag)
def published_file(request, year: int, unit_code: str, file_format: str, version: int | None = None):
    """Stream the file rendered at publication, unchanged; its SHA-256 is its ETag."""
    _reports, stored = _stored(request, year, unit_code, file_format, version)
    try:
        response = published_file_response(stored)
    except FileUnavailable:
        return file_unavailable_response(request, stored)
    return public_response(response, immutable=version is not None, cors=True)


def _table_etag(request, year: int, unit_code: str, number: int, version: int | None = None) -> str:
    disclosure = reports_for(request, year, unit_code, version).disclosure
    return fingerprint("table", disclosure.pk, disclosure.version, number)


@require_safe
@condition(etag_func=_table_etag)
def table_csv(request, year: int, unit_code: str, number: int, version: int | None = None):
    """One of the 12 tables as CSV (amounts in 万元 as printed), from the version's frozen data."""
    reports = reports_for(request, year, unit_code, version)
    tables = exports(reports.disclosure)["tables"]
    if number not in tables:
        raise Http404
    response = HttpResponse(tables[number], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table_file_name(reports.disclosure, number)}"'
    return public_response(response, immutable=version is not None, cors=True)


def _department_stored(request, year: int, code: str, kind: str, file_format: str):
    def find():
        return published_file_or_404(published_department_document_or_404(year, code, kind), file_format)

    return per_request(request, ("department_file", year, code, kind, file_format), find)


def _department_file_etag(request, year: int, code: str, kind: str, file_format: str) -> str:
    return _department_stored(request, year, code, kind, file_format).sha256


@require_safe
@condition(etag_func=_department_file_etag)
def department_file(request, year: int, code: str, kind: str, file_format: str):
    """A department's published document as rendered at publication; its SHA-256 is its ETag."""
    stored = _department_stored(request, year, code, kind, file_format)
    try:
        response = published_file_response(stored)
    except FileUnavailable:
        return file_unavailable_response(request, stored)
    return public_response(response, cors=True)
