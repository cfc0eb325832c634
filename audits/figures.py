"""Printed figures: the value as printed and the precision it was printed at.

A printed figure stands for every value that rounds to it: 16.2 for 16.15 to 16.25, 0.93 for
0.925 to 0.935. Comparing printed figures is comparing such ranges, so that a rounding difference
is never reported and a real one always is. Zero is taken as exact (a table prints 0.00 for
nothing at all).
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NUMBER = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-−]?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Figure:
    value: Decimal
    decimals: int
    text: str

    @property
    def half_unit(self) -> Decimal:
        """How far the true value may be from the printed one."""
        if not self.value:
            return Decimal(0)
        return Decimal(5) / Decimal(10) ** (self.decimals + 1)

    @property
    def low(self) -> Decimal:
        return self.value - self.half_unit

    @property
    def high(self) -> Decimal:
        return self.value + self.half_unit


def parse_figure(text: str | None) -> Figure | None:
    """A figure from a cell or a sentence; None for a blank or anything that is not a number."""
    if text is None:
        return None
    cleaned = text.strip().replace("，", ",").replace("−", "-")
    if not cleaned or not NUMBER.match(cleaned):
        return None
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None
    decimals = len(cleaned.partition(".")[2])
    return Figure(value, decimals, text.strip())


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def plain(value: Decimal, decimals: int = 2) -> str:
    """A computed value printed as the document would: 1089.99."""
    return f"{rounded(value, decimals):.{decimals}f}"


def sum_disagrees(printed: Figure, parts: list[Figure]) -> bool:
    """Whether a printed total cannot be the sum of the printed parts, whatever their rounding."""
    total = sum((part.value for part in parts), Decimal(0))
    allowance = printed.half_unit + sum((part.half_unit for part in parts), Decimal(0))
    return abs(printed.value - total) > allowance


@dataclass(frozen=True)
class Range:
    """The values a computation on printed figures may have."""

    low: Decimal
    high: Decimal

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2

    def admits(self, figure: Figure) -> bool:
        return figure.low <= self.high and figure.high >= self.low

    def truncated_to(self, figure: Figure) -> bool:
        """Whether cutting off some value of the range gives the figure (and rounding none does)."""
        step = Decimal(1).scaleb(-figure.decimals)
        return not self.admits(figure) and figure.value <= self.high and figure.value + step > self.low


def ratio_range(part_low: Decimal, part_high: Decimal, base_low: Decimal, base_high: Decimal) -> Range | None:
    """part ÷ base × 100 over the ranges of both; None when the base may be zero."""
    if base_low <= 0:
        return None
    hundred = Decimal(100)
    return Range(part_low * hundred / base_high, part_high * hundred / base_low)
