"""How often one user may ask for a rendering (a preview, a PDF, a download): each costs up to seconds of a worker.

django-ratelimit counts the requests in the cache (shared by every worker when REDIS_URL is set); a user
over ``settings.RENDER_RATE_LIMIT`` gets the 429 page of ``settings.RATELIMIT_VIEW``. All rendering pages
share one budget per user, so that switching between them does not multiply it.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def render_rate(group: str, request) -> str:
    return settings.RENDER_RATE_LIMIT


rendering_limited = ratelimit(group="rendering", key="user_or_ip", rate=render_rate, block=True)
