"""Helpers for the public site's tests: make a disclosure published the way the public sees it.

The real publication path (rendering and storing the files) belongs to the workflow; these tests only
need its result: status and publication time set, and PublishedFile rows with small stored content.
"""

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from disclosures.choices import Status
from disclosures.interchange import export_bytes
from disclosures.models import Disclosure, PublishedFile

PDF_BYTES = b"%PDF-1.4\n% public site test\n%%EOF\n"
XLSX_BYTES = b"PK\x03\x04 small workbook stand-in"


def store_file(disclosure: Disclosure, file_format: str, content: bytes) -> PublishedFile:
    return PublishedFile.objects.create(
        disclosure=disclosure,
        format=file_format,
        file=ContentFile(content, name=f"{disclosure.unit.code}-{disclosure.year}.{file_format}"),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )


def publish(disclosure: Disclosure, when: datetime | None = None, *, note: str = "") -> Disclosure:
    """Mark ``disclosure`` published (superseding the unit's earlier published version) and store its files."""
    when = when or timezone.now()
    Disclosure.objects.filter(
        unit=disclosure.unit, year=disclosure.year, kind=disclosure.kind, status=Status.PUBLISHED
    ).exclude(pk=disclosure.pk).update(status=Status.SUPERSEDED)
    disclosure.status = Status.PUBLISHED
    disclosure.published_at = when
    disclosure.correction_note = note
    disclosure.save()
    store_file(disclosure, "pdf", PDF_BYTES)
    store_file(disclosure, "xlsx", XLSX_BYTES)
    store_file(disclosure, "json", export_bytes(disclosure))
    return disclosure
