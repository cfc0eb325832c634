"""A text the layout prints must be written: empty, or holding a marker such as “（尚未填写）”, it is an error."""

import dataclasses
from pathlib import Path

import pytest

from disclosures.checks import run_checks
from disclosures.checks.printed import EMPTY_TEXT
from disclosures.checks.texts import UNFILLED, check_texts
from disclosures.interchange import parse
from disclosures.snapshot import code_book

DEMO = Path(__file__).resolve().parent.parent / "disclosures" / "demo"


def errors(data, book):
    return [(finding.code, finding.field, finding.message) for finding in run_checks(data, book) if finding.is_error]


def test_an_empty_duties_text_is_an_error_naming_it(seed_data, book):
    assert errors(seed_data, book) == []
    found = errors(dataclasses.replace(seed_data, duties="  "), book)
    message = "“主要职责”：未填写。公开文本要印出这一段，空着则只剩标题，请在“情况说明”页填写。"
    assert found == [(EMPTY_TEXT, "duties", message)]


def test_the_demo_draft_must_have_its_duties_typed_before_submission(catalogs):
    data = parse((DEMO / "seed-002-2025.json").read_bytes())
    assert [code for code, _field, _message in errors(data, code_book(2025))] == [EMPTY_TEXT]


@pytest.mark.parametrize("marker", ["（尚未填写）", "(待补充)", "待填写", "此处填写单位职责"])
def test_a_marker_left_where_the_text_belongs_is_an_error(seed_data, book, marker):
    found = errors(dataclasses.replace(seed_data, organisation=marker), book)
    assert [(code, field) for code, field, _message in found] == [(UNFILLED, "organisation")]
    assert "含未填写的标记" in found[0][2]


def test_the_page_check_of_a_text_as_it_is_saved_finds_the_marker():
    assert [finding.code for finding in check_texts({"annual_tasks": "（尚未填写）"})] == [UNFILLED]


def test_chongqings_contact_line_is_a_printed_text(catalogs):
    data = parse((DEMO / "seed-003-2024.json").read_bytes())
    book = code_book(2024)
    assert errors(data, book) == []
    found = errors(dataclasses.replace(data, contact_phone=""), book)
    assert [(code, field) for code, field, _message in found] == [(EMPTY_TEXT, "contact_phone")]
