"""A figure of this year set against last year's, with the unit's reason for the difference."""

from dataclasses import dataclass
from decimal import Decimal

from disclosures.money import percent, wan_2dp

INCREASE, DECREASE, FLAT = "increase", "decrease", "flat"


@dataclass(frozen=True)
class Change:
    """``current`` against ``previous`` (exact 元); ``previous`` None means last year is unknown.

    ``key`` is the explanation key a reason for this change is stored under (see ``reasons``),
    ``reason`` the unit's text, if it wrote one.
    """

    current: Decimal
    previous: Decimal | None = None
    key: str = ""
    reason: str = ""

    @property
    def known(self) -> bool:
        return self.previous is not None

    @property
    def difference(self) -> Decimal | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def direction(self) -> str | None:
        """increase / decrease / flat, or None when there is nothing to compare with.

        Flat when the difference is below the printed precision (0.005万元), so that the text never
        says “增加0.00万元”.
        """
        difference = self.difference
        if difference is None:
            return None
        if not wan_2dp(abs(difference)):
            return FLAT
        return INCREASE if difference > 0 else DECREASE

    @property
    def rate(self) -> Decimal | None:
        """The size of the change in percent of last year (2 decimals); None when last year was 0 or unknown."""
        if not self.previous:
            return None
        return percent(abs(self.difference), self.previous)

    @property
    def moved(self) -> bool:
        """Whether the text states an increase or a decrease, the only changes a reason can explain."""
        return self.direction in (INCREASE, DECREASE)

    @property
    def stated_reason(self) -> str:
        """The reason as the text prints it: only for a change that moved."""
        return self.reason if self.moved else ""
