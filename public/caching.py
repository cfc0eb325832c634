"""Published content is rendered once: cached by what it shows, revalidated by ETag.

Cache keys carry the fingerprint of the content (a disclosure's id and version, or a year's
publications), so nothing is ever invalidated by hand: a new publication simply makes a new key.
Public pages carry no per-user content, so one rendering serves every reader.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

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
    """The site's generation and the published files' availability stamp (one cache round trip a second)."""
    now = time.monotonic()
    remembered = _remembered.get("generation")
    if remembered and now - remembered[0] < LOCAL_SECONDS:
        return remembered[1]
    found = cache.get_many([GENERATION_KEY, AVAILABILITY_KEY])
    if GENERATION_KEY not in found:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY, "")
    generation = f"{found[GENERATION_KEY]}:{found.get(AVAILABILITY_KEY, '')}"
    _remembered["generation"] = (now, generation)
    return generation


def served_from_cache(view):
    """Answer a public page from the cache without touching the database when it was answered recently.

    A page's ETag and body are kept for PAGE_SECONDS under (address, generation, today); a hit answers 200
    or, when the ETag matches, 304. A miss runs ``view`` (its own ETag and cache as before) and keeps a
    200 answer.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        address = request.get_full_path().encode("utf-8", "surrogateescape")
        key = "public:page:" + hashlib.sha256(address).hexdigest()[:32]
        key += f":{_generation()}:{timezone.localdate().isoformat()}"
        hit = caches["local"].get(key)
        if hit is None:
            hit = cache.get(key)
            if hit is not None:
                caches["local"].set(key, hit, PAGE_SECONDS)
        if hit is not None:
            etag, last_modified, content_type, body = hit
            response = HttpResponse(body, content_type=content_type)
            for header, value in (("ETag", etag), ("Last-Modified", last_modified)):
                if value:
                    response[header] = value
            modified = parse_http_date_safe(last_modified) if last_modified else None
            return public_response(get_conditional_response(request, etag, modified, response))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            kept = (response.get("ETag"), response.get("Last-Modified"), response["Content-Type"], response.content)
            cache.set(key, kept, PAGE_SECONDS)
            caches["local"].set(key, kept, PAGE_SECONDS)
        return response

    return wrapper
