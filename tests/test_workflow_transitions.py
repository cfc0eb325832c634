"""Every transition, allowed and refused, per role and state; submission rules; conflicts; the buttons."""

import pytest
from django.urls import reverse

from disclosures.choices import Status
from disclosures.models import Disclosure, PublicationJob, WorkflowEvent
from disclosures.workflow.services import (
    TransitionConflict,
    TransitionRefused,
    WarningsNotAcknowledged,
    available_transitions,
    fire,
)
from disclosures.workflow.transitions import TRANSITIONS
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from tests.test_workflow_fixtures import FakeFinding, set_status

# Who may fire what from which state, written out by hand (not derived from the declaration it tests).
ALLOWED = {
    "submit": {(Status.DRAFT, "accountant"), (Status.RETURNED, "accountant")},
    "withdraw": {(Status.SUBMITTED, "accountant")},
    "resume": {(Status.RETURNED, "accountant")},
    "return": {(Status.SUBMITTED, "reviewer"), (Status.APPROVED, "reviewer")},
    "approve": {(Status.SUBMITTED, "reviewer")},
    "publish": {(Status.APPROVED, "reviewer"), (Status.APPROVED, "publisher")},
    "revise": {(Status.PUBLISHED, "accountant")},
}
PERSONAS = ["accountant", "other_accountant", "reviewer", "publisher", "administrator"]


def test_the_declaration_has_exactly_the_expected_transitions():
    assert {t.name for t in TRANSITIONS} == set(ALLOWED)


@pytest.mark.parametrize("name", sorted(ALLOWED))
@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("persona", PERSONAS)
def test_transition_allowed_or_refused(request, findings, fake_exporters, draft, name, status, persona):
    user = request.getfixturevalue(persona)
    disclosure = set_status(draft, status)
    allowed = (status, persona) in ALLOWED[name]
    assert (name in {t.name for t in available_transitions(disclosure, user)}) is allowed
    arguments = {"comment": "请核对表3。", "correction_note": "更正表3的金额。"}
    if not allowed:
        with pytest.raises(TransitionRefused):
            fire(name, disclosure=disclosure, user=user, **arguments)
        disclosure.refresh_from_db()
        assert disclosure.status == status
        assert not WorkflowEvent.objects.exists() and not PublicationJob.objects.exists()
        assert Disclosure.objects.count() == 1
        return
    outcome = fire(name, disclosure=disclosure, user=user, **arguments)
    if name == "publish":
        assert outcome.job.state == PublicationJob.State.QUEUED and outcome.job.requested_by == user
        return
    target = {t.name: t.target for t in TRANSITIONS}[name]
    assert Disclosure.objects.get(pk=outcome.disclosure.pk).status == target
    event = WorkflowEvent.objects.get()
    assert (event.transition, event.actor, event.to_status) == (name, user, target)
    if name == "revise":
        assert outcome.disclosure.version == 2 and outcome.disclosure.pk != disclosure.pk
        assert Disclosure.objects.get(pk=disclosure.pk).status == Status.PUBLISHED


def test_submission_is_refused_while_an_error_remains(findings, draft, accountant):
    findings.append(FakeFinding("error", "表1：收入总计不等于支出总计。"))
    findings.append(FakeFinding("warning", "表7：公务接待费与表6不一致。"))
    with pytest.raises(TransitionRefused, match="收入总计不等于支出总计"):
        fire("submit", disclosure=draft, user=accountant, acknowledge_warnings=True)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not WorkflowEvent.objects.exists()


def test_warnings_must_be_acknowledged(findings, draft, accountant):
    findings.append(FakeFinding("warning", "表7：公务接待费与表6不一致。"))
    with pytest.raises(WarningsNotAcknowledged) as refused:
        fire("submit", disclosure=draft, user=accountant)
    assert refused.value.warnings[0].message == "表7：公务接待费与表6不一致。"
    assert Disclosure.objects.get(pk=draft.pk).status == Status.DRAFT
    outcome = fire("submit", disclosure=draft, user=accountant, acknowledge_warnings=True)
    assert outcome.disclosure.status == Status.SUBMITTED
    assert (outcome.disclosure.error_count, outcome.disclosure.warning_count) == (0, 1)
    assert "确认1个警告" in WorkflowEvent.objects.get().comment


def test_returning_needs_a_comment(draft, reviewer):
    submitted = set_status(draft, Status.SUBMITTED)
    with pytest.raises(TransitionRefused, match="须填写意见"):
        fire("return", disclosure=submitted, user=reviewer, comment="  ")
    fire("return", disclosure=submitted, user=reviewer, comment="表3项目支出有误。")
    assert WorkflowEvent.objects.get().comment == "表3项目支出有误。"


