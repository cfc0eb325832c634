"""The reasons a unit writes (Explanation rows): one key convention, and the places that take one.

An explanation key names the figure whose change from last year the reason explains. The keys are
shared with the checks (``disclosures.checks.yoy`` warns about a large change none of them explains)
and with budget-disclosure/1 (its ``explanations`` object):

==================================  ==========================================================
``total_change``                    收支总预算; printed as 收入预算总体增加的主要原因 and as
                                    支出预算总体增加的主要原因 unless the next two are given
``income_change``                   收入预算 as a whole (section 二), instead of total_change
``expenditure_change``              支出预算 as a whole (section 三), instead of total_change
``basic_change`` / ``project_change``  基本支出 / 项目支出
``function_class.<类>``             one function 类, e.g. ``function_class.208``
``three_public.<item>``             ``total`` (the “三公” sum), ``abroad``, ``vehicle`` (购置及运行维护),
                                    ``vehicle_purchase``, ``vehicle_operation``, ``reception``;
                                    ``meeting`` and ``training`` are checked but no layout prints them yet
``gov_fund``                        政府性基金预算支出
``procurement``                     政府采购预算; ``procurement.centralized`` / ``procurement.decentralized``
                                    its 集中 / 分散 parts
``operating_costs``                 机关运行经费
``empty.table<N>``                  why table N has no data, e.g. ``empty.table8``, printed after the
                                    empty-table sentence
==================================  ==========================================================

A layout prints a reason only where its change moved (增加 or 减少) and the unit wrote one; it never
writes one itself. What a 项 is 主要用于 is not an Explanation: it is the ``purpose`` of the
expenditure line. The explanations page offers one box for every :class:`Slot` the layout prints.
"""

import re
from dataclasses import dataclass

from disclosures.checks.findings import field_anchor
from disclosures.narrative.change import Change

TOTAL = "total_change"
INCOME = "income_change"
EXPENDITURE = "expenditure_change"
BASIC = "basic_change"
PROJECT = "project_change"
GOV_FUND = "gov_fund"
PROCUREMENT = "procurement"
OPERATING_COSTS = "operating_costs"
THREE_PUBLIC_ITEMS = (
    "total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training",
)  # fmt: skip
PROCUREMENT_PARTS = ("centralized", "decentralized")

KEY_PATTERN = re.compile(
    r"^(?:total_change|income_change|expenditure_change|basic_change|project_change|gov_fund|procurement"
    r"|operating_costs|function_class\.\d{3}"
    rf"|three_public\.(?:{'|'.join(THREE_PUBLIC_ITEMS)})"
    rf"|procurement\.(?:{'|'.join(PROCUREMENT_PARTS)})"
    r"|empty\.table(?:[1-9]|1[0-2]))$"
)


def function_class(code: str) -> str:
    return f"function_class.{code}"


def three_public(item: str) -> str:
    return f"three_public.{item}"


def procurement(part: str) -> str:
    return f"procurement.{part}"


def empty_table(number: int) -> str:
    return f"empty.table{number}"


def is_key(key: str) -> bool:
    """Whether ``key`` follows the convention (an imported document may carry any key)."""
    return bool(KEY_PATTERN.match(key))


# What a box on the explanations page holds.
CHANGE = "change"  # the reason for a change: an Explanation
EMPTY = "empty"  # why a table is empty: an Explanation
PURPOSE = "purpose"  # what a 项 is 主要用于: the expenditure line's purpose
TEXT = "text"  # one of the disclosure's own texts (主要职责, 机构设置情况, 年度主要工作任务, 国有资产占用情况)


@dataclass(frozen=True)
class Slot:
    """A place in the text where the unit's words are printed, and so a box on the explanations page.

    ``key`` is the explanation key (CHANGE, EMPTY), the Disclosure field name (TEXT) or
    ``<function code>.<fund>`` of the expenditure line (PURPOSE); ``subject`` says what the sentence
    is about; ``check_key`` names the text as ``disclosures.checks.check_texts`` does.
    """

    kind: str
    key: str
    subject: str
    text: str = ""
    change: Change | None = None
    check_key: str = ""

    @property
    def field_name(self) -> str:
        return f"{self.kind}-{self.key}"

    @property
    def anchor(self) -> str:
        """The id a finding on this text links to (see disclosures.checks.findings.field_anchor)."""
        return field_anchor(self.check_key)


def change_slot(change: Change, subject: str) -> list[Slot]:
    """A box for the reason of ``change`` when the text states an increase or decrease."""
    if not change.moved:
        return []
    return [Slot(CHANGE, change.key, subject, change.reason, change, f"explanations.{change.key}")]


def purpose_slot(function_code: str, fund: str, index: int, subject: str, text: str) -> Slot:
    """What the ``index``-th expenditure line (of DisclosureData.lines) is 主要用于."""
    return Slot(PURPOSE, f"{function_code}.{fund}", subject, text, check_key=f"lines[{index}].purpose")


def empty_slot(number: int, is_empty: bool, subject: str, explanations: dict[str, str]) -> list[Slot]:
    key = empty_table(number)
    return [Slot(EMPTY, key, subject, explanations.get(key, ""), check_key=f"explanations.{key}")] if is_empty else []


def text_slot(field: str, subject: str, text: str) -> Slot:
    return Slot(TEXT, field, subject, text, check_key=field)
