"""Exact money: amounts are stored in 元 with 2 decimals and shown in 万元 with 2 decimals.

Totals are computed from exact values and rounded only when shown, which is why a printed total
may differ from the sum of the printed rows by 0.01 (the tables' rounding footnote).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

ZERO = Decimal("0")
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal("10000")
WAN = "万元"
YUAN = "元"
# The columns hold 18 digits with 2 decimals: anything from 10^16 元 up does not fit.
TOO_LARGE = Decimal("1e16")
# Longer than any amount that fits: refused before Decimal reads it (a 5 MB run of digits costs time).
MAX_AMOUNT_CHARACTERS = 40
# Enough digits to multiply any accepted text by 10,000 exactly (the default context keeps 28).
EXACT_PRECISION = 2 * MAX_AMOUNT_CHARACTERS


class AmountError(ValueError):
    """Text that is not an amount, with the reason in Chinese."""


def parse_amount(text, unit: str = WAN) -> Decimal:
    """Read an amount typed in 元 or 万元 and return exact 元; raises AmountError.

    Refused: text that is not a number, NaN and infinities, any negative amount (-0 too), more
    precision than a cent, and figures too large for the columns, in whatever notation (1e30, 1e400).
    """
    if text is None or (isinstance(text, str) and text.strip() == ""):
        return ZERO
    if isinstance(text, bool) or isinstance(text, float):
        text = repr(text) if isinstance(text, float) else text
    cleaned = str(text).strip().replace(",", "").replace("，", "")
    if len(cleaned) > MAX_AMOUNT_CHARACTERS:
        raise AmountError(f"“{cleaned[:MAX_AMOUNT_CHARACTERS]}…”不是金额（超过{MAX_AMOUNT_CHARACTERS}个字符）")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AmountError(f"“{text}”不是金额") from exc
    if not value.is_finite():
        raise AmountError(f"“{text}”不是金额")
    if value.is_signed():
        raise AmountError(f"金额“{text}”不能为负数")
    if value and value.adjusted() >= TOO_LARGE.adjusted():
        raise AmountError(f"金额“{text}”过大")
    with localcontext() as exact:
        exact.prec = EXACT_PRECISION
        yuan = value * TEN_THOUSAND if unit == WAN else value
        if yuan >= TOO_LARGE:
            raise AmountError(f"金额“{text}”过大")
        if yuan != yuan.quantize(CENT):
            smallest = "0.000001万元" if unit == WAN else "0.01元"
            raise AmountError(f"金额“{text}”的精度超过{smallest}")
        return yuan.quantize(CENT)


def to_wan(yuan: Decimal) -> Decimal:
    """An exact amount in 万元 (no rounding)."""
    return yuan / TEN_THOUSAND


def wan_2dp(yuan: Decimal) -> Decimal:
    """The figure printed in a table: 万元 rounded half up to 2 decimals."""
    return (yuan / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def format_wan(yuan: Decimal) -> str:
    return f"{wan_2dp(yuan):.2f}"


def exact_wan_text(yuan: Decimal) -> str:
    """万元 as a lossless decimal string: 2 decimals, more only when the 元 amount needs them."""
    wan = to_wan(yuan)
    text = f"{wan:.6f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """A share or rate with 2 decimals, or None when the base is zero."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)
