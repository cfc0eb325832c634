"""Login throttling (django-axes) on the portal's and the admin's login pages, as 等保 三级 asks."""

import pytest
from axes.models import AccessAttempt

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from units.models import User

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def log_in(client, page, username, password):
    return client.post(page, {"username": username, "password": password})


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, administrator, settings, page):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, page, "root", "wrong").status_code == 200
    locked = log_in(client, page, "root", "wrong")
    assert locked.status_code == 429
    assert "连续5次登录失败" in locked.content.decode() and "30分钟后再试" in locked.content.decode()
    refused = log_in(client, page, "root", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_both_pages_count_together(client, administrator):
    for page in LOGIN_PAGES * 2:
        log_in(client, page, "root", "wrong")
    assert log_in(client, "/admin/login/", "root", "wrong").status_code == 429


def test_a_lockout_is_per_username(client, administrator, accountant, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "/accounts/login/", "root", "wrong")
    assert log_in(client, "/accounts/login/", "alice", PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(client, accountant, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "/accounts/login/", "alice", "wrong")
    assert log_in(client, "/accounts/login/", "alice", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="alice", failures_since_start__gt=0).exists()


def test_an_administrator_unlocks_a_user_in_the_admin(client, administrator, accountant, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "/accounts/login/", "alice", "wrong")
    assert log_in(client, "/accounts/login/", "alice", PASSWORD).status_code == 429
    client.force_login(administrator)
    response = client.post(
        "/admin/units/user/", {"action": "unlock_login", "_selected_action": [accountant.pk]}, follow=True
    )
    assert "已解除1个账号的登录锁定" in response.content.decode()
    client.logout()
    assert log_in(client, "/accounts/login/", "alice", PASSWORD).status_code == 302
