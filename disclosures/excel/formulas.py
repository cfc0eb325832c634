"""The totals of a table's sheet as Excel formulas, so that a unit typing in the workbook sees them follow.

Which cells total which is known from the table's structure, not guessed from the figures: a row of
the builder sums the rows under it one level down (合计 → department → unit → items; 合计 → 类 → 款;
a section of table 1 → its parts), a 合计 of table 1's income sums the sections above it (and the
合计 above them), a fund row of
the “三公” table sums the unit rows of that fund, and a column sums the columns declared as its parts
(``COLUMN_PARTS``). A formula is written only when it gives exactly the figure the portal computed
(the export checks it against the data); otherwise the figure stays a plain number. The import never
reads these cells: it recomputes them (disclosures.excel.recomputed).
"""

from dataclasses import dataclass
from decimal import Decimal

from openpyxl.utils import get_column_letter

from disclosures.choices import Fund
from disclosures.excel.layout import FUND_AMOUNT_KEYS, SheetLayout
from disclosures.money import ZERO
from disclosures.tables.builders import BUILDERS, DEPARTMENT, GROUP, ITEM, SECTION, SUB, TOTAL, UNIT, Row
from disclosures.tables.declaration import AMOUNT, TableKey

# How deep a row sits in a table: a row sums the rows below it of the next depth present.
DEPTH = {TOTAL: 0, DEPARTMENT: 1, SECTION: 1, GROUP: 2, SUB: 2, UNIT: 2, ITEM: 3}
BASIC_SPLIT = {"basic": ("personnel", "public")}
SPENDING = {"total": ("basic", "project"), **BASIC_SPLIT}
FUNDED = {"fund_total": FUND_AMOUNT_KEYS}
COLUMN_PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    TableKey.INCOME: {
        "total": ("current_total", "carryover_total"),
        "current_total": tuple(f"current_{fund}" for fund in Fund.values),
        "carryover_total": tuple(f"carryover_{fund}" for fund in Fund.values),
    },
    TableKey.EXPENDITURE: SPENDING,
    TableKey.GENERAL_BUDGET: SPENDING,
    TableKey.GOV_FUND: SPENDING,
    TableKey.STATE_CAPITAL: SPENDING,
    TableKey.BASIC_BY_ECONOMIC: {"total": ("personnel", "public")},
    TableKey.THREE_PUBLIC: {
        "three_public_total": ("abroad", "vehicle", "reception"),
        "vehicle": ("vehicle_purchase", "vehicle_operation"),
        "training": ("training_local", "training_superior"),
    },
    TableKey.PROCUREMENT: {
        **FUNDED,
        "type_total": ("centralized", "decentralized"),
        "centralized": ("centralized_goods", "centralized_works", "centralized_services"),
        "decentralized": ("decentralized_goods", "decentralized_works", "decentralized_services"),
    },
    TableKey.SERVICE_PURCHASES: FUNDED,
}
TWO_SIDED_ROWS_TOTAL = "income_amount"  # table 1 and 4: the row kinds are the income side's


@dataclass(frozen=True)
class Total:
    """A derived cell as a sum of other cells of its sheet (by row position and column key)."""

    cells: tuple[tuple[int, str], ...]
    matching: tuple[str, str] | None = None  # SUMIF: only the rows whose ``key`` column holds ``text``

    def value(self, rows: list[Row]) -> Decimal:
        """What the formula gives for the rows as built (a blank cell counts as zero, as in Excel)."""
        summed = self.cells
        if self.matching is not None:
            key, text = self.matching
            summed = tuple(cell for cell in summed if str(rows[cell[0]].cells.get(key, "")) == text)
        return sum((_amount(rows[position].cells.get(key)) for position, key in summed), ZERO)

    def formula(self, first_row: int, letters: dict[str, str]) -> str:
        if self.matching is not None:
            key, text = self.matching
            positions = [position for position, _key in self.cells]
            column = self.cells[0][1]
            top, bottom = first_row + positions[0], first_row + positions[-1]
            criteria = text.replace('"', '""')
            return (
                f'=SUMIF({letters[key]}{top}:{letters[key]}{bottom},"{criteria}",'
                f"{letters[column]}{top}:{letters[column]}{bottom})"
            )
        return "=" + _sum_of([f"{letters[key]}{first_row + position}" for position, key in self.cells])


