"""Background jobs of the public site."""

from celery import shared_task
from django.core.cache import cache
from django.core.files.storage import default_storage

from public.opendata import year_archive
from public.queries import year_fingerprint

# A queued rebuild of a year's downloads not yet started. Should its task be lost (a worker killed), the mark
# lapses after this many seconds and the next publication queues a rebuild again.
PENDING_REBUILD_SECONDS = 15 * 60


def _pending_key(year: int) -> str:
    return f"public:year-downloads-pending:{year}"


def queue_year_downloads(year: int) -> bool:
    """Queue a rebuild of the year's downloads unless one is already waiting to start; returns whether it queued.

    A rebuild reads every published file of the year, and a bulk publication publishes hundreds of versions in a
    few minutes: one rebuild per publication would make the workers' work grow with the square of the batch.
    The rebuild that is waiting will see every publication made before it starts.
    """
    if not cache.add(_pending_key(year), True, timeout=PENDING_REBUILD_SECONDS):
        return False
    build_year_downloads.delay(year)
    return True


@shared_task
def build_year_downloads(year: int) -> int:
    """Build the year's zip (into storage) and Fiscal Data Package (into the cache) before the first reader
    asks; returns the zip's size."""
    # Cleared before the year is read: a publication from now on queues a rebuild of its own.
    cache.delete(_pending_key(year))
    digest, latest = year_fingerprint(year)
    if latest is None:
        return 0
    return default_storage.size(year_archive(year, digest))
