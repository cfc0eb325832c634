"""The demo organisation, accounts and disclosure that the README's run command creates."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from units.models import Department, Membership, Unit, User

DEMO_DEPARTMENT = ("309", "柳州市大数据发展局")
DEMO_UNIT = ("309002", "柳州市信息化建设管理中心", Unit.Type.CIVIL_SERVICE_MANAGED)
# Seed 002, the reference disclosure, becomes the demo unit's draft to work on.
DEMO_DISCLOSURE = Path(settings.BASE_DIR) / "disclosures" / "demo" / "seed-002-2025.json"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("kuaiji", "kuaiji-309002", User.Role.ACCOUNTANT, "演示会计"),
    DemoAccount("shenhe", "shenhe-2025", User.Role.REVIEWER, "演示审核员"),
    DemoAccount("admin", "admin-demo", User.Role.ADMINISTRATOR, "系统管理员", is_staff=True, is_superuser=True),
]


@transaction.atomic
def create_demo_organisation() -> Unit:
    department, _ = Department.objects.update_or_create(code=DEMO_DEPARTMENT[0], defaults={"name": DEMO_DEPARTMENT[1]})
    unit, _ = Unit.objects.update_or_create(
        code=DEMO_UNIT[0], defaults={"name": DEMO_UNIT[1], "type": DEMO_UNIT[2], "department": department}
    )
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "role": account.role,
                "last_name": account.full_name,
                "is_staff": account.is_staff,
                "is_superuser": account.is_superuser,
            },
        )
        user.set_password(account.password)
        user.save(update_fields=["password"])
        if account.role == User.Role.ACCOUNTANT:
            Membership.objects.get_or_create(user=user, unit=unit)
    return unit


def load_demo_disclosure(unit: Unit) -> Disclosure | None:
    """Import seed 002 as the unit's draft of its year, unless the unit has a disclosure of that year already.

    Returns the new draft, or None when there was one (work done on the demo is never overwritten).
    """
    data = parse(DEMO_DISCLOSURE.read_bytes())
    if Disclosure.objects.filter(unit=unit, year=data.year, kind=data.kind).exists():
        return None
    return import_disclosure(data=data)
