"""Shared personas and data: an accountant of unit A, one of unit B, a reviewer, a citizen."""

import pytest

from catalogs.services import load_starter_catalogs
from tests.factories import DepartmentFactory, UnitFactory, UserFactory
from units.models import Unit, User

PASSWORD = "correct-horse-battery"


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
