"""The read-only JSON API: published reports, listed and one by one in budget-disclosure/1."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from disclosures.models import Disclosure
from public import params
from public.caching import public_response
from public.final import published_final
from public.opendata import exports
from public.queries import fingerprint, published
from public.views.lookup import reports_for

PAGE_SIZE = 50
FILTERS = {"year": "year", "department": "unit__department__code", "unit": "unit__code"}


def _json(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return public_response(response, cors=True)


def _entry(request, disclosure: Disclosure) -> dict:
    unit = disclosure.unit
    kwargs = {"year": disclosure.year, "unit_code": unit.code}
    files = {
        stored.format: {
            "url": request.build_absolute_uri(reverse("public:file", kwargs={**kwargs, "file_format": stored.format})),
            "sha256": stored.sha256,
            "size": stored.size,
        }
        for stored in disclosure.published_files.all()
    }
    return {
        "year": disclosure.year,
        "kind": disclosure.kind,
        "version": disclosure.version,
        "published_at": disclosure.published_at.isoformat() if disclosure.published_at else None,
        "correction_note": disclosure.correction_note,
        "department": {"code": unit.department.code, "name": unit.department.name},
        "unit": {"code": unit.code, "name": unit.name, "type": unit.type},
        "links": {
            "self": request.build_absolute_uri(reverse("public:api_detail", kwargs=kwargs)),
            "html": request.build_absolute_uri(reverse("public:report", kwargs=kwargs)),
            "files": files,
        },
    }


@require_safe
def disclosure_list(request):
    """Published reports (current versions), newest year first, filtered by year, department and unit."""
    reports = published().order_by("-year", "unit__code").prefetch_related("published_files")
    for parameter, lookup in FILTERS.items():
        value = request.GET.get(parameter, "").strip()
        if not value:
            continue
        if parameter == "year" and params.year(value) is None:
            return _json({"error": _("参数 year 应为四位年份，例如 2025。")}, status=400)
        reports = reports.filter(**{lookup: value})
    page_text = request.GET.get("page", "1")
    page_number = params.whole_number(page_text)
    if not page_number:
        return _json({"error": _("参数 page 应为正整数。")}, status=400)
    paginator = Paginator(reports, PAGE_SIZE)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _json({"error": _("没有第%(page)s页。") % {"page": page_text}}, status=404)

    def link(number: int) -> str:
        query = {key: request.GET[key] for key in FILTERS if request.GET.get(key)} | {"page": number}
        return request.build_absolute_uri(f"{reverse('public:api_list')}?{urlencode(query)}")

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_size": PAGE_SIZE,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [_entry(request, disclosure) for disclosure in page.object_list],
        }
    )


def _detail_etag(request, year: int, unit_code: str, version: int | None = None) -> str:
    disclosure = reports_for(request, year, unit_code, version).disclosure
    return fingerprint("json", disclosure.pk, disclosure.version)


@require_safe
@condition(etag_func=_detail_etag)
def disclosure_detail(request, year: int, unit_code: str, version: int | None = None):
    """One published version as a budget-disclosure/1 document."""
    disclosure = reports_for(request, year, unit_code, version).disclosure
    response = HttpResponse(exports(disclosure)["json"], content_type="application/json; charset=utf-8")
    return public_response(response, immutable=version is not None, cors=True)


@require_safe
def final_detail(request, year: int, unit_code: str):
    """A unit's published 决算 of the year as a budget-disclosure/1 document (``"kind": "final"``)."""
    final = published_final(year, unit_code)
    if final is None:
        raise Http404
    response = HttpResponse(exports(final)["json"], content_type="application/json; charset=utf-8")
    return public_response(response, cors=True)
