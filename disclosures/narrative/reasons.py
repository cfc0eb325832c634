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
``operating_costs``                 机关运行经费 (or 单位运行经费 where the layout reports it for every unit)
``general_budget_change``           一般公共预算支出 as a whole
``general_basic_change``            一般公共预算基本支出 as a whole
``fiscal_change``                   财政拨款 (收入 and 支出 balance: one reason, printed wherever the
                                    layout states that change)
``economic.<款 or 类>``             one economic 款 (5 digits) or 类 (3 digits) of 一般公共预算基本支出
``purpose.basic`` / ``purpose.project``  what 基本支出 / 项目支出 as a whole is 主要用于; a 决算's
                                    ``purpose.abroad`` / ``.vehicle`` / ``.reception``: what the “三公”
                                    item was spent on (开支内容, 主要用于)
``budget_gap.<scope>[.<项>]``       a 决算's: why 决算数 differs from 年初预算数, of 一般公共预算 (scope
                                    ``general_budget``), 政府性基金 (``gov_fund``) or 国有资本经营
                                    (``state_capital``) as a whole or of one 项 of it (its 7-digit code),
                                    or of the “三公” total (``three_public``)
``empty.<table key>``               why a table has no data, e.g. ``empty.gov_fund``, printed after the
                                    empty-table sentence (``empty.table<N>``, N its number among the
                                    standard 12, is the older form: ``canonical_key`` reads it)
==================================  ==========================================================

A layout prints a reason only where its change moved (增加 or 减少) and the unit wrote one (some
layouts also where it did not move: ``reason_slot``); it never writes one itself. What a 项 is
主要用于 is not an Explanation: it is the ``purpose`` of the expenditure line. The explanations page
offers one box for every :class:`Slot` the layout prints.
"""

import re
from dataclasses import dataclass

from disclosures.checks.findings import field_anchor
from disclosures.narrative.change import Change
from disclosures.tables.declaration import BUDGET_TABLES, TABLES

TOTAL = "total_change"
INCOME = "income_change"
EXPENDITURE = "expenditure_change"
BASIC = "basic_change"
PROJECT = "project_change"
GOV_FUND = "gov_fund"
PROCUREMENT = "procurement"
OPERATING_COSTS = "operating_costs"
GENERAL_BUDGET = "general_budget_change"
GENERAL_BASIC = "general_basic_change"
FISCAL = "fiscal_change"
BASIC_PURPOSE = "purpose.basic"
PROJECT_PURPOSE = "purpose.project"
THREE_PUBLIC_ITEMS = (
    "total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training",
)  # fmt: skip
PROCUREMENT_PARTS = ("centralized", "decentralized")
BUDGET_GAP_FUNDS = ("general_budget", "gov_fund", "state_capital")

# The standard 12 tables in their standard order: empty.table<N> names the N-th (the older form of the key).
STANDARD_TABLE_KEYS = tuple(BUDGET_TABLES)
KEY_PATTERN = re.compile(
    r"^(?:total_change|income_change|expenditure_change|basic_change|project_change|gov_fund|procurement"
    r"|operating_costs|general_budget_change|general_basic_change|fiscal_change|function_class\.\d{3}"
    r"|economic\.(?:\d{3}|\d{5})|purpose\.(?:basic|project|abroad|vehicle|reception)"
    rf"|three_public\.(?:{'|'.join(THREE_PUBLIC_ITEMS)})"
    rf"|procurement\.(?:{'|'.join(PROCUREMENT_PARTS)})"
    rf"|budget_gap\.(?:three_public|(?:{'|'.join(BUDGET_GAP_FUNDS)})(?:\.\d{{3}}(?:\d{{2}}){{0,2}})?)"
    rf"|empty\.(?:{'|'.join(TABLES)}))$",
    re.ASCII,
)
LEGACY_EMPTY_KEY = re.compile(r"^empty\.table([1-9]|1[0-2])$", re.ASCII)


def function_class(code: str) -> str:
    return f"function_class.{code}"


def three_public(item: str) -> str:
    return f"three_public.{item}"


def procurement(part: str) -> str:
    return f"procurement.{part}"


def purpose(subject: str) -> str:
    return f"purpose.{subject}"


def economic(code: str) -> str:
    return f"economic.{code}"


def budget_gap(scope: str, code: str = "") -> str:
    """The key of the reason a 决算 figure differs from its 年初预算 (of a fund, one 项 of it, or 三公)."""
    return f"budget_gap.{scope}.{code}" if code else f"budget_gap.{scope}"


def empty_table(table_key: str) -> str:
    return f"empty.{table_key}"


def canonical_key(key: str) -> str:
    """The key as stored: ``empty.table8`` (the older form) is ``empty.gov_fund``; any other key as it is."""
    legacy = LEGACY_EMPTY_KEY.fullmatch(key)
    return empty_table(STANDARD_TABLE_KEYS[int(legacy.group(1)) - 1]) if legacy else key


def is_key(key: str) -> bool:
    """Whether ``key`` follows the convention (an imported document may carry any key)."""
    return bool(KEY_PATTERN.fullmatch(key))


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


def reason_slot(change: Change, subject: str) -> list[Slot]:
    """A box for the reason of ``change`` whether or not it moved (a layout that always prints one)."""
    if not change.known and not change.key:
        return []
    return [Slot(CHANGE, change.key, subject, change.reason, change, f"explanations.{change.key}")]


def explanation_slot(key: str, subject: str, explanations: dict[str, str]) -> Slot:
    """A box for an explanation the text prints whatever the figures (what 基本支出 is 主要用于)."""
    return Slot(CHANGE, key, subject, explanations.get(key, ""), check_key=f"explanations.{key}")


def purpose_slot(function_code: str, fund: str, index: int, subject: str, text: str) -> Slot:
    """What the ``index``-th expenditure line (of DisclosureData.lines) is 主要用于."""
    return Slot(PURPOSE, f"{function_code}.{fund}", subject, text, check_key=f"lines[{index}].purpose")


def empty_slot(table_key: str, is_empty: bool, subject: str, explanations: dict[str, str]) -> list[Slot]:
    key = empty_table(table_key)
    return [Slot(EMPTY, key, subject, explanations.get(key, ""), check_key=f"explanations.{key}")] if is_empty else []


def text_slot(field: str, subject: str, text: str) -> Slot:
    return Slot(TEXT, field, subject, text, check_key=field)
