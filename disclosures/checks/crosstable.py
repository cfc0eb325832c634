"""Tables that restate each other's figures must agree: 6 with 5, 12 with 3, 7 with 6, 10 and 11 with 3.

Table 6 (entered by economic 款) and table 12 (entered by project) are typed separately from the
expenditure lines that tables 3 and 5 are summed from, so their totals can drift apart. Table 7's
公务接待费, 会议费 and 培训费 usually equal the 款 30217, 30215 and 30216 of table 6, but may also be
paid from project funds, so a difference there is only a warning.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, difference, disagree, error, line_figures, total, wan, warning
from disclosures.checks.labels import code_row, column_label, fund_label, funded_row, funded_tables
from disclosures.choices import Fund
from disclosures.snapshot import FUND_FIELDS, DisclosureData, FundedRow, Line
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

BASIC_BY_ECONOMIC = "crosstable.basic_by_economic"
TARGETS_TOTAL = "crosstable.targets_total"
THREE_PUBLIC_ECONOMIC = "crosstable.three_public_economic"
FUNDED_WITHOUT_EXPENDITURE = "crosstable.funded_without_expenditure"
FUNDED_EXCEEDS_EXPENDITURE = "crosstable.funded_exceeds_expenditure"

# Table 7 column → the table 6 economic 款 that holds the same cost when paid from basic expenditure.
THREE_PUBLIC_CODES = (("reception", "30217"), ("meeting", "30215"), ("training", "30216"))


def check_basic_against_general_budget(data: DisclosureData) -> list[Finding]:
    """Table 6's 人员经费 and 公用经费 = table 5's 基本支出 columns (its 合计 then agrees too)."""
    lines = [line for line in data.lines if line.fund == Fund.GENERAL_BUDGET]
    findings = []
    for key in ("personnel", "public"):
        by_economic = [getattr(row, key) for row in data.basic]
        by_function = [getattr(line, key) for line in lines]
        if not disagree(total(by_economic), total(by_function), [*by_economic, *by_function]):
            continue
        detail = _(
            "本表各款合计%(economic)s，与预算公开05表“合计”行基本支出“%(column)s”%(function)s"
            "（一般公共预算支出明细汇总）不相等，相差%(difference)s。"
        ) % {
            "economic": wan(total(by_economic)),
            "column": column_label(TableKey.GENERAL_BUDGET, key),
            "function": wan(total(by_function)),
            "difference": difference(total(by_economic), total(by_function)),
        }
        findings.append(
            error(
                BASIC_BY_ECONOMIC,
                TableKey.BASIC_BY_ECONOMIC,
                _("合计"),
                column_label(TableKey.BASIC_BY_ECONOMIC, key),
                detail,
                "basic",
            )
        )
    return findings


def check_targets_total(data: DisclosureData) -> list[Finding]:
    """Table 12's 预算资金总额 summed = 项目支出 of all lines (every project has its target)."""
    amounts = [target.amount for target in data.targets]
    projects = [line.project for line in data.lines]
    if not disagree(total(amounts), total(projects), [*amounts, *projects]):
        return []
    advice = (
        _("有项目支出的项目都应填报绩效目标，请补填缺少的项目。")
        if total(amounts) < total(projects)
        else _("请核对各项目的预算资金总额。")
    )
    detail = _(
        "%(count)s个项目的预算资金总额合计%(targets)s，与预算公开03表“合计”行“项目支出”%(project)s不相等，"
        "相差%(difference)s；%(advice)s"
    ) % {
        "count": len(amounts),
        "targets": wan(total(amounts)),
        "project": wan(total(projects)),
        "difference": difference(total(amounts), total(projects)),
        "advice": advice,
    }
    return [
        error(
            TARGETS_TOTAL,
            TableKey.PERFORMANCE,
            _("合计"),
            column_label(TableKey.PERFORMANCE, "amount"),
            detail,
            "targets",
        )
    ]


def check_three_public_against_economic(data: DisclosureData, names: Names) -> list[Finding]:
    general = [row for row in data.three_public if row.fund == Fund.GENERAL_BUDGET]
    basic = {row.economic_code: row for row in data.basic}
    findings = []
    for key, code in THREE_PUBLIC_CODES:
        three_public = [getattr(row, key) for row in general]
        economic = [basic[code].personnel, basic[code].public] if code in basic else []
        if not disagree(total(three_public), total(economic), [*three_public, *economic]):
            continue
        column = _("培训费") if key == "training" else column_label(TableKey.THREE_PUBLIC, key)
        detail = _(
            "一般公共预算安排的%(column)s%(three_public)s，与预算公开06表“%(code)s”行%(economic)s不一致，"
            "相差%(difference)s；如差额由项目支出安排，请在审核时说明。"
        ) % {
            "column": column,
            "three_public": wan(total(three_public)),
            "code": code_row(code, names.economic(code)),
            "economic": wan(total(economic)),
            "difference": difference(total(three_public), total(economic)),
        }
        row = fund_label(Fund.GENERAL_BUDGET)
        findings.append(warning(THREE_PUBLIC_ECONOMIC, TableKey.THREE_PUBLIC, row, column, detail, "three_public"))
    return findings


def _funded_against_lines(
    table: str, name: str, items: list[FundedRow], lines_by_code: dict[str, list[Line]], names: Names
) -> list[Finding]:
    findings = []
    items_by_code: dict[str, list[FundedRow]] = defaultdict(list)
    for index, item in enumerate(items):
        items_by_code[item.function_code].append(item)
        if item.function_code not in lines_by_code:
            detail = _("功能分类科目“%(code)s”在预算公开03表中没有支出，请核对科目。") % {
                "code": code_row(item.function_code, names.function(item.function_code))
            }
            findings.append(
                warning(
                    FUNDED_WITHOUT_EXPENDITURE,
                    table,
                    funded_row(item),
                    column_label(table, "function_code"),
                    detail,
                    f"{name}[{index}].function_code",
                )
            )
    for code, members in items_by_code.items():
        lines = lines_by_code.get(code)
        if not lines:
            continue
        amounts: list[Decimal] = [item.fund(key) for item in members for key in FUND_FIELDS]
        spent = line_figures(lines)
        if total(amounts) <= total(spent) or not disagree(total(amounts), total(spent), [*amounts, *spent]):
            continue
        detail = _("该科目下各项目合计%(items)s，超过预算公开03表该科目的支出%(spent)s（超出%(difference)s）。") % {
            "items": wan(total(amounts)),
            "spent": wan(total(spent)),
            "difference": difference(total(amounts), total(spent)),
        }
        row = code_row(code, names.function(code))
        findings.append(warning(FUNDED_EXCEEDS_EXPENDITURE, table, row, _("合计"), detail, name))
    return findings


def check_funded_items(data: DisclosureData, names: Names) -> list[Finding]:
    """Tables 10 and 11: each item is filed under a 项 that has expenditure, and no 项 is exceeded."""
    lines_by_code: dict[str, list[Line]] = defaultdict(list)
    for line in data.lines:
        lines_by_code[line.function_code].append(line)
    return [
        finding
        for table, name, items in funded_tables(data)
        for finding in _funded_against_lines(table, name, items, lines_by_code, names)
    ]
