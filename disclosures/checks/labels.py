"""How findings name rows and columns: as the unit sees them on the entry pages and in the tables."""

from disclosures.choices import Fund
from disclosures.snapshot import BasicRow, DisclosureData, FundedRow, Line, Target
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey
from disclosures.tables.presentation import named_spec


def column_label(table: str, key: str) -> str:
    """The label of an entry field of the table, else of its printed column with that key."""
    table_spec = named_spec(table)
    for entry_field in table_spec.entry_fields:
        if entry_field.name == key:
            return str(entry_field.label)
    for leaf in table_spec.leaves:
        if leaf.key == key:
            return str(leaf.label)
    return key


def fund_label(fund: str) -> str:
    return str(Fund(fund).label) if fund in Fund.values else fund


def code_row(code: str, name: str) -> str:
    return f"{code} {name}" if name and name != code else code


def line_row(line: Line, names: Names) -> str:
    """2150599 其他资源勘探工业信息等支出（一般公共预算）: the same 项 may have one line per fund."""
    return f"{code_row(line.function_code, names.function(line.function_code))}（{fund_label(line.fund)}）"


def economic_row(row: BasicRow, names: Names) -> str:
    return code_row(row.economic_code, names.economic(row.economic_code))


def funded_row(item: FundedRow) -> str:
    return item.project or item.function_code


def target_row(target: Target) -> str:
    return target.project


def funded_tables(data: DisclosureData) -> list[tuple[str, str, list[FundedRow]]]:
    """Tables 10 and 11 with the name of their list in DisclosureData."""
    return [
        (TableKey.PROCUREMENT, "procurement", data.procurement),
        (TableKey.SERVICE_PURCHASES, "service_purchases", data.service_purchases),
    ]
