"""Reading one cell of an untrusted workbook: typed values, and every problem with its place.

Each reader returns a usable value (zero, blank) after recording a problem, so that reading goes on
and the unit sees every problem of the workbook at once, as "预算公开06表 第12行 D列：“abc”不是金额".
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from disclosures.excel.reading import UncachedFormula
from disclosures.formula_guard import restored
from disclosures.input_limits import text_problem
from disclosures.money import WAN, ZERO, AmountError, parse_amount

DASHES = {"-", "－", "—", "–"}  # a dash in a published table means zero
DATE_TYPES = (datetime, date, time, timedelta)


@dataclass(frozen=True)
class Place:
    """Where a cell is; spelt out ("预算公开06表 第12行 D列") only when a message names it."""

    sheet: str
    row: int | None = None  # 1-based, as Excel numbers rows
    column: int | None = None  # 0-based

    def __str__(self) -> str:
        if self.row is None:
            return self.sheet
        if self.column is None:
            return _("%(sheet)s 第%(row)d行") % {"sheet": self.sheet, "row": self.row}
        letter = get_column_letter(self.column + 1)
        return _("%(sheet)s 第%(row)d行 %(column)s列") % {"sheet": self.sheet, "row": self.row, "column": letter}


def normal(text) -> str:
    """Text compared without spaces and with either width of brackets and colons (headers, labels)."""
    return re.sub(r"\s+", "", str(text or "")).translate(str.maketrans("（）：", "():"))


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain(value) -> str:
    """A cell as text, whatever was typed: a number without a trailing .0, no surrounding spaces."""
    if is_blank(value) or isinstance(value, UncachedFormula):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel holds 15 significant digits; anything past them is binary noise (0.1 + 0.2).
        return f"{value:.15g}"
    return str(value).strip()


class CellReader:
    """Collects errors and warnings with their place, and reads cells as typed values."""

    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: Place | str, message: str) -> None:
        self.errors.append(f"{where}：{message}")

    def warn(self, where: Place | str, message: str) -> None:
        self.warnings.append(f"{where}：{message}")

    def value(self, value, where: Place):
        """The cell's value; None when blank, or when it is a formula without a result (reported)."""
        if isinstance(value, UncachedFormula):
            self.error(
                where,
                _(
                    "是公式“%(formula)s”，但文件中没有它的计算结果（文件未在Excel中保存过）；"
                    "请在Excel中打开并保存后再上传，或直接填写数值"
                )
                % {"formula": value.formula},
            )
            return None
        if isinstance(value, str) and text_problem(value):
            self.error(where, text_problem(value))
            return None
        return None if is_blank(value) else value

    def amount(self, value, where: Place, unit: str = WAN) -> Decimal:
        found = self.optional_amount(value, where, unit)
        return ZERO if found is None else found

    def optional_amount(self, value, where: Place, unit: str = WAN) -> Decimal | None:
        value = self.value(value, where)
        if value is None:
            return None
        if isinstance(value, (bool, *DATE_TYPES)):
            self.error(where, _("“%(value)s”不是金额") % {"value": value})
            return None
        text = plain(value)
        if text in DASHES:
            return ZERO
        try:
            return parse_amount(text, unit)
        except AmountError as exc:
            self.error(where, str(exc))
            return None

    def text(self, value, where: Place, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.value(value, where)
        if isinstance(value, DATE_TYPES):
            self.error(where, _("应为文字，不是日期或时间（请把单元格设为文本格式）"))
            return ""
        text = restored(plain(value))
        if required and not text:
            self.error(where, _("不能为空"))
        if max_length and len(text) > max_length:
            self.error(
                where, _("不能超过%(limit)d个字（现有%(length)d个）") % {"limit": max_length, "length": len(text)}
            )
        return text

    def choice(
        self, value, where: Place, accepted: dict[str, str], label: str, *, default: str = "", options=()
    ) -> str:
        """A choice typed as its label (or stored value); a message names ``options``, else the labels."""
        text = self.text(value, where)
        if not text and default:
            return default
        if text in accepted:
            return accepted[text]
        listed = "、".join(options or dict.fromkeys(key for key in accepted if not key.isascii()))
        message = (
            _("“%(value)s”不是有效的%(label)s（可选：%(options)s）")
            if text
            else _("请填写%(label)s（可选：%(options)s）")
        )
        self.error(where, message % {"value": text, "label": label, "options": listed})
        return ""

    def year(self, value, where: Place, *, required: bool) -> int | None:
        text = self.text(value, where, required=required)
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100):
            self.error(where, _("“%(value)s”不是有效的年度") % {"value": text})
            return None
        return int(text)
