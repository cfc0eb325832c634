"""The demo's notifications are visible: every demo user has an e-mail address the mail backend prints."""

import pytest
from django.conf import settings
from django.core import mail

from disclosures.workflow.services import fire
from units.demo import create_demo_organisation, load_demo_disclosure
from units.models import User

pytestmark = pytest.mark.django_db


def test_every_demo_user_has_an_address(catalogs):
    create_demo_organisation()
    assert sorted(User.objects.filter(email="").values_list("username", flat=True)) == []


def test_a_submission_of_the_demo_draft_mails_the_demo_reviewer(
    catalogs, seed_json, django_capture_on_commit_callbacks
):
    unit = create_demo_organisation()
    draft = load_demo_disclosure(unit)
    draft.duties = seed_json["overview"]["duties"]
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        fire("submit", disclosure=draft, user=User.objects.get(username="kuaiji"), acknowledge_warnings=True)
    assert any("shenhe@demo.budgetportal.invalid" in message.to for message in mail.outbox)


def test_the_embedded_broker_names_a_host():
    assert settings.CELERY_BROKER_URL.startswith(("memory://localhost", "redis://"))
