"""Every classification code is in the disclosure year's catalog, at the level its table uses.

The database only stores codes through the catalog, but data parsed from a workbook or built
in code reaches the checks before it is saved, and a catalog can be replaced by the official one.
"""

from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode, Scheme
from disclosures.checks.findings import Finding, error
from disclosures.checks.labels import code_row, column_label, economic_row, funded_row, funded_tables, line_row
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

UNKNOWN = "code.unknown"
WRONG_LEVEL = "code.level"

ITEM_LEVEL = 3  # function 项, 7 digits
SECTION_LEVEL = 2  # economic 款, 5 digits


def _check(
    book: dict[tuple[str, str], ClassificationCode],
    year: int,
    scheme: str,
    level: int,
    code: str,
    where: tuple[int, str, str, str],
) -> list[Finding]:
    table, row, column, field = where
    entry = book.get((scheme, code))
    if entry is None:
        detail = _("科目“%(code)s”不在%(year)s年%(scheme)s目录中，请按当年目录重新选择。") % {
            "code": code,
            "year": year,
            "scheme": Scheme(scheme).label,
        }
        return [error(UNKNOWN, table, row, column, detail, field)]
    if entry.level != level:
        wanted = _("7位“项”级") if level == ITEM_LEVEL else _("5位“款”级")
        detail = _("科目“%(code)s”是“%(level)s”级科目，此处应填写%(wanted)s科目。") % {
            "code": code_row(entry.code, entry.name),
            "level": entry.level_name,
            "wanted": wanted,
        }
        return [error(WRONG_LEVEL, table, row, column, detail, field)]
    return []


def check_codes(data: DisclosureData, book: dict[tuple[str, str], ClassificationCode], names: Names) -> list[Finding]:
    findings: list[Finding] = []
    for index, line in enumerate(data.lines):
        where = (
            TableKey.EXPENDITURE,
            line_row(line, names),
            column_label(TableKey.EXPENDITURE, "function_code"),
            f"lines[{index}].function_code",
        )
        findings += _check(book, data.year, Scheme.FUNCTION, ITEM_LEVEL, line.function_code, where)
    for index, row in enumerate(data.basic):
        where = (
            TableKey.BASIC_BY_ECONOMIC,
            economic_row(row, names),
            column_label(TableKey.BASIC_BY_ECONOMIC, "economic_code"),
            f"basic[{index}].economic_code",
        )
        findings += _check(book, data.year, Scheme.ECON_DEPT, SECTION_LEVEL, row.economic_code, where)
    for table, name, items in funded_tables(data):
        for index, item in enumerate(items):
            where = (table, funded_row(item), column_label(table, "function_code"), f"{name}[{index}].function_code")
            findings += _check(book, data.year, Scheme.FUNCTION, ITEM_LEVEL, item.function_code, where)
    return findings
