"""Basic expenditure by its nature: which 类 are 人员经费, and who reports 机关运行经费.

人员经费 are 301 工资福利支出 and 303 对个人和家庭的补助; every other 类 of basic expenditure
(302 商品和服务支出, 310 资本性支出 …) is 公用经费. 机关运行经费 is reported only by 行政单位 and
参公 units (seed 003: “我中心属事业单位，不在机关运行经费统计范围之内”), and such a unit that has
公用经费 has 机关运行经费 — unless its layout reports 单位运行经费 for every unit (Liujiang), which
every unit with 公用经费 then has.
"""

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, total, wan, warning
from disclosures.checks.labels import code_row, column_label, economic_row
from disclosures.choices import Fund
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey
from units.models import Unit

WRONG_COLUMN = "basic.wrong_column"
OPERATING_COSTS_NOT_REPORTED = "operating_costs.not_applicable"
OPERATING_COSTS_MISSING = "operating_costs.missing"

PERSONNEL_CLASSES = ("301", "303")


def check_economic_columns(data: DisclosureData, names: Names) -> list[Finding]:
    findings = []
    for index, row in enumerate(data.basic):
        class_code = row.economic_code[:3]
        is_personnel = class_code in PERSONNEL_CLASSES
        misplaced, expected = ("public", "personnel") if is_personnel else ("personnel", "public")
        amount = getattr(row, misplaced)
        if not amount:
            continue
        detail = _("“%(class)s”类科目属于%(expected)s，却在“%(misplaced)s”列填写了%(amount)s。") % {
            "class": code_row(class_code, names.economic(class_code)),
            "expected": column_label(TableKey.BASIC_BY_ECONOMIC, expected),
            "misplaced": column_label(TableKey.BASIC_BY_ECONOMIC, misplaced),
            "amount": wan(amount),
        }
        findings.append(
            warning(
                WRONG_COLUMN,
                TableKey.BASIC_BY_ECONOMIC,
                economic_row(row, names),
                column_label(TableKey.BASIC_BY_ECONOMIC, misplaced),
                detail,
                f"basic[{index}]",
            )
        )
    return findings


def check_operating_costs(data: DisclosureData, *, every_unit: bool = False) -> list[Finding]:
    """``every_unit``: the layout reports 单位运行经费 for every unit type, not 机关运行经费 for agencies only."""
    unit_type = str(Unit.Type(data.unit_type).label) if data.unit_type in Unit.Type.values else data.unit_type
    if every_unit:
        place = (None, _("第二部分 情况说明"), _("单位运行经费"))
        public = total(line.public for line in data.lines if line.fund == Fund.GENERAL_BUDGET)
        if data.operating_costs or not public:
            return []
        detail = _("应填报单位运行经费，但填写为0；一般公共预算基本支出中公用经费为%(public)s。") % {
            "public": wan(public)
        }
        return [warning(OPERATING_COSTS_MISSING, *place, detail, "operating_costs")]
    place = (None, _("第二部分 情况说明"), _("机关运行经费"))
    if not Unit(type=data.unit_type).counts_operating_costs:
        if not data.operating_costs:
            return []
        detail = _(
            "本单位为%(type)s，不在机关运行经费统计范围之内（仅行政单位和参公单位填报），却填写了%(amount)s。"
        ) % {
            "type": unit_type,
            "amount": wan(data.operating_costs),
        }
        return [warning(OPERATING_COSTS_NOT_REPORTED, *place, detail, "operating_costs")]
    public = total(line.public for line in data.lines if line.fund == Fund.GENERAL_BUDGET)
    if data.operating_costs or not public:
        return []
    detail = _("本单位为%(type)s，应填报机关运行经费，但填写为0；一般公共预算基本支出中公用经费为%(public)s。") % {
        "type": unit_type,
        "public": wan(public),
    }
    return [warning(OPERATING_COSTS_MISSING, *place, detail, "operating_costs")]
