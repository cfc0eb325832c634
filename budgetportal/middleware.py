"""Guards every request passes: no NUL in the URL, and workspace pages never kept by a cache."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# The signed-in part of the portal: the workspace, the login pages and the admin.
PRIVATE_PREFIXES = ("/workspace/", "/accounts/", "/admin/")


class RefuseNulCharacters:
    """A NUL in the path or the query string is refused with 400 before any view reads it.

    PostgreSQL cannot hold or compare a NUL, so a lookup by such a unit code or search term would
    fail with a server error there (SQLite would silently find nothing).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in "".join([key, *values]) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(
                _("请求的地址中含有空字符（NUL），无法处理。"), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class PrivateWorkspacePages:
    """Workspace pages show one user's unpublished data: no shared or browser cache may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            patch_cache_control(response, private=True, no_store=True)
        return response


class FriendlyNotFoundInDebug:
    """With DEBUG on (the demo's default) Django answers a missing page with its technical 404, which lists
    the URL patterns: nobody browsing the portal should meet it, so it is replaced by the portal's own page.

    (With DEBUG off Django uses handler404, the same page.) Non-HTML answers, such as the API's JSON
    errors, are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "portal_error_page", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from budgetportal.views import page_not_found

            return page_not_found(request)
        return response