def _amount(value) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO


def _sum_of(references: list[str]) -> str:
    """SUM(D8:D15) for a run of cells one under the other, D7+E7 for a few, SUM(…) of a list otherwise."""
    if len(references) == 1:
        return references[0]
    letters = {reference.rstrip("0123456789") for reference in references}
    numbers = [int(reference[len(reference.rstrip("0123456789")) :]) for reference in references]
    if len(letters) == 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"SUM({references[0]}:{references[-1]})"
    if len(references) <= 3:
        return "+".join(references)
    return f"SUM({','.join(references)})"


def sheet_totals(layout: SheetLayout, rows: list[Row]) -> dict[tuple[int, str], Total]:
    """The formula of each derived amount cell of a budget table's sheet that totals cells of the sheet.

    The 决算's own tables are derived from its 决算明细 sheet row by row, and keep their figures."""
    if layout.spec.key not in BUILDERS:
        return {}
    columns = [column.key for column in layout.columns if column.kind == AMOUNT]
    two_sided = "income_item" in {column.key for column in layout.columns}
    row_keys = [TWO_SIDED_ROWS_TOTAL] if two_sided else columns
    parts = {
        key: keys
        for key, keys in COLUMN_PARTS.get(layout.spec.key, {}).items()
        if {key, *keys} <= set(columns)  # a layout may not print a total's parts (表8 has no 人员经费)
    }
    totals: dict[tuple[int, str], Total] = {}
    for position, row in enumerate(rows):
        for key in columns:
            if key in row.entered:
                continue
            total = _row_total(rows, position, key, layout, two_sided) if key in row_keys else None
            if total is None and key in parts:
                total = Total(tuple((position, part) for part in parts[key]))
            if total is not None:
                totals[(position, key)] = total
    return totals


def _row_total(rows: list[Row], position: int, key: str, layout: SheetLayout, two_sided: bool) -> Total | None:
    if two_sided and rows[position].kind == TOTAL:
        return _closing_total(rows, position, key)
    depth = DEPTH[rows[position].kind]
    below = []
    for offset, row in enumerate(rows[position + 1 :], start=position + 1):
        if DEPTH[row.kind] <= depth:
            break
        if not two_sided or key in row.cells:  # table 1's rows of expenditure only have no income cell
            below.append((offset, DEPTH[row.kind]))
    if below:
        nearest = min(level for _offset, level in below)
        return Total(tuple((offset, key) for offset, level in below if level == nearest))
    if rows[position].kind == GROUP and layout.spec.key == TableKey.THREE_PUBLIC:
        return _fund_total(rows, position, key)
    return None


def _closing_total(rows: list[Row], position: int, key: str) -> Total | None:
    """A 合计 under its sections (table 1's 本年收入合计, 收入总计): the total above it, if any, and the sections."""
    summed = []
    for offset in range(position - 1, -1, -1):
        kind = rows[offset].kind
        if kind in (TOTAL, SECTION) and key in rows[offset].cells:
            summed.append((offset, key))
        if kind == TOTAL:
            break
    return Total(tuple(reversed(summed))) if summed else None


def _fund_total(rows: list[Row], position: int, key: str) -> Total | None:
    """A fund row of the “三公” table: the unit rows of that fund, further down."""
    fund = rows[position].cells.get("fund")
    units = [offset for offset, row in enumerate(rows) if row.kind == UNIT]
    if not fund or not units:
        return None
    return Total(tuple((offset, key) for offset in range(units[0], units[-1] + 1)), matching=("fund", str(fund)))


def column_letters(layout: SheetLayout) -> dict[str, str]:
    return {column.key: get_column_letter(index) for index, column in enumerate(layout.columns, start=1)}
