"""What the disclosure commands share: the ``--kind`` option, and finding the document they act on (a unit's,
or with ``--department`` a department's)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from disclosures.choices import Kind
from disclosures.models import Disclosure


def add_kind_argument(parser, default: str | None = Kind.BUDGET) -> None:
    parser.add_argument("--kind", choices=Kind.values, default=default, help="budget（预算，默认）或 final（决算）")


def add_document_arguments(parser, *, code_help: str = "unit code (a department code with --department)") -> None:
    parser.add_argument("code", help=code_help)
    parser.add_argument("year", type=int)
    parser.add_argument("--department", action="store_true", help="the department's consolidated document")
    add_kind_argument(parser)


def find_document(code: str, year: int, *, department: bool, kind: str = Kind.BUDGET) -> Disclosure:
    """The open version of the document, else the published one; CommandError when there is none."""
    if department:
        versions = Disclosure.objects.for_department_year(code, year, kind).select_related("department__jurisdiction")
    else:
        versions = Disclosure.objects.for_unit_year(code, year, kind).select_related("unit__department__jurisdiction")
    disclosure = versions.order_by("-version").first()
    if disclosure is None:
        owner = _("部门") if department else _("单位")
        raise CommandError(
            _("找不到%(owner)s %(code)s %(year)s年的公开材料（%(kind)s）。")
            % {"owner": owner, "code": code, "year": year, "kind": Kind(kind).label}
        )
    return disclosure
