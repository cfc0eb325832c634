"""What the unit must write that no figure can say: a line's 主要用于, a project's goal and indicators.

Missing text is a warning, not an error: the document can be produced without it, but the
narrative then has a sentence without its purpose and table 12 a project without a target.
"""

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, wan, warning
from disclosures.checks.labels import column_label, line_row, target_row
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

PURPOSE_MISSING = "line.purpose_missing"
GOAL_MISSING = "target.goal_missing"
INDICATORS_MISSING = "target.indicators_missing"


def check_purposes(data: DisclosureData, names: Names) -> list[Finding]:
    return [
        warning(
            PURPOSE_MISSING,
            TableKey.EXPENDITURE,
            line_row(line, names),
            column_label(TableKey.EXPENDITURE, "purpose"),
            _("支出%(amount)s未填写“主要用于”，情况说明中该科目将没有用途说明。") % {"amount": wan(line.total)},
            f"lines[{index}].purpose",
        )
        for index, line in enumerate(data.lines)
        if line.total and not line.purpose.strip()
    ]


def check_targets(data: DisclosureData) -> list[Finding]:
    findings: list[Finding] = []
    for index, target in enumerate(data.targets):
        if not target.goal.strip():
            findings.append(
                warning(
                    GOAL_MISSING,
                    TableKey.PERFORMANCE,
                    target_row(target),
                    column_label(TableKey.PERFORMANCE, "goal"),
                    _("未填写年度绩效目标。"),
                    f"targets[{index}].goal",
                )
            )
        if not target.indicators:
            findings.append(
                warning(
                    INDICATORS_MISSING,
                    TableKey.PERFORMANCE,
                    target_row(target),
                    _("绩效指标"),
                    _("未填写任何绩效指标（数量、质量、时效、成本、效益、满意度）。"),
                    f"targets[{index}].indicators",
                )
            )
    return findings
