"""Property tests (hypothesis, seeded and bounded): whatever arrives through the JSON import, the workbook
import, the entry forms or the public query parameters, no request answers 500, and a refused input
leaves the saved data as it was.

Each test draws a bounded number of examples from a fixed seed (``derandomize``), so a run takes the
same time and finds the same inputs every time; PROPERTY_EXAMPLES scales them for a longer hunt.
"""

import json
import os
import re
import urllib.parse

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosures.excel.export import export_bytes
from disclosures.excel.hostile import _members, _replaced_cell, _sheet_names, _zipped
from disclosures.models import Disclosure
from disclosures.snapshot import load
from tests.form_fields import form_with
from tests.test_public_support import publish

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))
bounded = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY_TEXT = [
    "", " ", "0", "-0", "-1", "1e30", "1e400", "1E-400", "9" * 5000, "NaN", "Infinity", "²", "①", "٣", "２０２５",
    "\x00", "a\x00b", "\x01", "\u202e", "\ufeff", "=1+1", "@SUM(A1)", "+cmd", "'", '"', "<script>", "%s", "{}",
    "[]", "null", "true", "长" * 400, "x" * 70, "empty.table²", "function_class.²²²", "2080505 机关", "12.345678",
    "１２.５", "1,000.00", "１,０００", "\n", "\t", "𠀀", "ᅟ",
]  # fmt: skip
text = st.one_of(st.sampled_from(NASTY_TEXT), st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
scalar = st.one_of(
    text,
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=8)  # fmt: skip


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def paths(document, prefix=()):
    """Every key path of a JSON document, to choose where to put a hostile value."""
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from paths(value, (*prefix, index))


def replaced(document, path, value):
    if not path:
        return value
    head, *rest = path
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = replaced(document[head], rest, value)
    return copy


def one_of(choices: list, data, label: str):
    """One of ``choices``, drawn the same way however many there are: an accepted save changes the page's
    fields, and hypothesis needs every example to draw alike to replay and shrink it."""
    return choices[data.draw(st.integers(0, 2**16), label=label) % len(choices)]


class Saved:
    """The disclosure's content as stored, to tell a refused input (nothing may change) from an accepted one."""

    def __init__(self, disclosure: Disclosure):
        self.pk = disclosure.pk
        self.content = load(disclosure)

    def check(self, response, *, accepted: bool) -> None:
        assert response.status_code < 500, response.content[:3000]
        current = load(Disclosure.objects.get(pk=self.pk))
        if accepted:
            self.content = current
        else:
            assert current == self.content


@bounded
@given(data=st.data())
def test_no_json_document_breaks_the_upload_or_changes_what_was_saved(accountant_client, seed_disclosure, data):
    document = json.loads(json.dumps(export_document(seed_disclosure)))
    saved = Saved(seed_disclosure)
    chosen = one_of(list(paths(document)), data, "path")
    raw = json.dumps(replaced(document, chosen, data.draw(json_value, label="value"))).encode()
    if data.draw(st.booleans(), label="as raw text"):
        raw = data.draw(st.sampled_from([b"[" * 3000, b'{"year": ' + b"9" * 6000 + b"}", raw[: len(raw) // 2],
                                         raw.replace(b'"', b"", 1), b"\xff\xfe" + raw, raw + b"\x00"]))  # fmt: skip
    upload = SimpleUploadedFile("fuzz.json", raw, content_type="application/json")
    response = accountant_client.post("/workspace/units/309002/2025/upload/", {"file": upload, "replace": "on"})
    saved.check(response, accepted=response.status_code == 302)


def export_document(disclosure):
    from disclosures.interchange import dump

    return dump(load(disclosure))


HOSTILE_CELLS = [
    '<c r="{ref}" t="n"><v>{value}</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>',
    '<c r="{ref}" t="s"><v>{value}</v></c>',
    '<c r="{ref}" t="b"><v>{value}</v></c>',
    '<c r="{ref}" t="d"><v>{value}</v></c>',
    '<c r="{ref}" t="e"><v>#REF!</v></c>',
    '<c r="{ref}"><f>{value}</f></c>',
    '<c r="{ref}" t="str"><f>A1</f><v>{value}</v></c>',
]


@bounded
@given(data=st.data())
def test_no_workbook_breaks_the_upload_or_changes_what_was_saved(accountant_client, seed_disclosure, data):
    raw = export_bytes(seed_disclosure)
    members = _members(raw)
    saved = Saved(seed_disclosure)
    sheets = _sheet_names(members)
    for _edit in range(data.draw(st.integers(1, 4), label="edits")):
        sheet = data.draw(st.sampled_from(sheets), label="sheet")
        refs = sorted(set(re.findall(rb'<c r="([A-Z]+\d+)"', members[sheet])))
        if not refs:
            continue
        ref = one_of(refs, data, "cell").decode()
        value = data.draw(st.one_of(text, st.integers(-(10**30), 10**30).map(str)), label="value")
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        template = data.draw(st.sampled_from(HOSTILE_CELLS), label="cell kind")
        members[sheet] = _replaced_cell(members[sheet], ref, template.format(ref=ref, value=escaped))
    upload = SimpleUploadedFile("fuzz.xlsx", _zipped(members))
    response = accountant_client.post("/workspace/units/309002/2025/excel/", {"file": upload})
    saved.check(response, accepted=False)  # an upload only shows a preview: nothing is saved before confirming


ENTRY_PAGES = [f"/workspace/units/309002/2025/tables/{number}/" for number in (1, 3, 6, 7, 10, 11, 12)]
ENTRY_PAGES.append("/workspace/units/309002/2025/explanations/")
FORM_VALUES = st.one_of(text, st.sampled_from(["999999", "-1", "1001", "2147483648", "9" * 30, "0.5", ""]))


def urlencoded(fields: dict[str, list], raw_bytes: bytes) -> str:
    pairs = [(name, value) for name, values in fields.items() for value in values]
    body = urllib.parse.urlencode(pairs, doseq=False)
    return body + ("&" + raw_bytes.decode("latin-1") if raw_bytes else "")


@bounded
@given(data=st.data())
def test_no_entry_form_post_breaks_a_page_or_changes_data_it_refuses(accountant_client, seed_disclosure, data):
    saved = Saved(seed_disclosure)
    page = data.draw(st.sampled_from(ENTRY_PAGES), label="page")
    shown = accountant_client.get(page).content.decode()
    # A table's form is based on the rows it showed; the 说明 page on the disclosure's lock version.
    fields = form_with(shown, "based_on" if 'name="based_on"' in shown else "lock_version")
    names = sorted(fields)
    for _edit in range(data.draw(st.integers(1, 6), label="edits")):
        name = one_of(names, data, "field") if data.draw(st.booleans(), label="known field") else data.draw(text)
        fields[name] = [data.draw(FORM_VALUES, label="value")]
    raw = data.draw(st.sampled_from([b"", b"paste=%ED%A0%80", b"income-unit_other=%00", b"%FF%FE=1",
                                     b"action=paste&paste=2080505%091e30%09-0"]), label="raw bytes")  # fmt: skip
    response = accountant_client.post(page, urlencoded(fields, raw), content_type="application/x-www-form-urlencoded")
    saved.check(response, accepted=response.status_code == 302)


PUBLIC_PATHS = ["/", "/search/", "/api/disclosures/", "/2025/309002/", "/data/", "/2025/departments/309/",
                "/data/2025/datapackage.json", "/2025/309002/tables/3.csv"]  # fmt: skip
PARAMETERS = st.sampled_from(["year", "page", "q", "department", "unit", "format", "v", "version", "sort"])


@pytest.fixture
def report(seed_disclosure):
    return publish(seed_disclosure)


@bounded
@given(data=st.data())
def test_no_query_string_breaks_a_public_page(client, report, data):
    path = data.draw(st.sampled_from(PUBLIC_PATHS), label="path")
    query = data.draw(st.lists(st.tuples(st.one_of(PARAMETERS, text), text), max_size=4), label="query")
    response = client.get(f"{path}?{urllib.parse.urlencode(query)}")
    assert response.status_code < 500, (path, query)
