"""Published content is rendered once: cached by what it shows, revalidated by ETag.

Cache keys carry the fingerprint of the content (a disclosure's id and version, or a year's
publications), so nothing is ever invalidated by hand: a new publication simply makes a new key.
Public pages carry no per-user content, so one rendering serves every reader.
"""

import hashlib
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from budgetportal.middleware import PRIVATE_PREFIXES
from disclosures.workflow.integrity import AVAILABILITY_KEY

CACHE_SECONDS = 60 * 60 * 24 * 7
# Whole answered pages, looked up before any database query: keyed by the address and the site's generation,
# which every save of a disclosure, published file, unit or department renews (public.receivers). A bulk
# QuerySet.update sends no signal, so an entry lives only this long.
PAGE_SECONDS = 60
GENERATION_KEY = "public:generation"
BROWSER_SECONDS = 300  # then the browser revalidates with If-None-Match and usually gets a 304


def cached(key: str, build: Callable[[], object], timeout: int = CACHE_SECONDS):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def per_request(request: HttpRequest, key: tuple, compute: Callable[[], object]):
    """Compute once per request: the ETag function and the view need the same lookup."""
    memo = request.__dict__.setdefault("_public_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def public_response(response: HttpResponse, *, immutable: bool = False, cors: bool = False) -> HttpResponse:
    if immutable:
        patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    if cors:
        response["Access-Control-Allow-Origin"] = "*"
    return response


# Each process remembers the generation this long, and keeps its own copy of the pages it answered, so that
# a hit costs no round trip to Redis either; another process's change reaches it within this time.
LOCAL_SECONDS = 1.0
_remembered: dict[str, tuple[float, str]] = {}


def new_generation(**_signal) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    _remembered.clear()


def _generation() -> str:
    """The site's generation, the published files' availability stamp and today (one cache round trip a second).

    Today is in it because a report's state (e.g. overdue) changes with the date alone.
    """
    now = time.monotonic()
    remembered = _remembered.get("generation")
    if remembered and now - remembered[0] < LOCAL_SECONDS:
        return remembered[1]
    found = cache.get_many([GENERATION_KEY, AVAILABILITY_KEY])
    if GENERATION_KEY not in found:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY, "")
    generation = f"{found[GENERATION_KEY]}:{found.get(AVAILABILITY_KEY, '')}:{timezone.localdate().isoformat()}"
    _remembered["generation"] = (now, generation)
    return generation


def _page_key(request: HttpRequest) -> str:
    """(address, generation and today): a new publication or a new day makes a new key."""
    address = request.get_full_path().encode("utf-8", "surrogateescape")
    return f"public:page:{hashlib.sha256(address).hexdigest()[:32]}:{_generation()}"


def _kept_page(key: str) -> HttpResponse | None:
    """The page kept under ``key`` (a fresh copy of it): this process's, else the shared cache's (then kept here)."""
    page = caches["local"].get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            caches["local"].set(key, page, PAGE_SECONDS)
    return page


def _keep_page(key: str, response: HttpResponse) -> None:
    """Keep the body and headers only (a pickled response comes back with its headers as they were checked),
    and the body compressed once, for every reader whose browser accepts gzip."""
    page = HttpResponse(response.content, headers=dict(response.items()))
    page.gzipped = compress_string(response.content)
    cache.set(key, page, PAGE_SECONDS)
    caches["local"].set(key, page, PAGE_SECONDS)


# Headers that describe a 200's body: a 304 has none (Django's HttpResponseNotModified drops the type, and
# CommonMiddleware counts its empty body).
BODY_HEADERS = ("Content-Type", "Content-Length", "Content-Encoding")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # GZipMiddleware's test
CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


def _send_gzipped(page: HttpResponse) -> None:
    """As GZipMiddleware would answer: the compressed bytes, and a weak ETag (the bytes differ, the page not)."""
    page.content = page.gzipped
    page["Content-Length"] = str(len(page.gzipped))
    page["Content-Encoding"] = "gzip"
    if page.get("ETag", "").startswith('"'):
        page["ETag"] = "W/" + page["ETag"]


def _replayed(request: HttpRequest, page: HttpResponse) -> HttpResponse:
    """The kept page with every header it was answered with, or a 304 with the same headers but the body's."""
    page.public_page = True
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        _send_gzipped(page)
    if not any(condition in request.META for condition in CONDITIONS):
        return page
    last_modified = page.get("Last-Modified")
    modified = parse_http_date_safe(last_modified) if last_modified else None
    conditional = get_conditional_response(request, page.get("ETag"), modified)
    if conditional is None:
        return page
    if conditional.status_code != 304:  # a failed If-Match: 412
        return conditional
    # The kept page turned into the 304 (its headers need no second check).
    page.status_code, page.content = 304, b""
    for header in BODY_HEADERS:
        page.headers.pop(header, None)
    page["Content-Length"] = "0"
    return page


# Set on a request CachedPublicPages has already looked up and not found: the view need not look again.
LOOKED_UP = "public_page_looked_up"


def served_from_cache(view):
    """Answer a public page from the cache without touching the database when it was answered recently.

    The page is kept by CachedPublicPages with the headers the whole middleware chain gave it (a request
    with a session never stores one); a hit answers 200 or, when the ETag matches, 304. A miss runs
    ``view`` (its own ETag and cache as before) and marks its 200 answer as a page that never varies per
    user, to be kept.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not getattr(request, LOOKED_UP, False):
            page = _kept_page(_page_key(request))
            if page is not None:
                return _replayed(request, page)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response.public_page = True
            patch_vary_headers(response, ("Accept-Encoding",))  # once kept, it is sent compressed when accepted
        return response

    return wrapper


def _anonymous_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(PRIVATE_PREFIXES)
    )


class CachedPublicPages:
    """A reader without a session gets a public page answered recently straight from the cache, as WhiteNoise
    serves a static file: sessions, authentication, CSRF, locale, CSP and the rest of the chain do not run.

    Only pages marked by ``served_from_cache`` (which never vary per user) are kept, with the headers the
    whole chain gave them (the policy, Vary, framing, …); what SecurityMiddleware adds (nosniff, referrer
    policy, HSTS when secure) it still adds, since it sits outside. An answer that sets a cookie or varies by
    cookie is never kept, and a request with a session cookie always takes the normal path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _anonymous_read(request):
            return self.get_response(request)
        request.get_host()  # as CommonMiddleware would: a host outside ALLOWED_HOSTS gets a 400
        key = _page_key(request)
        page = _kept_page(key)
        if page is not None:
            return _replayed(request, page)
        setattr(request, LOOKED_UP, True)
        response = self.get_response(request)
        if (
            getattr(response, "public_page", False)
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
        ):
            _keep_page(key, response)
        return response
