"""最后修改 is the time of the last data change: a table's bulk save or a text, not a status change."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format

from disclosures.models import Disclosure, ExpenditureLine


def shown(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def test_a_table_saved_in_bulk_moves_the_last_change_shown(accountant_client, seed_disclosure):
    long_ago = timezone.now() - timedelta(days=3)
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(content_changed_at=long_ago, updated_at=long_ago)
    ExpenditureLine.objects.filter(disclosure=seed_disclosure).update(purpose="新的用途")
    disclosure = Disclosure.objects.get(pk=seed_disclosure.pk)

    assert disclosure.data_changed_at > long_ago
    for url in ("/workspace/units/309002/2025/", "/workspace/units/309002/"):
        body = accountant_client.get(url).content.decode()
        assert shown(disclosure.data_changed_at) in body and shown(long_ago) not in body


def test_a_text_of_the_disclosure_itself_is_a_data_change(seed_disclosure):
    long_ago = timezone.now() - timedelta(days=3)
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(content_changed_at=long_ago)
    disclosure = Disclosure.objects.get(pk=seed_disclosure.pk)
    disclosure.duties = "负责全市政务信息化。"
    disclosure.save(update_fields=["duties"])
    assert Disclosure.objects.get(pk=disclosure.pk).content_changed_at > long_ago
