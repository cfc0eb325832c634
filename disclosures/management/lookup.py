"""What the disclosure commands share: the ``--kind`` option and finding the disclosure they act on."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from disclosures.choices import Kind
from disclosures.models import Disclosure


def add_kind_argument(parser, default: str | None = Kind.BUDGET) -> None:
    parser.add_argument("--kind", choices=Kind.values, default=default, help="budget（预算，默认）或 final（决算）")


def current_disclosure(unit_code: str, year: int, kind: str) -> Disclosure:
    """The unit's open version of the year and kind, else its published one; refused naming the kind."""
    disclosure = (
        Disclosure.objects.for_unit_year(unit_code, year, kind)
        .select_related("unit__department__jurisdiction")
        .order_by("-version")
    ).first()
    if disclosure is None:
        raise CommandError(
            _("找不到单位 %(unit)s %(year)s年的%(kind)s公开材料。")
            % {"unit": unit_code, "year": year, "kind": Kind(kind).label if kind == Kind.FINAL else ""}
        )
    return disclosure
