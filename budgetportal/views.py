"""Pages the project answers itself, whatever app the request was for."""

from django.shortcuts import render


def rate_limited(request, exception):
    """django-ratelimit's answer to a user over the rendering limit (settings.RENDER_RATE_LIMIT)."""
    return render(request, "429.html", status=429)
