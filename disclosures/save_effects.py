"""What a table save did to the checks elsewhere: the errors it brings about, counted and grouped by table.

A save is refused only for the table's own bad values; a valid save can still break a balance with
another table (table 3's expenditure against table 1's income, table 6 against table 3 …). The page
then says so at once — "已保存；因此产生3个错误（表1、5、6）" — with a link to each of those tables.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from disclosures.checks import Finding, run_checks
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData


def _identity(finding: Finding) -> tuple:
    return (finding.code, finding.table, finding.row, finding.column, finding.message)


def errors_caused(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """The errors found after a change that were not there before it."""
    known = {_identity(finding) for finding in before if finding.is_error}
    return [finding for finding in after if finding.is_error and _identity(finding) not in known]


@dataclass(frozen=True)
class SaveEffect:
    """The errors a save brought about, and the tables (by number in the layout) they are in."""

    errors: list[Finding]

    @property
    def table_numbers(self) -> list[int]:
        return sorted({finding.table_number for finding in self.errors if finding.table_number})

    @classmethod
    def of(cls, before: DisclosureData, after: DisclosureData, book: dict, previous: DisclosureData | None):
        return cls(errors_caused(run_checks(before, book, previous), run_checks(after, book, previous)))


def saved_message(disclosure: Disclosure, table_code: str, effect: SaveEffect) -> str | SafeString:
    """预算公开03表已保存。 or 预算公开03表已保存；因此产生3个错误（表1、5、6）, each table a link to its tab."""
    if not effect.errors:
        return _("%(table)s已保存。") % {"table": table_code}
    args = disclosure.workspace_args
    links = format_html_join(
        "、",
        '<a href="{}" class="alert-link">{}</a>',
        ((reverse("disclosures:table", args=[*args, number]), _("表%(number)d") % {"number": number})
         for number in effect.table_numbers),
    )  # fmt: skip
    where = format_html("（{}）", links) if effect.table_numbers else ""
    return format_html(
        "{}{}",
        _("%(table)s已保存；因此产生%(count)d个错误") % {"table": table_code, "count": len(effect.errors)},
        where,
    )
