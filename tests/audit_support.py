"""Shared by the audit tests: the seed texts kept under tests/fixtures and the portal's own PDF of seed 002."""

from pathlib import Path

from django.db import transaction

from audits.audit import AuditResult, audit_file
from catalogs.services import load_starter_catalogs
from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.rendering.document import document_context
from disclosures.rendering.export import pdf_from_html, render_standalone
from disclosures.services import import_disclosure
from tests.conftest import SEED_002

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "audits"


def audit_fixture(name: str, **options) -> AuditResult:
    path = FIXTURES / name
    return audit_file(path.name, path.read_bytes(), **options)


def seed_html(blocker, fixture: Path = SEED_002) -> str:
    """A seed (002 unless told) as the portal publishes it (not marked 草稿), as one HTML page; the import is
    rolled back."""
    with blocker.unblock(), transaction.atomic():
        load_starter_catalogs()
        disclosure = import_disclosure(data=parse(fixture.read_bytes()))
        disclosure = Disclosure.objects.select_related("unit__department").get(pk=disclosure.pk)
        html = render_standalone(document_context(disclosure, draft=False))
        transaction.set_rollback(True)
    return html


def replace_after(html: str, anchor: str, old: str, new: str) -> str:
    """Replace the first ``old`` after ``anchor`` (a table's id, a sentence) — the place of an injected error."""
    start = html.index(anchor)
    position = html.index(old, start)
    return html[:position] + new + html[position + len(old) :]


def pdf_of(html: str) -> bytes:
    return pdf_from_html(html)
