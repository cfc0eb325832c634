"""Text a spreadsheet program would run as a formula, made inert in every CSV and workbook the portal writes.

OWASP's advice against CSV (formula) injection: a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or
with a tab or carriage return, which some programs skip before reading a formula) is written with a
leading apostrophe, so that Excel, WPS or LibreOffice show it as text instead of evaluating it. A
number is left as it is (``-3.5`` is not a formula), and so is a sign alone (the operator ``=`` of an
indicator, a dash for zero): nothing follows it to be run. Reading the portal's own workbook takes the
apostrophe off again, so that a project named ``=1+1`` survives an export and an import unchanged.
"""

import re
from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def inert(value):
    """``value``, with a leading apostrophe when it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(TRIGGERS) and not _NUMBER.fullmatch(value):
        return QUOTE + value
    return value


def inert_row(row: Iterable) -> list:
    return [inert(value) for value in row]


def restored(text: str) -> str:
    """The text as the unit typed it, read back from a cell :func:`inert` wrote."""
    if text.startswith(QUOTE) and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text
