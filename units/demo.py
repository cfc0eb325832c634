"""The demo organisation, accounts and disclosure that the README's run command creates."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.workflow.services import fire
from units.models import Department, Membership, Unit, User

DEMO_DEPARTMENT = ("309", "柳州市大数据发展局")
DEMO_UNIT = ("309002", "柳州市信息化建设管理中心", Unit.Type.CIVIL_SERVICE_MANAGED)
DEMO_FOLDER = Path(settings.BASE_DIR) / "disclosures" / "demo"
# Seed 002, the reference disclosure, becomes the demo unit's draft to work on.
DEMO_DISCLOSURE = DEMO_FOLDER / "seed-002-2025.json"
# Seeds 000 and 004 (柳江区, two units of two departments) and 003 (垫江县) are published, each in its own
# layout, so that the public site shows reports of three jurisdictions and three layouts from the start.
PUBLISHED_SEEDS = ("seed-000-2024.json", "seed-004-2024.json", "seed-003-2024.json")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    is_staff: bool = False
    is_superuser: bool = False
    units: tuple[str, ...] = (DEMO_UNIT[0],)  # an accountant's units


DEMO_ACCOUNTS = [
    DemoAccount("kuaiji", "kuaiji-309002", User.Role.ACCOUNTANT, "演示会计"),
    DemoAccount("liujiang", "liujiang-2024", User.Role.ACCOUNTANT, "柳江区演示会计", units=("101005", "128002")),
    DemoAccount("dianjiang", "dianjiang-2024", User.Role.ACCOUNTANT, "垫江县演示会计", units=("105002",)),
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
                # Notifications go to these addresses: the console (or file) mail backend shows them.
                "email": f"{account.username}@demo.budgetportal.invalid",
            },
        )
        user.set_password(account.password)
        user.save(update_fields=["password"])
    _accounts_join_their_units()
    return unit


def _accounts_join_their_units() -> None:
    for account in DEMO_ACCOUNTS:
        if account.role == User.Role.ACCOUNTANT:
            user = User.objects.get(username=account.username)
            for unit in Unit.objects.filter(code__in=account.units):
                Membership.objects.get_or_create(user=user, unit=unit)


def load_demo_disclosure(unit: Unit) -> Disclosure | None:
    """Import seed 002 as the unit's draft of its year, unless the unit has a disclosure of that year already.

    Returns the new draft, or None when there was one (work done on the demo is never overwritten).
    """
    data = parse(DEMO_DISCLOSURE.read_bytes())
    if Disclosure.objects.filter(unit=unit, year=data.year, kind=data.kind).exists():
        return None
    return import_disclosure(data=data)


def load_published_seeds() -> list[Disclosure]:
    """Import seeds 000, 004 and 003 and take each through submission, approval and publication, as their
    units' accountants and the demo reviewer would; a seed already in the portal is left as it is.

    Returns the disclosures published now. The seeds print no 批复 date, so none is recorded.
    """
    published = []
    for name in PUBLISHED_SEEDS:
        data = parse((DEMO_FOLDER / name).read_bytes())
        if Disclosure.objects.filter(unit__code=data.unit_code, year=data.year, kind=data.kind).exists():
            continue
        with transaction.atomic():
            disclosure = import_disclosure(data=data)
            _accounts_join_their_units()
        accountant = User.objects.filter(memberships__unit=disclosure.unit).order_by("pk").first()
        reviewer = User.objects.get(username="shenhe")
        disclosure = fire("submit", disclosure=disclosure, user=accountant, acknowledge_warnings=True).disclosure
        disclosure = fire("approve", disclosure=disclosure, user=reviewer, comment="演示数据").disclosure
        fire("publish", disclosure=disclosure, user=reviewer)
        published.append(Disclosure.objects.get(pk=disclosure.pk))
    return published