def test_a_revision_needs_a_correction_note(draft, accountant):
    published = set_status(draft, Status.PUBLISHED)
    with pytest.raises(TransitionRefused, match="更正说明"):
        fire("revise", disclosure=published, user=accountant, correction_note="")


def test_a_transition_based_on_an_old_page_is_refused(findings, draft, accountant, reviewer):
    page_version = draft.lock_version
    fire("submit", disclosure=draft, user=accountant, expected_lock_version=page_version)
    submitted = Disclosure.objects.get(pk=draft.pk)
    assert submitted.lock_version == page_version + 1
    # The accountant withdraws from a page opened before submitting: the reviewer's view is now current.
    with pytest.raises(TransitionConflict, match="刷新页面"):
        fire("withdraw", disclosure=submitted, user=accountant, expected_lock_version=page_version)
    fire("approve", disclosure=submitted, user=reviewer, expected_lock_version=submitted.lock_version)
    assert Disclosure.objects.get(pk=draft.pk).status == Status.APPROVED


def test_nothing_moves_while_publication_runs(fake_exporters, draft, reviewer):
    approved = set_status(draft, Status.APPROVED)
    fire("publish", disclosure=approved, user=reviewer)
    with pytest.raises(TransitionRefused, match="正在生成公开文件"):
        fire("return", disclosure=approved, user=reviewer, comment="再看看。")
    with pytest.raises(TransitionRefused):
        fire("publish", disclosure=approved, user=reviewer)


def transition_url(disclosure, name):
    return reverse("disclosures:transition", args=[disclosure.unit.code, disclosure.year, name])


def test_submit_through_the_page(findings, draft, accountant_client):
    response = accountant_client.post(transition_url(draft, "submit"), {"lock_version": draft.lock_version})
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=draft.pk).status == Status.SUBMITTED
    page = accountant_client.get(response.url, follow=True)
    assert "已提交审核" in page.content.decode()


def test_a_refused_transition_says_why_on_the_page(draft, accountant_client):
    response = accountant_client.post(transition_url(draft, "approve"), {"comment": "好"}, follow=True)
    assert "您没有权限执行“审核通过”" in response.content.decode()
    assert Disclosure.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_stale_page_gets_the_conflict_message(findings, draft, accountant_client):
    response = accountant_client.post(
        transition_url(draft, "submit"), {"lock_version": draft.lock_version + 5}, follow=True
    )
    assert "刷新页面后再操作" in response.content.decode()
    assert Disclosure.objects.get(pk=draft.pk).status == Status.DRAFT


def test_another_units_accountant_gets_404(draft, client, other_accountant):
    client.force_login(other_accountant)
    assert client.post(transition_url(draft, "submit")).status_code == 404
    assert client.get(reverse("disclosures:history", args=[draft.unit.code, draft.year])).status_code == 404


def test_unknown_transition_is_404(draft, accountant_client):
    assert accountant_client.post(transition_url(draft, "delete")).status_code == 404


def test_the_buttons_are_those_the_user_may_press(draft, client, accountant, reviewer):
    history = reverse("disclosures:history", args=[draft.unit.code, draft.year])
    client.force_login(accountant)
    page = client.get(history).content.decode()
    assert 'data-transition="submit"' in page and 'data-transition="approve"' not in page
    assert "已阅读并确认检查发现的警告" in page
    set_status(draft, Status.SUBMITTED)
    client.force_login(reviewer)
    page = client.get(history).content.decode()
    assert 'data-transition="approve"' in page and 'data-transition="return"' in page
    assert 'data-transition="submit"' not in page


def test_a_refused_submission_keeps_the_typed_comment(findings, draft, accountant_client):
    findings.append(FakeFinding("warning", "表7：公务接待费与表6不一致。"))
    history = reverse("disclosures:history", args=[draft.unit.code, draft.year])
    response = accountant_client.post(
        transition_url(draft, "submit"),
        {"lock_version": draft.lock_version, "comment": "请审核，警告已核对", "next": history},
        follow=True,
    )
    page = response.content.decode()
    assert Disclosure.objects.get(pk=draft.pk).status == Status.DRAFT
    assert "勾选“已阅读并确认检查发现的警告”再提交" in page  # the checkbox's label as shown
    assert ">请审核，警告已核对</textarea>" in page
    assert "请审核，警告已核对" not in accountant_client.get(history).content.decode()  # kept once, not forever
