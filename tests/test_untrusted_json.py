"""Hostile budget-disclosure/1 documents: each is refused with its place named, nothing saved changes,
no upload answers 500 and the import command prints no traceback."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.input_limits import MAX_DEPTH, InputRefused, load_json
from disclosures.interchange import InterchangeError, parse
from disclosures.models import Disclosure
from disclosures.snapshot import load

UPLOAD = "/workspace/units/309002/2025/upload/"


def raw(document: dict, old: str = "", new: str = "") -> bytes:
    """The document as sent, with ``old`` (a fragment of its JSON text) replaced by ``new``."""
    text = json.dumps(document)  # \u escapes, lone surrogates included
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def personnel(seed_json, literal: str) -> bytes:
    """The first expenditure line's 人员经费 written as the JSON literal ``literal``."""
    seed_json["expenditure_lines"][0]["personnel"] = "__AMOUNT__"
    return raw(seed_json, '"__AMOUNT__"', literal)


def nested(seed_json, depth: int) -> bytes:
    seed_json["state_assets"] = "__DEEP__"
    return raw(seed_json, '"__DEEP__"', "[" * depth + "]" * depth)


def edited(seed_json, change) -> bytes:
    change(seed_json)
    return raw(seed_json)


HOSTILE = {
    "1e30": (
        lambda seed: personnel(seed, "1e30"),
        "expenditure_lines[0].personnel（预算公开03表 第1行）：金额“1E+30”过大",
    ),
    "1e400": (
        lambda seed: personnel(seed, "1e400"),
        "expenditure_lines[0].personnel（预算公开03表 第1行）：金额“1E+400”过大",
    ),
    "-0": (lambda seed: personnel(seed, '"-0"'), "金额“-0”不能为负数"),
    "5000 digits": (lambda seed: personnel(seed, "9" * 5000), "数字超过40个字符"),
    "deep nesting": (lambda seed: nested(seed, 1000), f"数组或对象嵌套超过{MAX_DEPTH}层"),
    "unit.type as a list": (
        lambda seed: edited(seed, lambda d: d["unit"].update(type=["行政单位"])),
        "unit.type：应为文字",
    ),
    "lone surrogate": (
        lambda seed: edited(seed, lambda d: d["unit"].update(name="\ud800信息中心")),
        "unit.name：含有无法编码的字符（单独的代理码位 U+D800）",
    ),
    "NUL": (lambda seed: edited(seed, lambda d: d.update(state_assets="\x00")), "state_assets：含有空字符（NUL"),
    "NUL in a key": (
        lambda seed: edited(seed, lambda d: d.update({"state\x00assets": ""})),
        "state\\x00assets（键名）",
    ),
    "indicator value too long": (
        lambda seed: edited(seed, lambda d: d["performance_targets"][0]["indicators"][0].update(value="长" * 101)),
        "performance_targets[0].indicators[0].value（预算公开12表 第1行）：不能超过100个字",
    ),
    "explanation key too long": (
        lambda seed: edited(seed, lambda d: d["explanations"].update({"k" * 61: "原因"})),
        "不是可识别的说明对象",
    ),
    "unknown explanation key": (
        lambda seed: edited(seed, lambda d: d["explanations"].update({"empty.table²": "【待补充】"})),
        "explanations.empty.table²：不是可识别的说明对象",
    ),
    "prior year out of range": (
        lambda seed: edited(seed, lambda d: d["prior_year"].update(year=99999999999)),
        "prior_year.year：“99999999999”不是有效的年度",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_document_is_refused_naming_its_place(catalogs, seed_json, case):
    make, message = HOSTILE[case]
    with pytest.raises(InterchangeError) as refused:
        parse(make(seed_json))
    assert any(message in error for error in refused.value.errors), refused.value.errors


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_upload_answers_400_and_changes_nothing(accountant_client, seed_disclosure, seed_json, case):
    make, message = HOSTILE[case]
    before = load(seed_disclosure)
    upload = SimpleUploadedFile("hostile.json", make(seed_json), content_type="application/json")
    response = accountant_client.post(UPLOAD, {"file": upload, "replace": "on"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert load(Disclosure.objects.get()) == before


@pytest.mark.parametrize("case", HOSTILE)
def test_the_import_command_reports_a_hostile_file_without_a_traceback(seed_disclosure, seed_json, tmp_path, case):
    make, message = HOSTILE[case]
    path = tmp_path / "hostile.json"
    path.write_bytes(make(seed_json))
    before = load(seed_disclosure)
    with pytest.raises(CommandError, match="未导入") as refused:
        call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    assert message in str(refused.value)
    assert load(Disclosure.objects.get()) == before


def test_limits_are_checked_before_the_parser_runs():
    with pytest.raises(InputRefused, match="第1行第17列：数组或对象嵌套超过16层"):
        load_json("[" * 10_000)
    with pytest.raises(InputRefused, match="第2行第6列：数字超过40个字符"):
        load_json('{"a":\n [1, ' + "1" * 41 + "]}")


def test_brackets_and_digits_inside_strings_do_not_count():
    text = json.dumps({"a": "[" * 100 + "9" * 100})
    assert load_json(text) == {"a": "[" * 100 + "9" * 100}
    assert load_json(json.dumps([[[[1]]]] * 3)) == [[[[1]]]] * 3
