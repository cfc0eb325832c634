"""Background jobs of the public site."""

from celery import shared_task
from django.core.files.storage import default_storage

from public.opendata import year_archive
from public.queries import year_fingerprint


@shared_task
def build_year_downloads(year: int) -> int:
    """Build the year's zip (into storage) and Fiscal Data Package (into the cache) before the first reader
    asks; returns the zip's size."""
    digest, latest = year_fingerprint(year)
    if latest is None:
        return 0
    return default_storage.size(year_archive(year, digest))
