"""Error pages are the portal's own, in Chinese and in the layout of the part of the site the visitor was in."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from budgetportal.views import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [True, False])
def test_a_missing_page_is_the_portals_404_even_with_debug_on(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在（404）" in body
    assert 'class="public-header"' in body, "a visitor of the public site stays in its layout"
    assert "DEBUG = True" not in body and "URLconf" not in body


def test_a_missing_report_with_debug_on_is_the_portals_404(client, settings):
    settings.DEBUG = True
    response = client.get("/2025/999999/")
    assert response.status_code == 404
    assert "页面不存在（404）" in response.content.decode()


def test_the_apis_json_errors_are_left_alone(client, settings):
    settings.DEBUG = True
    response = client.get("/api/disclosures/?page=999")  # paging is by keyset: a JSON 400 with advice
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_a_refusal_in_the_workspace_is_a_chinese_403_in_the_workspace_layout(accountant_client):
    response = accountant_client.get("/workspace/review/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问（403）" in body and "只有财政审核人员可以使用审核工作台。" in body
    assert "退出登录" in body, "the workspace layout shows who is signed in"
    assert "403 Forbidden" not in body


def test_a_stale_form_gets_a_chinese_page_not_djangos_csrf_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期，提交未完成" in body and "您填写的内容没有保存" in body
    assert "CSRF verification failed" not in body


def test_a_server_error_is_a_chinese_500():
    request = RequestFactory().get("/2025/")
    request.user = AnonymousUser()
    response = server_error(request)
    assert response.status_code == 500
    assert "服务器出错了（500）" in response.content.decode()
