"""The checks of a 决算, the ones auditors of published 决算 apply (a budget's balance is ``balance``).

- 收支平衡, per fund: 本年收入 + 年初结转和结余 (+ 用事业基金弥补收支差额) = 本年支出 + 结余分配 + 年末结转和结余
  (errors: a 决算 that does not balance is refused at submission, naming the table and row);
- the 财政拨款 tables agree with the 总表: each fiscal fund's income by 项 adds up to its income in the 总表,
  and where a fund's 项 state their 年初 / 年末结转和结余 these add up to the fund's (errors);
- 决算数 that differs from 年初预算数 by more than ``GAP_SHARE`` (and ``GAP_AMOUNT``) needs the unit's reason,
  for each fiscal fund as a whole and for each of its 项 (warnings).

基本支出 = 人员经费 + 公用经费, the “三公” 合计 and every subtotal are summed by the table builders and cannot
disagree; the economic table's tie to the functional one is ``crosstable.basic_by_economic``; a 完成率 on a
zero budget is never printed (``narrative.final_facts.AgainstBudget.rate``).

Rule codes: final.balance.total, final.balance.fund, final.income_lines, final.balance_lines (errors);
final.budget_gap (warning).
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.checks.balance import current_income_fields
from disclosures.checks.findings import Finding, difference, disagree, error, line_figures, total, wan, warning
from disclosures.checks.labels import fund_label
from disclosures.choices import FISCAL_FUNDS, Fund
from disclosures.money import percent
from disclosures.narrative import reasons
from disclosures.snapshot import CARRYOVER_KEYS, DisclosureData
from disclosures.tables.declaration import TableKey
from disclosures.tables.final_builders import closing, fiscal_income, income_total, opening

BALANCE_TOTAL = "final.balance.total"
BALANCE_FUND = "final.balance.fund"
INCOME_LINES = "final.income_lines"
BALANCE_LINES = "final.balance_lines"
BUDGET_GAP = "final.budget_gap"

GAP_SHARE = Decimal("10")  # percent of 年初预算数
GAP_AMOUNT = Decimal("10000")  # 元, i.e. 1万元: a difference smaller than this needs no reason

FUND_ROWS = {
    Fund.GENERAL_BUDGET: gettext_lazy("一般公共预算财政拨款"),
    Fund.GOV_FUND: gettext_lazy("政府性基金预算财政拨款"),
    Fund.STATE_CAPITAL: gettext_lazy("国有资本经营预算财政拨款"),
}


def _fund_income(data: DisclosureData, fund: str) -> Decimal:
    if fund in FISCAL_FUNDS:
        return fiscal_income(data, fund)
    return total(data.income_amount(name) for name in current_income_fields(fund))


def _detail(label: str, income: Decimal, carried_in: Decimal, spent: Decimal, out: Decimal, drawn: Decimal) -> str:
    return _(
        "%(label)s本年收入%(income)s + 年初结转和结余%(opening)s%(drawn)s = %(incoming)s，"
        "与本年支出%(spent)s + 结余分配和年末结转和结余%(out)s = %(outgoing)s不相等，相差%(difference)s。"
    ) % {
        "label": label,
        "income": wan(income),
        "opening": wan(carried_in),
        "drawn": _(" + 用事业基金弥补收支差额%(amount)s") % {"amount": wan(drawn)} if drawn else "",
        "incoming": wan(income + carried_in + drawn),
        "spent": wan(spent),
        "out": wan(out),
        "outgoing": wan(spent + out),
        "difference": difference(income + carried_in + drawn, spent + out),
    }


def check_final_balances(data: DisclosureData) -> list[Finding]:
    """收入支出决算总表 as a whole, then each fund (the fiscal ones as 财政拨款收入支出决算总表 prints them)."""
    findings: list[Finding] = []
    drawn = data.final_figure("fund_drawdown")
    distributed = data.final_figure("surplus_distribution")
    spent_all = total(line.total for line in data.lines)
    incoming = income_total(data) + opening(data) + drawn
    outgoing = spent_all + distributed + closing(data)
    figures = [*data.income.values(), *data.final.values(), *line_figures(data.lines)]
    if disagree(incoming, outgoing, figures):
        detail = _detail("", income_total(data), opening(data), spent_all, distributed + closing(data), drawn)
        findings.append(error(BALANCE_TOTAL, TableKey.FINAL_INCOME_EXPENDITURE, _("总计"), _("决算数"), detail))
    for fund in Fund.values:
        lines = [line for line in data.lines if line.fund == fund]
        is_unit = fund == Fund.UNIT_FUNDS
        income = _fund_income(data, fund)
        carried_in = data.income_amount(CARRYOVER_KEYS[fund])
        out = closing(data, (fund,)) + (distributed if is_unit else 0)
        spent = total(line.total for line in lines)
        fund_drawn = drawn if is_unit else 0
        if not disagree(income + carried_in + fund_drawn, spent + out, [income, carried_in, out, *line_figures(lines)]):
            continue
        detail = _detail(fund_label(fund), income, carried_in, spent, out, fund_drawn)
        if fund in FISCAL_FUNDS:
            findings.append(error(BALANCE_FUND, TableKey.FINAL_FISCAL, FUND_ROWS[fund], _("金额"), detail, "income"))
        else:
            findings.append(error(BALANCE_FUND, TableKey.FINAL_INCOME_EXPENDITURE, fund_label(fund), _("决算数"),
                                  detail, "income"))  # fmt: skip
    return findings


def check_fiscal_lines_against_totals(data: DisclosureData) -> list[Finding]:
    """Each fiscal fund's income by 项 (收入决算表) = its income in the 总表, where the 项 state any; the 项's
    年初 / 年末结转和结余 (政府性基金 table) = the fund's, where they state any."""
    findings: list[Finding] = []
    for fund in FISCAL_FUNDS:
        lines = [line for line in data.lines if line.fund == fund]
        by_lines = total(line.income for line in lines)
        if by_lines and disagree(by_lines, fiscal_income(data, fund), [line.income for line in lines]):
            findings.append(error(INCOME_LINES, TableKey.FINAL_INCOME, _("合计"), _("财政拨款收入"), _(
                "%(fund)s各科目本年收入合计%(lines)s，与财政拨款收入支出决算总表的%(fund)s收入%(total)s不相等，相差%(difference)s。"
            ) % {"fund": FUND_ROWS[fund], "lines": wan(by_lines), "total": wan(fiscal_income(data, fund)),
                 "difference": difference(by_lines, fiscal_income(data, fund))}))  # fmt: skip
        for name, label, stated in (
            ("opening_balance", _("年初结转和结余"), data.income_amount(CARRYOVER_KEYS[fund])),
            ("closing_balance", _("年末结转和结余"), closing(data, (fund,))),
        ):
            by_lines = total(getattr(line, name) for line in lines)
            if by_lines and disagree(by_lines, stated, [getattr(line, name) for line in lines]):
                table = TableKey.FINAL_GOV_FUND if fund == Fund.GOV_FUND else TableKey.FINAL_FISCAL
                findings.append(error(BALANCE_LINES, table, _("合计"), label, _(
                    "%(fund)s各科目%(label)s合计%(lines)s，与总表的%(total)s不相等，相差%(difference)s。"
                ) % {"fund": FUND_ROWS[fund], "label": label, "lines": wan(by_lines), "total": wan(stated),
                     "difference": difference(by_lines, stated)}))  # fmt: skip
    return findings


