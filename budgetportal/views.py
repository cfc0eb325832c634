"""Pages the project answers itself, whatever app the request was for: rate limit and error pages.

Each error page is in the layout of the part of the site the visitor was in: the workspace's
(templates/base.html) under the private prefixes, the citizen's site's (templates/public/base.html)
everywhere else.
"""

import logging

from django.http import HttpResponse
from django.shortcuts import render

from budgetportal.middleware import PRIVATE_PREFIXES

logger = logging.getLogger(__name__)


def _error_page(request, template: str, status: int, reason: str = "") -> HttpResponse:
    layout = "base.html" if request.path.startswith(PRIVATE_PREFIXES) else "public/base.html"
    response = render(request, template, {"layout": layout, "reason": reason}, status=status)
    # FriendlyNotFoundInDebug leaves the portal's own pages alone.
    response.portal_error_page = True
    return response


def rate_limited(request, exception):
    """django-ratelimit's answer to a user over the rendering limit (settings.RENDER_RATE_LIMIT)."""
    return _error_page(request, "429.html", 429)


def bad_request(request, exception):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception):
    # The views word their refusals for the person (e.g. "只有财政审核人员可以使用审核工作台。").
    return _error_page(request, "403.html", 403, reason=str(exception or ""))


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    try:
        return _error_page(request, "500.html", 500)
    except Exception:
        # The layout itself failed (e.g. the database is down): a page that needs nothing.
        logger.exception("The 500 page could not be rendered in the site's layout")
        return HttpResponse(
            "<!doctype html><html lang='zh-Hans'><meta charset='utf-8'><title>服务器错误</title>"
            "<h1>服务器出错了</h1><p>请稍后再试；问题持续时请联系系统管理员。</p><p><a href='/'>返回首页</a></p>",
            status=500,
        )


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the form's security token was missing or stale (e.g. a page left open)."""
    return _error_page(request, "403_csrf.html", 403)
