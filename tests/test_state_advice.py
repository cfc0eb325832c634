"""A returned disclosure says why, by whom and when; a disclosure that cannot be edited says what can be done."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format

from disclosures.workflow.services import fire
from tests.test_public_support import publish

OVERVIEW = "/workspace/units/309002/2025/"


@pytest.fixture
def submitted(seed_disclosure, accountant):
    return fire("submit", disclosure=seed_disclosure, user=accountant, acknowledge_warnings=True).disclosure


def test_a_returned_disclosure_shows_the_reason_the_reviewer_and_the_time(accountant_client, submitted, reviewer):
    reviewer.last_name = "审核员丙"
    reviewer.save()
    returned = fire("return", disclosure=submitted, user=reviewer, comment="表3的用途写得太简略。").disclosure
    event = returned.events.get(transition="return")

    for page in ("", "tables/3/", "explanations/"):
        body = accountant_client.get(OVERVIEW + page).content.decode()
        banner = body.split('class="alert alert-warning workflow-returned"')[1].split("</div>")[0]
        when = date_format(timezone.localtime(event.created_at), "Y-m-d H:i")
        assert f"审核员丙于{when}退回修改" in banner and "表3的用途写得太简略。" in banner
    assert "不必先点此按钮" in accountant_client.get(OVERVIEW).content.decode(), "继续修改 is explained"


def test_a_submitted_disclosure_advises_withdrawing(accountant_client, submitted):
    body = accountant_client.get(OVERVIEW).content.decode()
    assert "撤回提交后修改" in body and "等待审核人员退回" not in body


def test_a_published_disclosure_advises_a_correction(accountant_client, submitted, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    publish(fire("approve", disclosure=submitted, user=reviewer).disclosure)
    for page in ("", "excel/", "explanations/"):
        body = accountant_client.get(OVERVIEW + page).content.decode()
        assert "如需更正，请在“概览与检查”页发起更正" in body and "等待审核人员退回" not in body, page
