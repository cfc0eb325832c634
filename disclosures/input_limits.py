"""Limits an untrusted document is held to, checked before the parser sees it, and the text it may hold.

A JSON parser's cost and failures grow with what the raw bytes hold, so the raw text is measured
first: its size, how deep its arrays and objects nest (Python's parser recurses, and fails near a
thousand levels), and how long each number is (``int()`` refuses more than 4,300 digits, and a long
run of digits costs time). No amount the portal holds needs more than a few levels or 40 characters.

After parsing, no text may hold a NUL (PostgreSQL refuses it, SQLite stores it silently) or a lone
surrogate (it cannot be encoded as UTF-8, so neither stored nor shown). The JSON import and the
workbook import both check their text with :func:`text_problem`.
"""

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import accumulate

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from disclosures.money import MAX_AMOUNT_CHARACTERS

# budget-disclosure/1 nests five levels (document → performance_targets → target → indicators → indicator).
MAX_DEPTH = 16
MAX_NUMBER_CHARACTERS = MAX_AMOUNT_CHARACTERS

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARACTERS + 1},}}")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE = re.compile("[\ud800-\udfff]")


class InputRefused(ValueError):
    """A document refused before (or while) it was parsed; ``errors`` says where and why, in Chinese."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def size_problem(length: int) -> str | None:
    limit = settings.UPLOAD_MAX_BYTES
    if length > limit:
        return _("文件大小为%(size)s，超过上限%(limit)s。") % {
            "size": filesizeformat(length),
            "limit": filesizeformat(limit),
        }
    return None


def shown(text: str) -> str:
    """Text safe to put in a message: NULs and lone surrogates spelt as escapes."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def text_problem(text: str) -> str | None:
    """Why a text cannot be stored, or None."""
    if "\x00" in text:
        return _("含有空字符（NUL，\\u0000），请删除后再导入")
    found = _SURROGATE.search(text)
    if found:
        return _("含有无法编码的字符（单独的代理码位 U+%(code)04X），请删除后再导入") % {"code": ord(found.group())}
    return None


def _position(text: str, index: int) -> dict[str, int]:
    line = text.count("\n", 0, index) + 1
    return {"line": line, "column": index - (text.rfind("\n", 0, index) + 1) + 1}


def _shape_problem(text: str) -> str | None:
    """Too deep a nesting or too long a number, found in the text with its strings blanked out."""
    skeleton = _STRING.sub(lambda match: '"' + " " * (len(match.group()) - 2) + '"', text)
    number = _LONG_NUMBER.search(skeleton)
    if number:
        return _("第%(line)d行第%(column)d列：数字超过%(limit)d个字符，不是有效的金额或年度") % {
            **_position(text, number.start()),
            "limit": MAX_NUMBER_CHARACTERS,
        }
    brackets = _BRACKET.findall(skeleton)
    if brackets and max(accumulate(map(_DEPTH_STEP.__getitem__, brackets))) > MAX_DEPTH:
        depth = 0
        for match in _BRACKET.finditer(skeleton):
            depth += _DEPTH_STEP[match.group()]
            if depth > MAX_DEPTH:
                return _("第%(line)d行第%(column)d列：数组或对象嵌套超过%(limit)d层") % {
                    **_position(text, match.start()),
                    "limit": MAX_DEPTH,
                }
    return None


def load_json(raw: bytes | str):
    """Parse an untrusted JSON document within the limits; raises InputRefused saying why not.

    Decimals keep every digit of a fraction; the text of the result still needs :func:`text_problems`.
    """
    problem = size_problem(len(raw))
    if problem:
        raise InputRefused([problem])
    if isinstance(raw, bytes):
        try:
            text = raw.decode(json.detect_encoding(raw))
        except UnicodeDecodeError as exc:
            raise InputRefused([_("文件不是 UTF-8 编码的 JSON 文档")]) from exc
    else:
        text = raw
    problem = _shape_problem(text)
    if problem:
        raise InputRefused([_("不是可接受的 JSON：%(problem)s") % {"problem": problem}])
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputRefused([_("不是有效的 JSON：第%(line)d行第%(column)d列，%(message)s") % {
            "line": exc.lineno, "column": exc.colno, "message": exc.msg}]) from exc  # fmt: skip


def text_problems(value, path: str = "") -> Iterator[str]:
    """Every text of a parsed document (keys too) that cannot be stored, as "key.path：why"."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            yield f"{path or _('文档')}：{problem}"
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{shown(key)}" if path else shown(key)
            problem = text_problem(key)
            if problem:
                yield _("%(path)s（键名）：%(problem)s") % {"path": where, "problem": problem}
            yield from text_problems(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_problems(item, f"{path}[{index}]")
