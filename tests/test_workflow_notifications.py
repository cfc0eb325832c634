"""E-mail at each notification point: reviewers on submission, accountants on return and approval, both on
publication; nothing is sent when the transition is refused or rolled back."""

import pytest

from disclosures.choices import Status
from disclosures.workflow.services import TransitionRefused, fire
from tests.factories import UserFactory
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from tests.test_workflow_fixtures import FakeFinding, set_status
from units.models import User


@pytest.fixture
def people(accountant, reviewer, other_accountant):
    for user, email in [(accountant, "alice@unit.example.cn"), (reviewer, "charlie@czj.example.cn")]:
        user.email = email
        user.save()
    other_accountant.email = "bob@other.example.cn"
    other_accountant.save()
    UserFactory(username="inactive", role=User.Role.REVIEWER, email="gone@czj.example.cn", is_active=False)
    return accountant, reviewer


def fire_and_commit(django_capture_on_commit_callbacks, name, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return fire(name, **kwargs)


def test_submission_tells_the_reviewers(findings, people, draft, mailoutbox, django_capture_on_commit_callbacks):
    accountant, _reviewer = people
    fire_and_commit(django_capture_on_commit_callbacks, "submit", disclosure=draft, user=accountant, comment="请审核")
    assert [message.to for message in mailoutbox] == [["charlie@czj.example.cn"]]
    message = mailoutbox[0]
    assert message.subject == "【待审核】柳州市信息化建设管理中心2025年单位预算公开已提交"
    assert "alice" in message.body and "请审核" in message.body
    assert "http://127.0.0.1:8000/workspace/units/309002/2025/" in message.body


def test_return_tells_the_units_accountants(people, draft, mailoutbox, django_capture_on_commit_callbacks):
    _accountant, reviewer = people
    submitted = set_status(draft, Status.SUBMITTED)
    fire_and_commit(
        django_capture_on_commit_callbacks, "return", disclosure=submitted, user=reviewer, comment="表3科目有误。"
    )
    assert [message.to for message in mailoutbox] == [["alice@unit.example.cn"]]
    assert "【已退回】" in mailoutbox[0].subject and "表3科目有误。" in mailoutbox[0].body


def test_approval_tells_the_units_accountants(people, draft, mailoutbox, django_capture_on_commit_callbacks):
    _accountant, reviewer = people
    fire_and_commit(
        django_capture_on_commit_callbacks, "approve", disclosure=set_status(draft, Status.SUBMITTED), user=reviewer
    )
    assert [message.to for message in mailoutbox] == [["alice@unit.example.cn"]]
    assert "【审核通过】" in mailoutbox[0].subject


def test_publication_tells_both(
    fake_exporters, people, publisher, draft, mailoutbox, django_capture_on_commit_callbacks
):
    fire_and_commit(
        django_capture_on_commit_callbacks, "publish", disclosure=set_status(draft, Status.APPROVED), user=publisher
    )
    assert sorted(message.to[0] for message in mailoutbox) == ["alice@unit.example.cn", "charlie@czj.example.cn"]
    assert all("【已公开】" in message.subject and "公开时间" in message.body for message in mailoutbox)


def test_no_mail_for_a_refused_transition(findings, people, draft, mailoutbox, django_capture_on_commit_callbacks):
    accountant, _reviewer = people
    findings.append(FakeFinding("error", "表1不平衡。"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        fire("submit", disclosure=draft, user=accountant)
    assert mailoutbox == []


def test_no_mail_for_withdrawal(people, draft, mailoutbox, django_capture_on_commit_callbacks):
    accountant, _reviewer = people
    fire_and_commit(
        django_capture_on_commit_callbacks, "withdraw", disclosure=set_status(draft, Status.SUBMITTED), user=accountant
    )
    assert mailoutbox == []
