"""What the public site does when the workflow publishes a version."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from disclosures.models import Disclosure, PublishedFile
from disclosures.workflow.signals import disclosure_published
from public.caching import new_generation
from public.tasks import queue_year_downloads
from units.models import Department, Unit


@receiver(disclosure_published)
def rebuild_year_downloads(sender, disclosure, **kwargs):
    # Each publication changes the year's fingerprint: rebuild in the background, not on a reader's request.
    queue_year_downloads(disclosure.year)


# Whatever a public page shows changes with one of these: the pages answered from the cache are renewed.
for model in (Disclosure, PublishedFile, Unit, Department):
    post_save.connect(new_generation, sender=model, dispatch_uid=f"public-generation-save-{model.__name__}")
    post_delete.connect(new_generation, sender=model, dispatch_uid=f"public-generation-delete-{model.__name__}")
# A migration or a flush (a restore starts with one) changes what the database holds without a save.
post_migrate.connect(new_generation, dispatch_uid="public-generation-migrate")
