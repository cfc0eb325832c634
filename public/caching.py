"""Published content is rendered once: cached by what it shows, revalidated by ETag.

Cache keys carry the fingerprint of the content (a disclosure's id and version, or a year's
publications), so nothing is ever invalidated by hand: a new publication simply makes a new key.
Public pages carry no per-user content, so one rendering serves every reader.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

CACHE_SECONDS = 60 * 60 * 24 * 7
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
