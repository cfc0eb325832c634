"""A disclosure's layout: recorded when it is created, from its department's jurisdiction; a reviewer may
change it while it is a draft; a published document keeps the layout it was published in."""

import dataclasses
import json

import pytest

from disclosures.choices import Status
from disclosures.interchange import dump, parse
from disclosures.layouts import layout_for, registry
from disclosures.models import Disclosure
from disclosures.services import DisclosureRefused, change_layout, import_disclosure
from units.models import Department, Jurisdiction

URL = "/workspace/units/309002/2025/layout/"


@pytest.fixture
def second_layout(monkeypatch):
    """Another Liuzhou budget layout, as a newer one would arrive."""
    liuzhou = registry()["liuzhou-2025"]
    other = dataclasses.replace(liuzhou, key="liuzhou-2025b", name="柳州市单位预算（另一种）")
    monkeypatch.setitem(registry(), other.key, other)
    return other


def test_a_new_disclosure_gets_its_jurisdictions_layout(seed_disclosure):
    assert seed_disclosure.layout == "liuzhou-2025"
    assert seed_disclosure.unit.department.jurisdiction.code == "liuzhou"


def test_a_document_names_its_jurisdiction_and_layout_and_an_import_creates_the_jurisdiction(catalogs, seed_json):
    seed_json["department"] = {
        "code": "501",
        "name": "柳江区某局",
        "jurisdiction": {"code": "liujiang", "name": "柳江区"},
    }
    seed_json["unit"]["code"] = "501001"
    seed_json["layout"] = "liuzhou-2025"
    disclosure = import_disclosure(data=parse(json.dumps(seed_json)))
    assert Department.objects.get(code="501").jurisdiction == Jurisdiction.objects.get(code="liujiang")
    assert disclosure.layout == "liuzhou-2025"
    assert dump(parse(json.dumps(seed_json)))["department"]["jurisdiction"] == {"code": "liujiang", "name": "柳江区"}


def test_an_unknown_layout_is_refused_and_an_unknown_key_is_a_warning(catalogs, seed_json):
    seed_json["layout"] = "nowhere-1999"
    with pytest.raises(Exception, match="不是本平台的公开格式"):
        parse(json.dumps(seed_json))
    del seed_json["layout"]
    seed_json["colour"] = "red"
    seed_json["expenditure_lines"][0]["colour"] = "blue"
    warnings = parse(json.dumps(seed_json)).import_warnings
    assert warnings == [
        "colour：不认识的键，已忽略",
        "expenditure_lines[0].colour（预算公开03表 第1行）：不认识的键，已忽略",
    ]


def test_the_reference_fixture_has_no_unknown_key(seed_data):
    assert seed_data.import_warnings == []


def test_layout_for_falls_back_on_the_jurisdictions_oldest_layout_before_its_first_year():
    liuzhou = registry()["liuzhou-2025"]
    assert layout_for("liuzhou", "budget", 2024) is liuzhou


def test_a_reviewer_changes_a_drafts_layout(reviewer_client, seed_disclosure, second_layout):
    page = reviewer_client.get("/workspace/units/309002/2025/").content.decode()
    assert "柳州市单位预算（2025年起）" in page and 'name="layout"' in page
    response = reviewer_client.post(URL, {"layout": second_layout.key})
    assert response.status_code == 302
    seed_disclosure.refresh_from_db()
    assert seed_disclosure.layout == second_layout.key and seed_disclosure.lock_version == 1
    assert seed_disclosure.history.first().layout == second_layout.key  # audited


def test_an_accountant_may_not_change_the_layout(accountant_client, seed_disclosure, second_layout):
    assert 'name="layout"' not in accountant_client.get("/workspace/units/309002/2025/").content.decode()
    assert accountant_client.post(URL, {"layout": second_layout.key}).status_code == 403
    seed_disclosure.refresh_from_db()
    assert seed_disclosure.layout == "liuzhou-2025"


def test_a_layout_of_another_kind_or_unknown_is_refused(reviewer_client, seed_disclosure):
    reviewer_client.post(URL, {"layout": "nowhere"})
    seed_disclosure.refresh_from_db()
    assert seed_disclosure.layout == "liuzhou-2025"
    with pytest.raises(DisclosureRefused):
        change_layout(disclosure=seed_disclosure, layout_key="nowhere")


def test_a_submitted_disclosure_keeps_its_layout(seed_disclosure, second_layout):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.SUBMITTED)
    seed_disclosure.refresh_from_db()
    with pytest.raises(DisclosureRefused, match="只有草稿"):
        change_layout(disclosure=seed_disclosure, layout_key=second_layout.key)


def test_a_revision_keeps_the_published_layout(seed_disclosure, second_layout, accountant):
    from disclosures.workflow.services import revise

    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED, layout=second_layout.key)
    seed_disclosure.refresh_from_db()
    revision = revise(disclosure=seed_disclosure, user=accountant, correction_note="更正").disclosure
    assert revision.layout == second_layout.key


def test_a_comment_on_an_unknown_table_is_refused(reviewer_client, seed_disclosure):
    response = reviewer_client.post(
        "/workspace/units/309002/2025/comments/", {"table": "no-such-table", "text": "?", "next": "/"}
    )
    assert response.status_code in (302, 400)
    assert not seed_disclosure.comments.exists()


def test_a_newer_layout_changes_new_disclosures_only(seed_disclosure, monkeypatch):
    from disclosures.editing import start_draft
    from disclosures.snapshot import load

    liuzhou = registry()["liuzhou-2025"]
    newer = dataclasses.replace(liuzhou, key="liuzhou-2026", first_year=2026, name="柳州市单位预算（2026年起）")
    monkeypatch.setitem(registry(), newer.key, newer)
    seed_disclosure.refresh_from_db()
    assert seed_disclosure.layout == "liuzhou-2025" and load(seed_disclosure).layout == "liuzhou-2025"
    draft = start_draft(unit=seed_disclosure.unit, year=2026)
    assert draft.layout == "liuzhou-2026"
