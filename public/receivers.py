"""What the public site does when the workflow publishes a version."""

from django.dispatch import receiver

from disclosures.workflow.signals import disclosure_published
from public.tasks import build_year_downloads


@receiver(disclosure_published)
def rebuild_year_downloads(sender, disclosure, **kwargs):
    # Each publication changes the year's fingerprint: rebuild in the background, not on a reader's request.
    build_year_downloads.delay(disclosure.year)
