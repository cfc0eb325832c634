"""Departments, units, the people who work on their disclosures, and their memberships."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.Model):
    """A finance bureau's level of government (柳州市, 柳江区, 垫江县): it prescribes its units' documents.

    One installation serves a city and its districts; ``code`` is what layouts declare they belong to.
    """

    code = models.SlugField(_("行政区代码"), max_length=30, unique=True)
    name = models.CharField(_("行政区名称"), max_length=50)

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区")
        verbose_name_plural = _("行政区")

    def __str__(self) -> str:
        return self.name


def default_jurisdiction() -> int:
    """The jurisdiction of new departments (setting DEFAULT_JURISDICTION), created on first use."""
    from django.conf import settings

    code, name = settings.DEFAULT_JURISDICTION
    return Jurisdiction.objects.get_or_create(code=code, defaults={"name": name})[0].pk


class Department(models.Model):
    """A 主管部门 such as 309 柳州市大数据发展局; its units' figures add up to its own."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="departments",
        default=default_jurisdiction,
        verbose_name=_("所属行政区"),
    )
    code = models.CharField(_("部门代码"), max_length=20, unique=True)
    name = models.CharField(_("部门名称"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="department_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Unit(models.Model):
    """A 预算单位: the body that publishes one disclosure a year."""

    class Type(models.TextChoices):
        ADMINISTRATIVE = "行政单位", _("行政单位")
        CIVIL_SERVICE_MANAGED = "参公事业单位", _("参照公务员法管理事业单位")
        PUBLIC_INSTITUTION = "事业单位", _("事业单位")
        OTHER = "其他", _("其他")

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name=_("主管部门")
    )
    code = models.CharField(_("单位代码"), max_length=20, unique=True)
    name = models.CharField(_("单位名称"), max_length=100)
    type = models.CharField(_("单位类型"), max_length=20, choices=Type.choices, default=Type.ADMINISTRATIVE)

    class Meta:
        ordering = ["code"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="unit_code_not_empty"),
            models.CheckConstraint(
                condition=Q(type__in=["行政单位", "参公事业单位", "事业单位", "其他"]), name="unit_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def counts_operating_costs(self) -> bool:
        """机关运行经费 is reported only by 行政单位 and 参公 units."""
        return self.type in (self.Type.ADMINISTRATIVE, self.Type.CIVIL_SERVICE_MANAGED)


class User(AbstractUser):
    """A person who signs in. Citizens never sign in; they read the public site."""

    class Role(models.TextChoices):
        ACCOUNTANT = "accountant", _("单位会计")
        REVIEWER = "reviewer", _("财政审核人员")
        PUBLISHER = "publisher", _("发布人员")
        ADMINISTRATOR = "administrator", _("系统管理员")

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.ACCOUNTANT)
    units = models.ManyToManyField(
        Unit, through="Membership", related_name="members", blank=True, verbose_name=_("所属单位")
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["accountant", "reviewer", "publisher", "administrator"]),
                name="user_role_valid",
            ),
        ]

    @property
    def is_bureau_staff(self) -> bool:
        """Reviewers, publishers and administrators work across every unit."""
        return self.is_superuser or self.role in (
            self.Role.REVIEWER,
            self.Role.PUBLISHER,
            self.Role.ADMINISTRATOR,
        )


class Membership(models.Model):
    """An accountant's membership of a unit: it is what lets them see and edit its disclosures."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("单位成员")
        verbose_name_plural = _("单位成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_unique_user_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit}"


class DepartmentMembership(models.Model):
    """A person on a department's staff: they prepare its consolidated document (部门预算, 部门决算)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="department_memberships")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="staff_memberships")

    class Meta:
        verbose_name = _("部门成员")
        verbose_name_plural = _("部门成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="department_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.department}"
