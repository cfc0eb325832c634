"""The published report a URL names, looked up once per request (the ETag function and the view share it)."""

from public.caching import per_request
from public.queries import UnitReports, unit_reports


def reports_for(request, year: int, unit_code: str, version: int | None = None) -> UnitReports:
    return per_request(request, ("reports", year, unit_code, version), lambda: unit_reports(year, unit_code, version))
