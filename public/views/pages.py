"""The citizen's pages: home with the year's directory, search, a report, a department, open data."""

from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from disclosures.workflow.links import LinkPattern
from public import params
from public.caching import cached, per_request, public_response, served_from_cache
from public.departments import department_year
from public.directory import (
    State,
    default_year,
    department_counts,
    directory,
    directory_fingerprint,
    search_units,
    years,
)
from public.final import final_context, published_final
from public.queries import OPEN_DATA_KINDS, fingerprint, published
from public.report import report_context
from public.views.lookup import reports_for

SEARCH_MAX_LENGTH = 50
SEARCH_MAX_UNITS = 200


def _page(html: str) -> HttpResponse:
    return public_response(HttpResponse(html))


def _requested_year(request, choices: list[int]) -> tuple[int, str]:
    """The year of ?year= when the selector offers it; else the default year, with a notice saying so."""
    asked = request.GET.get("year", "").strip()
    requested = params.year(asked)
    if requested in choices:
        return requested, ""
    year = default_year(choices)
    if not asked:
        return year, ""
    notice = _("本网站没有“%(asked)s”年的单位预算，下面显示的是%(year)s年。") % {"asked": asked[:12], "year": year}
    return year, notice


def _directory_etag(request, **kwargs) -> str:
    return per_request(
        request, ("directory",), lambda: fingerprint(directory_fingerprint(), request.GET.urlencode(), kwargs)
    )


def _totals(departments) -> dict[str, int]:
    return {state: sum(d.count(state) for d in departments) for state in State.values}


@require_safe
@served_from_cache
@condition(etag_func=_directory_etag)
def home(request):
    def render() -> str:
        choices = years()
        year, notice = _requested_year(request, choices)
        departments = department_counts(year)
        link = LinkPattern("public:department", year, LinkPattern.PLACEHOLDER)
        return render_to_string(
            "public/home.html",
            {
                "year": year, "years": choices, "year_notice": notice, "totals": _totals(departments),
                "departments": [(line, link.of(line.department.code)) for line in departments],
            },
        )  # fmt: skip

    return _page(cached(f"public:home:{_directory_etag(request)}", render))


@require_safe
@served_from_cache
@condition(etag_func=_directory_etag)
def search(request):
    term = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]

    def render() -> str:
        choices = years()
        year, notice = _requested_year(request, choices)
        departments = directory(year, search_units(term)[:SEARCH_MAX_UNITS]) if term else []
        return render_to_string(
            "public/search.html",
            {
                "year": year,
                "year_notice": notice,
                "years": choices,
                "term": term,
                "departments": departments,
                "unit_count": sum(len(d.units) for d in departments),
                "limit": SEARCH_MAX_UNITS,
            },
        )

    return _page(cached(f"public:search:{_directory_etag(request)}", render))


def _report_etag(request, year: int, unit_code: str, version: int | None = None) -> str:
    return reports_for(request, year, unit_code, version).etag


def _report_modified(request, year: int, unit_code: str, version: int | None = None):
    return reports_for(request, year, unit_code, version).last_modified


@require_safe
@served_from_cache
@condition(etag_func=_report_etag, last_modified_func=_report_modified)
def report(request, year: int, unit_code: str, version: int | None = None):
    reports = reports_for(request, year, unit_code, version)
    disclosure = reports.disclosure
    key = f"public:report:{disclosure.pk}:{disclosure.version}:{reports.etag}"

    def render() -> str:  # with the 决算 of the year beside it, once published (reports.etag knows it)
        return render_to_string("public/report.html", {**report_context(reports), "final": reports.final})

    return _page(cached(key, render))


@require_safe
def final_report(request, year: int, unit_code: str):
    """The unit's published 决算 of the year, with its budget against actual."""
    final = published_final(year, unit_code)
    if final is None:
        raise Http404
    key = f"public:final:{final.pk}:{final.published_at.isoformat() if final.published_at else ''}"
    return _page(cached(key, lambda: render_to_string("public/final_report.html", final_context(final))))


@require_safe
@served_from_cache
@condition(etag_func=_directory_etag)
def department(request, year: int, code: str):
    def render() -> str:
        return render_to_string(
            "public/department.html", {"summary": department_year(year, code), "years": years(), "year": year}
        )

    return _page(cached(f"public:department:{_directory_etag(request, year=year, code=code)}", render))


def _open_data_etag(request) -> str:
    summary = published(OPEN_DATA_KINDS).aggregate(count=Count("id"), latest=Max("published_at"))
    return fingerprint(summary)


@require_safe
@condition(etag_func=_open_data_etag)
def open_data(request):
    by_year = (  # a year with only 决算 published has its downloads too; units counted once
        published(OPEN_DATA_KINDS)
        .order_by("-year")
        .values("year")
        .annotate(count=Count("unit", distinct=True), latest=Max("published_at"))
    )
    return _page(render_to_string("public/open_data.html", {"years": list(by_year)}))
