"""收支平衡: what comes in (entered income and carry-over) equals what goes out (the entered lines).

Table 1's income side is entered and its expenditure side is summed from the lines, so the two
totals can disagree; its income subtotals (一般公共预算拨款 = 上级补助 + 本级 + 债券, 财政拨款 = the
three fiscal funds) are summed by the table builder and cannot. The same balance holds fund by
fund: a fiscal fund's income is printed in table 4 and its spending in table 5, 8 or 9, and a
mismatch there is a wrong fund on a line or an income typed under the wrong source. Table 4's own
收入总计 = 支出总计 is the sum of the three fiscal balances and needs no rule of its own.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, difference, disagree, error, line_figures, total, wan
from disclosures.checks.labels import fund_label
from disclosures.choices import Fund
from disclosures.models import INCOME_AMOUNT_FIELDS
from disclosures.snapshot import DisclosureData
from disclosures.tables.declaration import TableKey

TOTAL = "balance.total"
FUND = "balance.fund"

CARRYOVER_PREFIX = "carryover_"
# Where a fund's balance shows in print: a fiscal fund's spending table; the other funds only in table 2.
FUND_TABLE = {
    Fund.GENERAL_BUDGET: TableKey.GENERAL_BUDGET,
    Fund.GOV_FUND: TableKey.GOV_FUND,
    Fund.STATE_CAPITAL: TableKey.STATE_CAPITAL,
}
INCOME_TABLE = TableKey.INCOME


def current_income_fields(fund: str) -> list[str]:
    """This year's income fields of a fund: general_budget_superior…, and unit_business… for 单位资金."""
    prefix = "unit_" if fund == Fund.UNIT_FUNDS else fund
    return [name for name in INCOME_AMOUNT_FIELDS if name.startswith(prefix)]


def _detail(label: str, current: Decimal, carryover: Decimal, spent: Decimal, carried: Decimal) -> str:
    return _(
        "%(label)s收入%(income)s（本年收入%(current)s + 上年结转结余%(carryover)s）"
        "与支出%(outgoing)s（本年支出%(spent)s + 结转下年支出%(carried)s）不相等，相差%(difference)s。"
    ) % {
        "label": label,
        "income": wan(current + carryover),
        "current": wan(current),
        "carryover": wan(carryover),
        "outgoing": wan(spent + carried),
        "spent": wan(spent),
        "carried": wan(carried),
        "difference": difference(current + carryover, spent + carried),
    }


def check_total_balance(data: DisclosureData) -> list[Finding]:
    """Table 1: 收入总计 (本年收入合计 + 上年结转结余) = 支出总计 (本年支出合计 + 结转下年支出)."""
    income = [data.income_amount(name) for name in INCOME_AMOUNT_FIELDS]
    carryover = total(data.income_amount(name) for name in INCOME_AMOUNT_FIELDS if name.startswith(CARRYOVER_PREFIX))
    current = total(income) - carryover
    spent = total(line.total for line in data.lines)
    carried = total(line.carry_forward for line in data.lines)
    if not disagree(current + carryover, spent + carried, [*income, *line_figures(data.lines)]):
        return []
    detail = _detail("", current, carryover, spent, carried)
    return [error(TOTAL, TableKey.INCOME_EXPENDITURE, _("收入总计 / 支出总计"), _("预算数"), detail, "income")]


def check_fund_balances(data: DisclosureData) -> list[Finding]:
    """For each fund: its income and carry-over = the lines of that fund, with their carry-forward."""
    findings: list[Finding] = []
    for fund in Fund.values:
        income = [data.income_amount(name) for name in current_income_fields(fund)]
        carryover = data.income_amount(f"{CARRYOVER_PREFIX}{fund}")
        lines = [line for line in data.lines if line.fund == fund]
        spent = total(line.total for line in lines)
        carried = total(line.carry_forward for line in lines)
        if not disagree(total(income) + carryover, spent + carried, [*income, carryover, *line_figures(lines)]):
            continue
        detail = _detail(fund_label(fund), total(income), carryover, spent, carried)
        table = FUND_TABLE.get(fund, INCOME_TABLE)
        column = _("合计") if table != INCOME_TABLE else fund_label(fund)
        findings.append(error(FUND, table, _("合计"), column, detail, "income"))
    return findings
