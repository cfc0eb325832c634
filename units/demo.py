"""The demo organisation, accounts and disclosure that the README's run command creates."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from disclosures.department_documents import save_texts, start_department_document
from disclosures.interchange import parse
from disclosures.models import Disclosure
from disclosures.services import import_disclosure
from disclosures.workflow.services import fire
from units.models import Department, DepartmentMembership, Membership, Unit, User

DEMO_DEPARTMENT = ("309", "柳州市大数据发展局")
DEMO_UNIT = ("309002", "柳州市信息化建设管理中心", Unit.Type.CIVIL_SERVICE_MANAGED)
# The department's second unit, its 本级 (seed 002's figures doubled): approved, so that the department's
# 2025 部门预算 is consolidated from two units, one approved and one still a draft.
DEMO_SECOND_UNIT = ("309001", "柳州市大数据发展局本级", Unit.Type.ADMINISTRATIVE)
DEMO_FOLDER = Path(settings.BASE_DIR) / "disclosures" / "demo"
# Seed 002, the reference disclosure, becomes the demo unit's draft to work on.
DEMO_DISCLOSURE = DEMO_FOLDER / "seed-002-2025.json"
DEMO_SECOND_DISCLOSURE = DEMO_FOLDER / "department-309001-2025.json"
# What department 309 writes itself in its 部门预算 (its figures are its units').
DEMO_DEPARTMENT_TEXTS = {
    "duties": "柳州市大数据发展局负责全市大数据发展、数字政府建设和政务信息化的统筹规划、政策制定和组织实施。",
    "organisation": "柳州市大数据发展局为柳州市人民政府工作部门，所属预算单位包括局本级和柳州市信息化建设管理中心。",
}
# Seeds 000 and 004 (柳江区, two units of two departments) and 003 (垫江县) are published, each in its own
# layout, so that the public site shows reports of three jurisdictions and three layouts from the start;
# seed 001 (柳江区人民政府办公室's 2017 部门决算, as the department's own 决算) is a published 决算.
PUBLISHED_SEEDS = ("seed-000-2024.json", "seed-004-2024.json", "seed-003-2024.json", "seed-001-2017-final.json")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    is_staff: bool = False
    is_superuser: bool = False
    units: tuple[str, ...] = (DEMO_UNIT[0],)  # an accountant's units
    departments: tuple[str, ...] = ()  # the departments whose own document they prepare


DEMO_ACCOUNTS = [
    DemoAccount("kuaiji", "kuaiji-309002", User.Role.ACCOUNTANT, "演示会计"),
    DemoAccount("benji", "benji-309001", User.Role.ACCOUNTANT, "大数据局本级会计", units=(DEMO_SECOND_UNIT[0],)),
    DemoAccount(
        "bumen", "bumen-309", User.Role.ACCOUNTANT, "部门演示账号", units=(), departments=(DEMO_DEPARTMENT[0],)
    ),
    DemoAccount("liujiang", "liujiang-2024", User.Role.ACCOUNTANT, "柳江区演示会计", units=("101005", "128002", "101")),
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
    Unit.objects.update_or_create(
        code=DEMO_SECOND_UNIT[0],
        defaults={"name": DEMO_SECOND_UNIT[1], "type": DEMO_SECOND_UNIT[2], "department": department},
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
            for department in Department.objects.filter(code__in=account.departments):
                DepartmentMembership.objects.get_or_create(user=user, department=department)


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
        # load_demo's process ends when it returns, and a publication thread would end with it: without a
        # broker, the demo's publications are rendered before the command goes on.
        with override_settings(PUBLICATION_IN_THREAD=False):
            fire("publish", disclosure=disclosure, user=reviewer)
        published.append(Disclosure.objects.get(pk=disclosure.pk))
    return published


def load_demo_department_document() -> Disclosure | None:
    """Department 309's 2025 部门预算: 309001's draft imported and approved, and the department's document started
    (consolidated from 309001 and 309002). Returns None when 309001 had a 2025 disclosure already."""
    data = parse(DEMO_SECOND_DISCLOSURE.read_bytes())
    if Disclosure.objects.filter(unit__code=data.unit_code, year=data.year, kind=data.kind).exists():
        return None
    disclosure = import_disclosure(data=data)
    accountant = User.objects.get(username="benji")
    reviewer = User.objects.get(username="shenhe")
    disclosure = fire("submit", disclosure=disclosure, user=accountant, acknowledge_warnings=True).disclosure
    fire("approve", disclosure=disclosure, user=reviewer, comment="演示数据")
    document = start_department_document(disclosure.unit.department, data.year, data.kind)
    return save_texts(document, **DEMO_DEPARTMENT_TEXTS)
