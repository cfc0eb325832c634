import pytest

from units.models import Unit
from units.permissions import can_view_unit, units_visible_to


def test_login_page_is_chinese_and_login_works(client, accountant):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert "登录" in page.content.decode()
    response = client.post("/accounts/login/", {"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 302
    workspace = client.get(response.url, follow=True)
    assert "柳州市信息化建设管理中心" in workspace.content.decode()


def test_wrong_password_is_refused_in_chinese(client, accountant):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_logout_ends_the_session(accountant_client):
    assert accountant_client.post("/accounts/logout/").status_code == 302
    assert accountant_client.get("/workspace/").status_code == 302


def test_anonymous_is_sent_to_login(client, unit):
    response = client.get(f"/workspace/units/{unit.code}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_accountant_sees_own_unit(accountant_client, unit):
    response = accountant_client.get(f"/workspace/units/{unit.code}/")
    assert response.status_code == 200
    assert unit.name in response.content.decode()


def test_accountant_of_unit_a_gets_404_on_unit_b(accountant_client, other_unit):
    assert accountant_client.get(f"/workspace/units/{other_unit.code}/").status_code == 404
    assert other_unit.name not in accountant_client.get("/workspace/").content.decode()


def test_reviewer_sees_every_unit(reviewer_client, unit, other_unit):
    assert reviewer_client.get(f"/workspace/units/{other_unit.code}/").status_code == 200
    page = reviewer_client.get("/workspace/").content.decode()
    assert unit.name in page and other_unit.name in page


@pytest.mark.django_db
def test_permission_module_both_faces(accountant, other_accountant, reviewer, unit, other_unit):
    assert list(units_visible_to(accountant)) == [unit]
    assert set(units_visible_to(reviewer)) == set(Unit.objects.all())
    assert can_view_unit(accountant, unit) and not can_view_unit(accountant, other_unit)
    assert can_view_unit(other_accountant, other_unit)


def test_workspace_query_count(accountant_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert accountant_client.get("/workspace/").status_code == 200
