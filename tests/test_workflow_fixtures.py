"""Fixtures and helpers shared by the workflow tests (this module holds no tests of its own)."""

from dataclasses import dataclass

import pytest

from disclosures.choices import Status
from disclosures.models import Disclosure
from disclosures.workflow import findings as workflow_findings
from disclosures.workflow import publication
from tests.factories import UserFactory
from units.models import User


@dataclass(frozen=True)
class FakeFinding:
    severity: str
    message: str
    code: str = "test"
    table: int | None = None
    row: str = ""
    column: str = ""
    field: str = ""


@pytest.fixture
def findings(monkeypatch):
    """The findings the checks report: append FakeFinding objects to it."""
    found: list[FakeFinding] = []
    monkeypatch.setattr(workflow_findings, "current_findings", lambda disclosure: list(found))
    return found


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fake_exporters(monkeypatch, media):
    """Exporters that return small recognisable documents; ``calls`` counts every rendering."""
    calls: list[str] = []

    def exporter(name):
        def export(disclosure):
            calls.append(name)
            return f"{name} {disclosure.unit.code} {disclosure.year} v{disclosure.version} 预算公开".encode()

        return export

    monkeypatch.setattr(publication, "exporter", exporter)
    return calls


@pytest.fixture
def publisher(db):
    return UserFactory(username="dave", role=User.Role.PUBLISHER, email="dave@example.gov.cn")


@pytest.fixture
def administrator(db):
    return UserFactory(username="erin", role=User.Role.ADMINISTRATOR)


@pytest.fixture
def draft(unit):
    return Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2025)


def set_status(disclosure: Disclosure, status: str) -> Disclosure:
    Disclosure.objects.filter(pk=disclosure.pk).update(status=status)
    disclosure.refresh_from_db()
    return disclosure


def approved(disclosure: Disclosure) -> Disclosure:
    return set_status(disclosure, Status.APPROVED)
