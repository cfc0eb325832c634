"""An uploaded workbook waiting for the unit to confirm its preview, kept in the user's session.

The parsed content is stored as a budget-disclosure/1 document (interchange.dumps), one per
disclosure, under a random token that the preview's URL carries: a later upload replaces it, and
an old preview's URL then no longer applies anything. The file itself is not kept.
"""

import secrets
from dataclasses import dataclass, field

from django.utils.crypto import constant_time_compare

from disclosures.excel.importer import ParsedWorkbook
from disclosures.excel.info import adopt_identity
from disclosures.interchange import InterchangeError, dumps, parse
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData


@dataclass
class Pending:
    token: str
    file_name: str
    data: DisclosureData
    warnings: list[str] = field(default_factory=list)


def _key(disclosure: Disclosure) -> str:
    return f"excel_import:{disclosure.pk}"


def store(session, disclosure: Disclosure, parsed: ParsedWorkbook, file_name: str) -> str:
    """Keep a parsed workbook for its preview; returns the token that names it."""
    token = secrets.token_urlsafe(16)
    session[_key(disclosure)] = {
        "token": token,
        "file_name": file_name,
        "warnings": parsed.warnings,
        "document": dumps(parsed.data),
    }
    return token


def fetch(session, disclosure: Disclosure, token: str) -> Pending | None:
    """The workbook the token names, or None when it was replaced, applied or never stored."""
    stored = session.get(_key(disclosure))
    if not stored or not constant_time_compare(stored["token"], token):
        return None
    try:
        data = parse(stored["document"])
    except InterchangeError:  # the year's catalog changed since the upload: the unit uploads again
        discard(session, disclosure)
        return None
    return Pending(token, stored["file_name"], adopt_identity(data, disclosure), stored["warnings"])


def discard(session, disclosure: Disclosure) -> None:
    session.pop(_key(disclosure), None)