def _large_gap(budget: Decimal, actual: Decimal) -> bool:
    gap = abs(actual - budget)
    if gap < GAP_AMOUNT:
        return False
    rate = percent(gap, budget)
    return rate is None or rate >= GAP_SHARE


def check_budget_gaps(data: DisclosureData, names) -> list[Finding]:
    """决算数 beyond ``GAP_SHARE`` of 年初预算数 (or on a zero budget) without the unit's reason."""
    findings: list[Finding] = []
    for fund in FISCAL_FUNDS:
        lines = sorted((line for line in data.lines if line.fund == fund), key=lambda line: line.function_code)
        table = TableKey.FINAL_GOV_FUND if fund == Fund.GOV_FUND else TableKey.GENERAL_BUDGET
        wanted = [(reasons.budget_gap(fund), _("合计"), total(line.budget_initial for line in lines),
                   total(line.total for line in lines))]  # fmt: skip
        wanted += [
            (reasons.budget_gap(fund, line.function_code), f"{line.function_code} {names.function(line.function_code)}",
             line.budget_initial, line.total)
            for line in lines
        ]  # fmt: skip
        for key, row, budget, actual in wanted:
            if not _large_gap(budget, actual) or data.explanations.get(key, "").strip():
                continue
            detail = _(
                "%(fund)s决算数%(actual)s与年初预算数%(budget)s相差%(gap)s，请说明%(direction)s预算数的主要原因。"
            ) % {"fund": FUND_ROWS[fund], "actual": wan(actual), "budget": wan(budget),
                 "gap": wan(abs(actual - budget)),
                 "direction": _("大于") if actual > budget else _("小于")}  # fmt: skip
            findings.append(warning(BUDGET_GAP, table, row, _("决算数"), detail, f"explanations.{key}"))
    return findings


__all__ = ["check_budget_gaps", "check_final_balances", "check_fiscal_lines_against_totals"]
