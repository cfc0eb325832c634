"""Small slips a new user met: a missing favicon on every page, units counted as 项."""

import pytest
from django.core.cache import cache

from tests.test_public_support import publish

pytestmark = pytest.mark.django_db


def test_every_layout_names_its_icon_so_no_page_asks_for_a_missing_favicon(client, accountant_client):
    for body in (client.get("/").content.decode(), accountant_client.get("/workspace/").content.decode()):
        assert 'rel="icon" href="/static/favicon.svg"' in body


def test_the_department_chart_counts_units_as_units(client, seed_disclosure, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    publish(seed_disclosure)
    body = client.get("/2025/departments/309/").content.decode()
    assert "共1个单位，合计" in body and "共1项，合计" not in body


def test_the_explanations_intro_does_not_say_left_and_right(accountant_client, seed_disclosure):
    body = accountant_client.get("/workspace/units/309002/2025/explanations/").content.decode()
    intro = body.split('<p class="text-body-secondary">', 1)[1].split("</p>", 1)[0]
    assert "左侧" not in intro and "右侧" not in intro and "窄屏时在说明文字下方" in intro
