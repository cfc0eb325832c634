"""Query parameters of the public pages, read without trusting them: a bad value is None, never an exception.

``str.isdigit()`` accepts ``²`` and ``①``, which ``int()`` refuses; only ASCII digits are a number here,
and no more of them than any page can use.
"""

MAX_DIGITS = 9


def whole_number(text: str) -> int | None:
    """``text`` as a non-negative integer, or None when it is not one (or absurdly long)."""
    text = text.strip()
    if not text or len(text) > MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def year(text: str) -> int | None:
    """A four-digit year the portal can hold (2000–2100), or None."""
    value = whole_number(text)
    return value if value is not None and 2000 <= value <= 2100 else None
