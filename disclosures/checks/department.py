"""A department's document: the units it is built from are there and approved, and its sums tie to theirs.

Its own figures (三公, 机关运行经费, procurement, targets, the balances) are the sums of its units' and go
through every other check as a unit's do; the reasons those checks ask for are the department's own.
These rules are the department's alone: an included unit must have a document of the year and kind (else
it is left out, with a reason), should be approved before the department's is submitted (submission
refuses otherwise), and every table's 合计 and department rows must equal the sum of its unit rows.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, difference, error, warning
from disclosures.choices import Kind, Status
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import DEPARTMENT, TOTAL, UNIT, BuiltTable
from disclosures.tables.declaration import AMOUNT

UNIT_MISSING = "department.unit_missing"
UNIT_NOT_APPROVED = "department.unit_not_approved"
SUMS = "department.sums"
READY = (Status.APPROVED, Status.PUBLISHED)


def check_units(data: DisclosureData) -> list[Finding]:
    if not data.is_department_level:
        return []
    findings = []
    kind = Kind(data.kind).label
    for unit in data.units:
        if not unit.included:
            continue
        if unit.version is None:
            findings.append(
                error(UNIT_MISSING, None, "", "", _(
                    "单位%(code)s%(name)s没有%(year)s年%(kind)s公开材料：请先编制，或不纳入部门汇总并说明原因。"
                ) % {"code": unit.code, "name": unit.name, "year": data.year, "kind": kind}, "units")
            )  # fmt: skip
        elif unit.status not in READY:
            findings.append(
                warning(UNIT_NOT_APPROVED, None, "", "", _(
                    "单位%(code)s%(name)s的公开材料尚未审核通过（%(status)s），部门公开材料须待其审核通过后提交。"
                ) % {"code": unit.code, "name": unit.name, "status": Status(unit.status).label}, "units")
            )  # fmt: skip
    return findings


def check_sums(data: DisclosureData, tables: list[BuiltTable]) -> list[Finding]:
    """Every table's 合计 and department rows against the sum of its unit rows, column by column."""
    if not data.is_department_level:
        return []
    findings = []
    for table in tables:
        rows = {kind: [row for row in table.rows if row.kind == kind] for kind in (TOTAL, DEPARTMENT, UNIT)}
        if not rows[UNIT] or len(rows[TOTAL]) != 1 or len(rows[DEPARTMENT]) != 1:
            continue  # a table without organisation rows (1, 4, 6), or an empty one
        for leaf in table.spec.leaves:
            if leaf.kind != AMOUNT:
                continue
            units = sum((row.cells.get(leaf.key) or Decimal("0") for row in rows[UNIT]), Decimal("0"))
            for summary in (rows[TOTAL][0], rows[DEPARTMENT][0]):
                printed = summary.cells.get(leaf.key) or Decimal("0")
                if printed != units:
                    findings.append(
                        error(SUMS, table.spec.key, str(summary.cells.get("name", "")), str(leaf.label), _(
                            "%(row)s行%(column)s与各单位之和不相等，相差%(difference)s。"
                        ) % {"row": summary.cells.get("name", ""), "column": leaf.label,
                             "difference": difference(printed, units)})
                    )  # fmt: skip
    return findings
