"""A department's document is submitted once its units are approved, reviewed and published like a unit's,
frozen with the versions of its units' disclosures, and marked out of date when one of them is corrected."""

import pytest

from disclosures import snapshot
from disclosures.choices import Status
from disclosures.consolidation import members, out_of_date
from disclosures.department_documents import start_department_document
from disclosures.models import ConsolidatedUnit, DisclosureFrozen
from disclosures.workflow.services import TransitionRefused, available_transitions, fire
from tests.department_support import approve, with_texts
from tests.department_support import publish as publish_now
from units.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(both_units, department):
    return with_texts(start_department_document(department, 2025))


@pytest.fixture
def unit_accountants(both_units, accountant):
    Membership.objects.create(user=accountant, unit=both_units[1].unit)
    return accountant


@pytest.fixture
def publish(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    return lambda disclosure, reviewer: publish_now(disclosure, reviewer, django_capture_on_commit_callbacks)


def test_submission_waits_for_every_included_unit(document, both_units, unit_accountants, reviewer):
    with pytest.raises(TransitionRefused, match="309001柳州市大数据发展局本级（草稿）；309002"):
        fire("submit", disclosure=document, user=reviewer, acknowledge_warnings=True)
    approve(both_units[0], unit_accountants, reviewer)
    with pytest.raises(TransitionRefused) as refused:
        fire("submit", disclosure=document, user=reviewer, acknowledge_warnings=True)
    assert "309001" in str(refused.value) and "309002" not in str(refused.value)


def test_an_accountant_of_a_unit_does_not_prepare_the_department_document(document, unit_accountants):
    assert [t.name for t in available_transitions(document, unit_accountants)] == []


def test_published_with_its_unit_versions_and_out_of_date_after_a_correction(
    document, both_units, unit_accountants, reviewer, publish
):
    for disclosure in both_units:
        approve(disclosure, unit_accountants, reviewer)
    document = fire("submit", disclosure=document, user=reviewer, acknowledge_warnings=True).disclosure
    document = fire("approve", disclosure=document, user=reviewer).disclosure
    document = publish(document, reviewer)
    assert document.status == Status.PUBLISHED
    assert {f.format for f in document.published_files.all()} == {"json", "html", "pdf", "xlsx"}
    sources = ConsolidatedUnit.objects.filter(disclosure=document).order_by("unit__code")
    assert [(row.unit.code, row.source.version) for row in sources] == [("309001", 1), ("309002", 1)]
    published_total = sum(line.total for line in snapshot.load(document).lines)
    with pytest.raises(DisclosureFrozen):
        ConsolidatedUnit.objects.filter(disclosure=document).update(included=False)
    assert out_of_date(document) == []

    # 309002 corrects its published budget: the department's document is now out of date.
    unit = publish(both_units[0], reviewer)
    revision = fire("revise", disclosure=unit, user=unit_accountants, correction_note="更正项目支出").disclosure
    approve(revision, unit_accountants, reviewer)
    publish(revision, reviewer)
    assert [member.unit.code for member in out_of_date(document)] == ["309002"]
    # what was published does not change
    assert sum(line.total for line in snapshot.load(document).lines) == published_total

    # its correction is built from the corrected version
    correction = fire("revise", disclosure=document, user=reviewer, correction_note="309002更正后重新汇总").disclosure
    assert correction.version == 2 and correction.is_department_level
    assert {m.unit.code: m.disclosure.version for m in members(correction)} == {"309001": 1, "309002": 2}
