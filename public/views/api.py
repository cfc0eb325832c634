"""The read-only JSON API: published reports (budgets and 决算), listed and one by one in budget-disclosure/1."""

from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from disclosures.choices import Kind
from disclosures.models import Disclosure
from public import params
from public.caching import public_response
from public.department_documents import published_department_document_or_404
from public.final import published_final
from public.opendata import exports
from public.queries import OPEN_DATA_KINDS, fingerprint, published
from public.views.lookup import reports_for

PAGE_SIZE = 50
MAX_CURSOR_CODE = 20  # units.Unit.code
FILTERS = {"year": "year", "department": "unit__department__code", "unit": "unit__code", "kind": "kind"}
# Where a kind's report is read: a budget's page, files and versions; a 决算's page and JSON.
HTML_VIEWS = {Kind.BUDGET: "public:report", Kind.FINAL: "public:final_report"}
JSON_VIEWS = {Kind.BUDGET: "public:api_detail", Kind.FINAL: "public:api_final"}


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
            # False once a check found the stored file missing or altered: its address answers 503 until restored.
            "available": stored.unavailable_since is None,
        }
        for stored in disclosure.published_files.all()
    }
    if disclosure.kind != Kind.BUDGET:
        files = {}  # a 决算's stored files have no download address yet: it is read on its page and as JSON
    return {
        "year": disclosure.year,
        "kind": disclosure.kind,
        "version": disclosure.version,
        "published_at": disclosure.published_at.isoformat() if disclosure.published_at else None,
        "correction_note": disclosure.correction_note,
        "department": {"code": unit.department.code, "name": unit.department.name},
        "unit": {"code": unit.code, "name": unit.name, "type": unit.type},
        "links": {
            "self": request.build_absolute_uri(reverse(JSON_VIEWS[disclosure.kind], kwargs=kwargs)),
            "html": request.build_absolute_uri(reverse(HTML_VIEWS[disclosure.kind], kwargs=kwargs)),
            "files": files,
        },
    }


def _cursor(text: str) -> Q | None:
    """``after=2025/309002/budget``: the reports after that one in the list's order (newest year, then unit
    code, then kind: a unit's budget before its 决算). Without the kind, after every report of that unit."""
    year_text, _slash, rest = text.partition("/")
    unit_code, _slash, kind = rest.partition("/")
    year = params.year(year_text)
    if year is None or not unit_code or len(unit_code) > MAX_CURSOR_CODE or (kind and kind not in OPEN_DATA_KINDS):
        return None
    after = Q(year__lt=year) | Q(year=year, unit__code__gt=unit_code)
    return after | Q(year=year, unit__code=unit_code, kind__gt=kind) if kind else after


@require_safe
def disclosure_list(request):
    """Published reports (current versions of budgets and 决算, each with its ``kind``), newest year first,
    filtered by year, department, unit and kind.

    Paged by keyset: ``next`` carries ``after=<year>/<unit code>/<kind>`` of the page's last report, so that
    any page costs the same as the first (an offset would read every report before it).
    """
    reports = published(OPEN_DATA_KINDS).order_by("-year", "unit__code", "kind").select_related("unit__department")
    for parameter, lookup in FILTERS.items():
        value = request.GET.get(parameter, "").strip()
        if not value:
            continue
        if parameter == "year" and params.year(value) is None:
            return _json({"error": _("参数 year 应为四位年份，例如 2025。")}, status=400)
        if parameter == "kind" and value not in OPEN_DATA_KINDS:
            return _json({"error": _("参数 kind 应为 budget（预算）或 final（决算）。")}, status=400)
        reports = reports.filter(**{lookup: value})
    if "page" in request.GET:
        return _json({"error": _("参数 page 已不再使用：请跟随结果中的 next 链接翻页（参数 after）。")}, status=400)
    count = reports.count()
    after = request.GET.get("after", "")
    if after:
        cursor = _cursor(after)
        if cursor is None:
            return _json({"error": _("参数 after 应为“年份/单位代码/类型”，例如 2025/309002/budget。")}, status=400)
        reports = reports.filter(cursor)
    page = list(reports.prefetch_related("published_files")[: PAGE_SIZE + 1])
    more, page = len(page) > PAGE_SIZE, page[:PAGE_SIZE]

    def link(last: Disclosure) -> str:
        query = {key: request.GET[key] for key in FILTERS if request.GET.get(key)}
        query["after"] = f"{last.year}/{last.unit.code}/{last.kind}"
        return request.build_absolute_uri(f"{reverse('public:api_list')}?{urlencode(query)}")

    return _json(
        {
            "count": count,
            "page_size": PAGE_SIZE,
            "next": link(page[-1]) if more else None,
            "results": [_entry(request, disclosure) for disclosure in page],
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


def _department_etag(request, year: int, code: str, kind: str) -> str:
    document = published_department_document_or_404(year, code, kind)
    return fingerprint("department-json", document.pk, document.version)


@require_safe
@condition(etag_func=_department_etag)
def department_detail(request, year: int, code: str, kind: str):
    """A department's current published document as budget-disclosure/1 (level department, its units listed)."""
    document = published_department_document_or_404(year, code, kind)
    response = HttpResponse(exports(document)["json"], content_type="application/json; charset=utf-8")
    return public_response(response, cors=True)


@require_safe
def final_detail(request, year: int, unit_code: str):
    """A unit's published 决算 of the year as a budget-disclosure/1 document (``"kind": "final"``)."""
    final = published_final(year, unit_code)
    if final is None:
        raise Http404
    response = HttpResponse(exports(final)["json"], content_type="application/json; charset=utf-8")
    return public_response(response, cors=True)
