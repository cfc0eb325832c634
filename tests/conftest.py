"""Shared personas and data: an accountant of unit A, one of unit B, a reviewer, a citizen."""

import json
from pathlib import Path

import pytest

from budgetportal.celery import app as celery_app
from catalogs.services import load_starter_catalogs
from disclosures.choices import Status
from disclosures.final_accounts import create_from_budget
from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.snapshot import code_book
from tests.factories import DepartmentFactory, UnitFactory, UserFactory
from units.models import Unit, User

pytest_plugins = ["tests.browser_support"]

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def eager_celery():
    """Run background jobs inline, whatever REDIS_URL says (the real worker has its own test)."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def publication_inline(settings):
    """Publish in the request (the embedded default's thread has its own test)."""
    settings.PUBLICATION_IN_THREAD = False


@pytest.fixture(autouse=True)
def generous_render_limit(settings):
    """Tests render far more often than a person; tests of the limit set their own."""
    settings.RENDER_RATE_LIMIT = "10000/m"


@pytest.fixture
def catalogs(db):
    load_starter_catalogs()


@pytest.fixture
def department(db):
    return DepartmentFactory(code="309", name="柳州市大数据发展局")


@pytest.fixture
def unit(department):
    return UnitFactory(
        department=department, code="309002", name="柳州市信息化建设管理中心", type=Unit.Type.CIVIL_SERVICE_MANAGED
    )


@pytest.fixture
def other_unit(db):
    return UnitFactory(department=DepartmentFactory(code="310", name="柳州市其他局"), code="310001", name="其他单位")


@pytest.fixture
def accountant(unit):
    return UserFactory(username="alice", role=User.Role.ACCOUNTANT, member_of=[unit])


@pytest.fixture
def other_accountant(other_unit):
    return UserFactory(username="bob", role=User.Role.ACCOUNTANT, member_of=[other_unit])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="charlie", role=User.Role.REVIEWER)


@pytest.fixture
def accountant_client(client, accountant):
    client.force_login(accountant)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


SEED_002 = Path(__file__).resolve().parent.parent / "disclosures" / "demo" / "seed-002-2025.json"


SEED_002_OVERVIEW = Path(__file__).resolve().parent / "golden" / "seed002_other" / "part1_overview.txt"


def seed_002_duties() -> str:
    """主要职责 as seed 002 published it: the demo's copy leaves it empty, for the demo user to type."""
    overview = SEED_002_OVERVIEW.read_text(encoding="utf-8")
    return overview.split("一、主要职责", 1)[1].split("二、机构设置情况", 1)[0].strip()


@pytest.fixture
def seed_json() -> dict:
    """Seed 002 (柳州市信息化建设管理中心 2025) in the budget-disclosure/1 format, as a dict to modify, with its
    主要职责 as published (an empty one is an error: disclosures.checks.printed)."""
    document = json.loads(SEED_002.read_text(encoding="utf-8"))
    document["overview"]["duties"] = seed_002_duties()
    return document


@pytest.fixture
def seed_data(catalogs, seed_json):
    """Seed 002 parsed into a DisclosureData (amounts in 元), with the layout and jurisdiction the portal gives
    it on import (the fixture names neither), so that it equals what is loaded back."""
    data = parse(json.dumps(seed_json))
    data.layout, data.jurisdiction_code, data.jurisdiction_name = "liuzhou-2025", "liuzhou", "柳州市"
    return data


@pytest.fixture
def book(catalogs):
    """The 2025 catalog as the narrative and checks read it."""
    return code_book(2025)


@pytest.fixture
def seed_disclosure(seed_data, unit):
    """Seed 002 imported as the 2025 draft of the ``unit`` fixture (309002)."""
    return import_disclosure(data=seed_data)


@pytest.fixture
def approved_budget(seed_disclosure):
    """Seed 002's draft, approved: a 决算 of 309002 for 2025 can be started from it."""
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)
    seed_disclosure.refresh_from_db()
    return seed_disclosure


@pytest.fixture
def final(approved_budget, unit):
    """The 2025 决算 draft of 309002, made from its approved budget (年初预算 linked)."""
    return create_from_budget(unit=unit, year=2025)


SECOND_UNIT = Path(__file__).resolve().parent.parent / "disclosures" / "demo" / "department-309001-2025.json"


@pytest.fixture
def second_unit_disclosure(catalogs, department):
    """Department 309's second unit, 309001 柳州市大数据发展局本级: its 2025 draft (every amount twice seed 002's)."""
    return import_disclosure(data=parse(SECOND_UNIT.read_bytes()))


@pytest.fixture
def both_units(seed_disclosure, second_unit_disclosure):
    """Department 309's two units with their 2025 drafts: 309002 (seed 002) and 309001."""
    return seed_disclosure, second_unit_disclosure


@pytest.fixture(autouse=True)
def public_pages_not_remembered_by_the_process(monkeypatch):
    """In production a process trusts its remembered generation for a second; tests change data faster."""
    from django.core.cache import caches

    from public import caching

    monkeypatch.setattr(caching, "LOCAL_SECONDS", 0)
    caches["local"].clear()
