"""The fuzz set of hostile workbooks the import's limits are measured against (``manage.py bench_untrusted``).

Made from a valid workbook of the portal: hand-made attacks (zip bombs, millions of cells, entity
expansion, escapes for NUL and surrogates, absurd numbers) at and over each limit, then seeded random
mutations of its XML and bytes. Every one must be imported or refused with a message; none may crash.
"""

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator

from disclosures.excel.markup import MAX_CELLS, MAX_ELEMENTS, MAX_SHEETS

Workbook = tuple[str, bytes]


def _members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sheet_names(members: dict[str, bytes]) -> list[str]:
    return sorted(
        (name for name in members if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)),
        key=lambda name: int(re.search(r"\d+", name.rsplit("/", 1)[1]).group()),
    )


def _with_rows(members: dict[str, bytes], sheet: str, rows: str) -> bytes:
    changed = dict(members)
    changed[sheet] = members[sheet].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return _zipped(changed)


def _replaced_cell(sheet: bytes, ref: str, cell: str) -> bytes:
    """The sheet's XML with cell ``ref`` (of the exported table) replaced by ``cell``."""
    pattern = rb'<c r="%s"(?:\s[^>]*?)?(?:/>|>.*?</c>)' % ref.encode()
    replaced, count = re.subn(pattern, lambda _match: cell.encode(), sheet, count=1)
    if not count:
        raise ValueError(f"no cell {ref} in the sheet")
    return replaced


def _cells(first_row: int, rows: int, columns: int, cell: Callable[[str], str]) -> str:
    letters = [chr(ord("A") + n) for n in range(columns)]
    return "".join(
        f'<row r="{row}">' + "".join(cell(f"{letter}{row}") for letter in letters) + "</row>"
        for row in range(first_row, first_row + rows)
    )


def _number(value: str) -> Callable[[str], str]:
    return lambda ref: f'<c r="{ref}" t="n"><v>{value}</v></c>'


def _text(value: str) -> Callable[[str], str]:
    return lambda ref: f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _formula(ref: str) -> str:
    return f'<c r="{ref}"><f>1+1</f><v>2</v></c>'


def _crafted(raw: bytes) -> Iterator[Workbook]:
    members = _members(raw)
    sheets = _sheet_names(members)
    lines = sheets[2]  # 预算公开03表, the widest entered table
    yield "the workbook as exported", raw
    yield (
        "cells just under the limit",
        _with_rows(members, lines, _cells(30, (MAX_CELLS - 5000) // 11, 11, _number("1"))),
    )
    yield (
        "formulas just under the limit (read twice)",
        _with_rows(members, lines, _cells(30, (MAX_ELEMENTS - 150_000) // 7 // 11, 11, _formula)),
    )
    yield (
        "blank rows just under the element limit",
        _with_rows(members, lines, "".join(f'<row r="{n}"/>' for n in range(30, 30 + MAX_ELEMENTS - 60_000))),
    )
    yield (
        "one row of a million cells",
        _with_rows(members, lines, '<row r="30">' + '<c r="L30"/>' * 1_000_000 + "</row>"),
    )
    yield "cells over the limit", _with_rows(members, lines, _cells(30, MAX_CELLS // 11 + 10, 11, _number("1")))
    yield (
        "elements over the limit",
        _with_rows(members, lines, '<row r="30"><c r="A30"><v>1</v></c></row>' + "<x/>" * MAX_ELEMENTS),
    )
    many = dict(members)
    for number in range(MAX_SHEETS + 10):
        many[f"xl/worksheets/extra{number}.xml"] = members[lines]
    many["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"</sheets>",
        b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rIdX%d"/>' % (n, 900 + n, n) for n in range(MAX_SHEETS))
        + b"</sheets>",
    )
    yield "too many sheets", _zipped(many)
    yield "zip bomb", _zipped({**members, "xl/media/bomb.bin": bytes(80 * 1024 * 1024)})
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n else b"&lol;") * 10) for n in range(10))
        + b"]>"
        + _replaced_cell(members[lines], "K9", '<c r="K9" t="inlineStr"><is><t>&lol9;</t></is></c>')
    )
    yield "billion laughs", _zipped({**members, lines: laughs})
    external = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + members[
        lines
    ].replace(
        b"</sheetData>", b'<row r="30"><c r="A30" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData>', 1
    )
    yield "external entity", _zipped({**members, lines: external})
    yield "deep XML nesting", _with_rows(members, lines, "<a>" * 100_000 + "</a>" * 100_000)
    for label, cell, ref in (
        ("NUL escape", _text("_x0000_项目"), "K9"),
        ("surrogate escape", _text("_xD800_项目"), "K9"),
        ("control characters", _text("\x01\x02项目"), "K9"),
        ("a 2 MB text", _text("长" * 700_000), "K9"),
        ("1e308", _number("1e308"), "I9"),
        ("NaN", _number("NaN"), "I9"),
        ("inf", _number("inf"), "I9"),
        ("-0", _number("-0"), "I9"),
        ("5000 digits", _number("9" * 5000), "I9"),
        ("a formula without a value", lambda ref: f'<c r="{ref}"><f>SUM(A1:XFD1048576)</f></c>', "I9"),
        ("a date for an amount", lambda ref: f'<c r="{ref}" t="d"><v>2025-01-01T00:00:00</v></c>', "I9"),
        ("an error value", lambda ref: f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>', "I9"),
    ):
        yield f"{label} in {ref}", _zipped({**members, lines: _replaced_cell(members[lines], ref, cell(ref))})


def _mutated(raw: bytes, count: int, rng: random.Random) -> Iterator[Workbook]:
    members = _members(raw)
    names = [name for name in members if name.endswith(".xml")]
    for number in range(count):
        name = rng.choice(names)
        data = bytearray(members[name])
        how = rng.choice(["flip", "insert", "delete", "truncate", "duplicate", "bytes"])
        if how == "bytes":
            damaged = bytearray(raw)
            for _flip in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            yield f"mutation {number}: {how}", bytes(damaged)
            continue
        for _edit in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            if how == "flip":
                data[at] = rng.choice(b'<>"&=/ 0123456789.-eE\x00')
            elif how == "insert":
                data[at:at] = rng.choice([b"<c/>", b"<row/>", b"&amp;", b"_x0000_", b"9" * 50, b'"', b"<", b"\xff"])
            elif how == "delete":
                del data[at : at + rng.randint(1, 40)]
            elif how == "truncate":
                del data[at:]
                break
            else:
                data[at:at] = data[at : at + rng.randint(1, 400)] * rng.randint(2, 50)
        yield f"mutation {number}: {how} in {name}", _zipped({**members, name: bytes(data)})


def hostile_workbooks(raw: bytes, *, mutations: int = 300, seed: int = 12) -> Iterator[Workbook]:
    """The fuzz set made from ``raw`` (a valid workbook): the crafted cases, then ``mutations`` random ones."""
    yield from _crafted(raw)
    yield from _mutated(raw, mutations, random.Random(seed))
