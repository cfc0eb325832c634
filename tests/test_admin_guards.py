"""Nothing goes around the workflow: the admin shows disclosures but cannot change them, the 批复 date is
frozen with the published version, and no admin page or action answers 500."""

import datetime

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.urls import reverse

from disclosures.choices import Status
from disclosures.models import Comment, Disclosure, PublicationJob, WorkflowEvent
from tests.factories import UserFactory
from tests.form_fields import forms_of
from tests.test_public_support import publish
from tests.test_workflow_fixtures import set_status
from units.models import User


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def root_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def approved(seed_disclosure):
    return set_status(seed_disclosure, Status.APPROVED)


def admin_url(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def submitted_as_shown(html: str) -> dict[str, list[str]]:
    """The change form's fields as shown (the admin's page has one form with the object's fields)."""
    return max((fields for _attrs, fields in forms_of(html)), key=len, default={})


def test_an_approved_disclosure_cannot_be_changed_in_the_admin(root_client, approved):
    url = admin_url(approved, "change")
    page = root_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = root_client.post(url, {"duties": "未经审核的职责", "status": Status.PUBLISHED, "unit": approved.unit_id})
    assert response.status_code == 403
    stored = Disclosure.objects.get(pk=approved.pk)
    assert (stored.duties, stored.status, stored.lock_version) == (approved.duties, Status.APPROVED,
                                                                    approved.lock_version)  # fmt: skip
    assert not WorkflowEvent.objects.exists()


def test_disclosures_cannot_be_added_or_deleted_in_the_admin(root_client, approved):
    assert root_client.get(reverse("admin:disclosures_disclosure_add")).status_code == 403
    assert root_client.post(admin_url(approved, "delete"), {"post": "yes"}).status_code == 403
    changelist = reverse("admin:disclosures_disclosure_changelist")
    response = root_client.post(changelist, {"action": "delete_selected", "_selected_action": [approved.pk],
                                             "post": "yes"})  # fmt: skip
    assert response.status_code < 500
    assert Disclosure.objects.filter(pk=approved.pk).exists()


def test_the_history_can_be_read_but_not_restored(root_client, approved):
    history = approved.history.earliest()
    assert root_client.get(admin_url(approved, "history")).status_code == 200
    revert = reverse("admin:disclosures_disclosure_simple_history", args=[approved.pk, history.history_id])
    assert root_client.post(revert, {"duties": "旧的职责", "_save": "1"}).status_code < 500
    assert Disclosure.objects.get(pk=approved.pk).duties == approved.duties


def test_the_approval_date_of_a_published_version_is_frozen(client, reviewer, seed_disclosure):
    seed_disclosure.budget_approved_on = datetime.date(2025, 1, 25)
    seed_disclosure.save()
    publish(seed_disclosure)
    client.force_login(reviewer)
    url = reverse("disclosures:approval_date", args=["309002", 2025])
    response = client.post(url, {"budget_approved_on": "2024-11-01"}, follow=True)
    assert response.status_code == 200
    assert "预算批复日期随公开版本固定，不能再修改" in response.content.decode()
    assert Disclosure.objects.get(pk=seed_disclosure.pk).budget_approved_on == datetime.date(2025, 1, 25)


@pytest.fixture
def every_kind_of_record(seed_disclosure, superuser, accountant, reviewer):
    """At least one object of every model the admin lists, a published version with its files among them."""
    published = publish(seed_disclosure)
    Comment.objects.create(disclosure=published, author=reviewer, text="请核对03表")
    PublicationJob.objects.create(disclosure=published, requested_by=reviewer, state=PublicationJob.State.DONE)
    WorkflowEvent.objects.create(
        disclosure=published, transition="publish", from_status=Status.APPROVED, to_status=Status.PUBLISHED
    )
    return published


def registered_objects(signed_in: User):
    """Every model of the admin with one of its objects (never the signed-in administrator)."""
    for model in admin.site._registry:
        objects = model._default_manager.order_by("pk")
        if model is User:
            objects = objects.exclude(pk=signed_in.pk)
        yield model, objects.first()


def test_no_admin_page_or_action_answers_500(root_client, superuser, every_kind_of_record, client):
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})  # an axes AccessAttempt
    visited = []
    for model, obj in registered_objects(superuser):
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for url in (changelist, f"{changelist}?q=309", reverse(f"admin:{meta.app_label}_{meta.model_name}_add")):
            assert root_client.get(url).status_code < 500, url
        if obj is None:
            continue
        visited.append(meta.label)
        for view in ("change", "history", "delete"):
            assert root_client.get(admin_url(obj, view)).status_code < 500, (meta.label, view)
        change = root_client.get(admin_url(obj, "change"))
        resaved = root_client.post(admin_url(obj, "change"), submitted_as_shown(change.content.decode()))
        assert resaved.status_code < 500, (meta.label, resaved.content.decode()[:2000])
        assert root_client.get(changelist).status_code == 200, "still signed in"
        deleted = root_client.post(admin_url(obj, "delete"), {"post": "yes"})
        assert deleted.status_code < 500, meta.label
        selected = root_client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk]})
        assert selected.status_code < 500, meta.label
    assert {"disclosures.Disclosure", "disclosures.PublishedFile", "units.User", "catalogs.ClassificationCode",
            "axes.AccessAttempt"} <= set(visited)  # fmt: skip
    assert Disclosure.objects.filter(pk=every_kind_of_record.pk, status=Status.PUBLISHED).exists()
