"""The blank workbook a unit fills in: its identity filled, every entry cell empty and unlocked."""

from disclosures.excel.export import workbook_bytes
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData, code_book


def template_data(disclosure: Disclosure) -> DisclosureData:
    unit = disclosure.unit
    return DisclosureData(
        year=disclosure.year,
        kind=disclosure.kind,
        department_code=unit.department.code,
        department_name=unit.department.name,
        unit_code=unit.code,
        unit_name=unit.name,
        unit_type=unit.type,
        layout=disclosure.layout,  # the template has the sheets of the disclosure's layout
        jurisdiction_code=unit.department.jurisdiction.code,
        jurisdiction_name=unit.department.jurisdiction.name,
    )


def template_bytes(disclosure: Disclosure) -> bytes:
    """The blank template for the disclosure's unit and year; derived cells are locked (protection has no password)."""
    return workbook_bytes(template_data(disclosure), code_book(disclosure.year), template=True)


def template_file_name(disclosure: Disclosure) -> str:
    return f"{disclosure.unit.code}-{disclosure.year}-template.xlsx"
