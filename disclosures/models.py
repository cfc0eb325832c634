"""A unit's disclosure for one year and the data of its 12 tables.

Amounts are exact Decimals in 元 (2 decimals); the tables show them in 万元. Every amount is
non-negative and every classification code is a foreign key into the catalog, both enforced by
the database. Which tables are derived from these rows is declared in ``disclosures.tables``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

from catalogs.models import ClassificationCode
from disclosures.choices import (
    AmountUnit,
    Fund,
    IncomeSource,
    IndicatorCategory,
    Kind,
    Level,
    Operator,
    ProcurementCategory,
    ProcurementMode,
    Status,
)
from disclosures.tables.declaration import TABLES
from units.models import Department, Unit


def Amount(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, default=Decimal("0"), **kwargs)


def PriorAmount(verbose_name):
    """Last year's figure: unknown (null) is not zero."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, null=True, blank=True)


def non_negative(model_name: str, *fields: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=f"{model_name}_{field}_not_negative")
        for field in fields
    ]


def fund_constraint(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(fund__in=Fund.values), name=f"{model_name}_fund_valid")


# A published version is what the public read: its data never changes again (a revision corrects it).
FROZEN_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)

# The fields of a disclosure that are part of what is published; everything else is workflow bookkeeping.
# The 批复 date is one of them: the public label (按时公开 or 逾期公开) is computed from it.
DISCLOSURE_CONTENT_FIELDS = (
    "unit_id", "department_id", "level", "year", "kind", "version", "layout", "entry_unit", "duties", "organisation",
    "annual_tasks", "operating_costs", "state_assets", "contact_person", "contact_phone", "correction_note",
    "budget_approved_on",
)  # fmt: skip

# What the review list and the public directory read of each version (disclosure_year_state includes them).
REVIEW_FIELDS = (
    "version", "budget_approved_on", "published_at", "error_count", "warning_count", "findings_revision",
    "content_revision", "content_changed_at", "updated_at",
)  # fmt: skip

# Bookkeeping that changes with every edit or transition; keeping it out of the audit keeps the audit readable.
DISCLOSURE_UNAUDITED_FIELDS = [
    "lock_version", "updated_at", "content_revision", "content_changed_at", "findings_revision", "error_count",
    "warning_count",
]  # fmt: skip


class DisclosureFrozen(Exception):
    """A write to the data of a published (or superseded) version, which must stay as it was published."""

    def __init__(self, message=None):
        super().__init__(message or _("该版本已经公开，数据不能再修改；如需更正，请发起更正版本。"))


def record_content_change(disclosure_ids) -> None:
    """Mark the disclosures' content as changed, refusing if any of them is published.

    One UPDATE both checks and stamps: the row is locked until the transaction ends, so a concurrent
    publication waits for this edit. The new revision tells the cached finding counts that they are stale.
    """
    ids = {pk for pk in disclosure_ids if pk is not None}
    if not ids:
        return
    changed = (
        Disclosure.objects.filter(pk__in=ids)
        .exclude(status__in=FROZEN_STATUSES)
        .update(content_revision=F("content_revision") + 1, content_changed_at=timezone.now())
    )
    if changed != len(ids):
        raise DisclosureFrozen
    for pk in ids:
        # One callback per write; all but the first find the counts current and return at once.
        transaction.on_commit(lambda pk=pk: _refresh_finding_counts_later(pk), robust=True)


def _refresh_finding_counts_later(disclosure_id: int) -> None:
    from disclosures.tasks import refresh_finding_counts

    refresh_finding_counts.delay(disclosure_id)


def _record_history(model, rows, *, update: bool) -> None:
    if rows:
        get_history_manager_for_model(model).bulk_history_create(rows, update=update)


class DisclosureQuerySet(models.QuerySet):
    def for_unit_year(self, unit_code: str, year: int, kind: str = Kind.BUDGET):
        return self.filter(unit__code=unit_code, year=year, kind=kind).exclude(status=Status.SUPERSEDED)

    def for_department_year(self, department_code: str, year: int, kind: str = Kind.BUDGET):
        return self.filter(level=Level.DEPARTMENT, department__code=department_code, year=year, kind=kind).exclude(
            status=Status.SUPERSEDED
        )

    def update(self, **kwargs):
        """Refuse content changes to published versions, and let the audit see changes that bypass save()."""
        audited = set(kwargs) - set(DISCLOSURE_UNAUDITED_FIELDS)
        if not audited:
            return super().update(**kwargs)
        content = {name.removesuffix("_id") for name in DISCLOSURE_CONTENT_FIELDS}
        touches_content = audited & (content | {f"{name}_id" for name in content})
        if touches_content and self.filter(status__in=FROZEN_STATUSES).exists():
            raise DisclosureFrozen
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        _record_history(self.model, list(self.model._default_manager.filter(pk__in=pks)), update=True)
        return count

    def delete(self):
        if self.filter(status__in=FROZEN_STATUSES).exists():
            raise DisclosureFrozen
        return super().delete()


class Disclosure(models.Model):
    """One version of a unit's disclosure for one year (预算 or 决算), or of a department's.

    Version 1 is the original; a revision of a published disclosure is a new version that
    supersedes it when published, so the old one stays readable. A department's document (level
    department: ``department`` set, no ``unit``) holds only its own texts and reasons; its tables are
    the sums of its units' disclosures (disclosures.consolidation, units listed in ConsolidatedUnit).
    """

    level = models.CharField(_("层级"), max_length=12, choices=Level.choices, default=Level.UNIT)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures", verbose_name=_("单位")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("部门"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.BUDGET)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    # The layout's key (disclosures.layouts), recorded when the disclosure is created, so that what was
    # published never changes when a newer layout arrives; a reviewer may change it while it is a draft.
    layout = models.CharField(_("公开格式"), max_length=40)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    entry_unit = models.CharField(_("录入金额单位"), max_length=4, choices=AmountUnit.choices, default=AmountUnit.WAN)
    duties = models.TextField(_("主要职责"), blank=True)
    organisation = models.TextField(_("机构设置情况"), blank=True)
    annual_tasks = models.TextField(_("年度主要工作任务"), blank=True)
    operating_costs = Amount(_("机关运行经费"))
    state_assets = models.TextField(_("国有资产占用情况"), blank=True)
    contact_person = models.CharField(_("公开联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    # Incremented by every save of the content, so that a save based on an older read is refused.
    lock_version = models.PositiveIntegerField(_("数据版本"), default=0)
    budget_approved_on = models.DateField(_("预算批复日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    correction_note = models.TextField(_("更正说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Bumped by every write to the content (see record_content_change), whoever makes it.
    content_revision = models.PositiveIntegerField(_("内容修订号"), default=0)
    content_changed_at = models.DateTimeField(_("数据最后修改时间"), null=True, blank=True)
    # The finding counts cached for the review list, valid while findings_revision == content_revision.
    findings_revision = models.PositiveIntegerField(_("检查对应的修订号"), null=True, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), null=True, blank=True)
    warning_count = models.PositiveIntegerField(_("警告数"), null=True, blank=True)

    objects = DisclosureQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=DISCLOSURE_UNAUDITED_FIELDS)

    class Meta:
        ordering = ["-year", "unit__code", "-version"]
        verbose_name = _("单位预算公开")
        verbose_name_plural = _("单位预算公开")
        indexes = [
            # The review list and the public directory read every unit's version of a year. The table's rows
            # are wide (the texts: about one row per 8 KB page), so on PostgreSQL these reads are index-only
            # scans of the few columns they need (SQLite has no included columns: it gets the key alone).
            models.Index(
                fields=["year", "kind", "status", "unit"],
                include=["id", *REVIEW_FIELDS],
                name="disclosure_year_state",
            ),
            # The public directory's fingerprint: the count and the latest change, without reading the rows.
            models.Index(fields=["updated_at"], name="disclosure_updated"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind", "version"], name="disclosure_unique_version"),
            models.UniqueConstraint(
                fields=["unit", "year", "kind"],
                condition=~Q(status__in=[Status.PUBLISHED, Status.SUPERSEDED]),
                name="disclosure_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["department", "year", "kind", "version"],
                condition=Q(level=Level.DEPARTMENT),
                name="department_disclosure_unique_version",
            ),
            models.UniqueConstraint(
                fields=["department", "year", "kind"],
                condition=Q(level=Level.DEPARTMENT) & ~Q(status__in=[Status.PUBLISHED, Status.SUPERSEDED]),
                name="department_disclosure_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.UNIT, unit__isnull=False, department__isnull=True)
                | Q(level=Level.DEPARTMENT, unit__isnull=True, department__isnull=False),
                name="disclosure_owner_matches_level",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="disclosure_year_plausible"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="disclosure_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="disclosure_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="disclosure_version_positive"),
            models.CheckConstraint(condition=~Q(layout=""), name="disclosure_layout_chosen"),
            *non_negative("disclosure", "operating_costs"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_code}{self.owner_name}{self.year}年{self.get_level_display()}{self.get_kind_display()}"

    def save(self, *args, **kwargs):
        """Refuse to change what was published; only the status and bookkeeping of a published version move."""
        stored = getattr(self, "_stored", None)
        if stored is not None and stored["status"] in FROZEN_STATUSES:
            changed = [name for name in DISCLOSURE_CONTENT_FIELDS if getattr(self, name) != stored[name]]
            if changed:
                raise DisclosureFrozen
        if stored is not None and any(getattr(self, name) != stored[name] for name in DISCLOSURE_CONTENT_FIELDS):
            # The disclosure's own texts (主要职责…) are data too: 最后修改 moves with them.
            self.content_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "content_changed_at"}
        super().save(*args, **kwargs)
        self._remember_stored_state()

    @property
    def data_changed_at(self):
        """When the data last changed (a table, a text), not the bookkeeping: 最后修改 on the pages."""
        return self.content_changed_at or self.created_at

    def delete(self, *args, **kwargs):
        if getattr(self, "_stored", {}).get("status") in FROZEN_STATUSES or self.is_frozen:
            raise DisclosureFrozen
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_department_level(self) -> bool:
        return self.level == Level.DEPARTMENT

    @property
    def workspace_args(self) -> tuple:
        """What names a unit's disclosure in the workspace URLs (``workspace_paths``): its unit and year, and
        ``final`` for a 决算; a page's own arguments follow."""
        from disclosures.workspace_paths import workspace_args  # the URL layer, imported by the URLconf

        return workspace_args(self.unit.code, self.year, self.kind)

    @property
    def owner(self) -> Unit | Department:
        """The unit, or for a department's document the department, whose document it is."""
        return self.department if self.is_department_level else self.unit

    @property
    def owner_code(self) -> str:
        return self.owner.code if self.owner else ""  # "" while unsaved and unowned (an admin form)

    @property
    def owner_name(self) -> str:
        return self.owner.name if self.owner else ""

    def versions(self) -> "DisclosureQuerySet":
        """Every version of this document: same owner, year and kind."""
        owner = {"department_id": self.department_id} if self.is_department_level else {"unit_id": self.unit_id}
        return Disclosure.objects.filter(level=self.level, year=self.year, kind=self.kind, **owner)

    @property
    def finding_counts_are_current(self) -> bool:
        return self.findings_revision is not None and self.findings_revision == self.content_revision

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_state()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_stored_state()

    def _remember_stored_state(self) -> None:
        self._stored = {name: self.__dict__.get(name) for name in ("status", *DISCLOSURE_CONTENT_FIELDS)}


class PublishedFile(models.Model):
    """A file rendered once when a version is published and served unchanged from then on."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="published_files")
    format = models.CharField(_("格式"), max_length=10)
    file = models.FileField(_("文件"), upload_to="published/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("字节数"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    # Set when the stored file is found missing or altered (verify_published_files, or serving it): the
    # public page then says the file is unavailable; cleared once the file is restored from a backup.
    unavailable_since = models.DateTimeField(_("不可用时间"), null=True, blank=True)
    problem = models.CharField(_("问题"), max_length=200, blank=True)

    class Meta:
        ordering = ["format"]
        verbose_name = _("公开文件")
        verbose_name_plural = _("公开文件")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "format"], name="published_file_one_per_format"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="published_file_sha256_hex"),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure} {self.format}"


class ContentQuerySet(models.QuerySet):
    """Writes to a disclosure's content in bulk: refused once it is published, and seen by the audit.

    bulk_create and update() bypass save() and its signals, so the history is written here (bulk_update
    goes through update()); delete() sends the signals the history listens to.
    """

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        record_content_change(obj.owning_disclosure_id() for obj in objs)
        created = super().bulk_create(objs, *args, **kwargs)
        _record_history(self.model, [obj for obj in created if obj.pk is not None], update=False)
        return created

    def update(self, **kwargs):
        pks = list(self.values_list("pk", flat=True))
        record_content_change(
            self.model._default_manager.filter(pk__in=pks).values_list(self.model.DISCLOSURE_LOOKUP, flat=True)
        )
        count = super().update(**kwargs)
        _record_history(self.model, list(self.model._default_manager.filter(pk__in=pks)), update=True)
        return count

    def delete(self):
        record_content_change(self.values_list(self.model.DISCLOSURE_LOOKUP, flat=True).distinct())
        return super().delete()


class ContentRow(models.Model):
    """A row of a disclosure's data: it cannot be written once its disclosure is published."""

    # The lookup from this row to its disclosure.
    DISCLOSURE_LOOKUP = "disclosure"

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        record_content_change([self.owning_disclosure_id()])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        record_content_change([self.owning_disclosure_id()])
        return super().delete(*args, **kwargs)

    def owning_disclosure_id(self) -> int | None:
        return self.disclosure_id


class DisclosurePart(ContentRow):
    """Base of every row that belongs to one disclosure."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="%(class)ss")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


INCOME_AMOUNT_FIELDS = [
    "general_budget_superior", "general_budget_local", "general_budget_bond",
    "gov_fund_superior", "gov_fund_local", "gov_fund_bond",
    "state_capital_superior", "state_capital_local", "special_account",
    "unit_business", "unit_operating", "unit_superior", "unit_affiliated", "unit_other",
    "carryover_general_budget", "carryover_gov_fund", "carryover_state_capital",
    "carryover_special_account", "carryover_unit_funds",
    ]  # fmt: skip


class Income(ContentRow):
    """Table 1's income side: this year's income by source, and the carry-over (上年结转结余)."""

    disclosure = models.OneToOneField(Disclosure, on_delete=models.CASCADE, primary_key=True, related_name="income")
    general_budget_superior = Amount(_("一般公共预算拨款 上级补助"))
    general_budget_local = Amount(_("一般公共预算拨款 本级"))
    general_budget_bond = Amount(_("一般公共预算拨款 一般债券收入"))
    gov_fund_superior = Amount(_("政府性基金预算拨款 上级补助"))
    gov_fund_local = Amount(_("政府性基金预算拨款 本级"))
    gov_fund_bond = Amount(_("政府性基金预算拨款 专项债券收入"))
    state_capital_superior = Amount(_("国有资本经营预算拨款 上级补助"))
    state_capital_local = Amount(_("国有资本经营预算拨款 本级"))
    special_account = Amount(_("财政专户管理资金"))
    unit_business = Amount(_("事业收入"))
    unit_operating = Amount(_("事业单位经营收入"))
    unit_superior = Amount(_("上级补助收入"))
    unit_affiliated = Amount(_("附属单位上缴收入"))
    unit_other = Amount(_("其他收入"))
    carryover_general_budget = Amount(_("上年结转结余 一般公共预算"))
    carryover_gov_fund = Amount(_("上年结转结余 政府性基金预算"))
    carryover_state_capital = Amount(_("上年结转结余 国有资本经营预算"))
    carryover_special_account = Amount(_("上年结转结余 财政专户管理资金"))
    carryover_unit_funds = Amount(_("上年结转结余 单位资金"))

    AMOUNT_FIELDS = INCOME_AMOUNT_FIELDS
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("收入")
        verbose_name_plural = _("收入")
        constraints = non_negative("income", *INCOME_AMOUNT_FIELDS)


# The amounts of an expenditure line only a 决算 states (see ExpenditureLine).
FINAL_LINE_AMOUNT_FIELDS = [
    "budget_initial", "budget_adjusted", "income", "opening_balance", "closing_balance", "remittance", "operating",
    "subsidy",
]  # fmt: skip


class ExpenditureLine(DisclosurePart):
    """One function 项 and fund: the entered rows behind tables 1, 3, 4, 5, 8 and 9."""

    position = models.PositiveIntegerField(_("序号"), default=0)
    function_code = models.ForeignKey(
        ClassificationCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("功能分类科目")
    )
    fund = models.CharField(_("资金性质"), max_length=20, choices=Fund.choices, default=Fund.GENERAL_BUDGET)
    personnel = Amount(_("人员经费"))
    public = Amount(_("公用经费"))
    project = Amount(_("项目支出"))
    carry_forward = Amount(_("结转下年支出"))
    purpose = models.TextField(_("主要用于"), blank=True)
    # What a 决算 states of the line besides its actual spending (a budget's lines leave them zero).
    budget_initial = Amount(_("年初预算数"))
    budget_adjusted = Amount(_("调整预算数"))
    income = Amount(_("本年收入"))
    income_source = models.CharField(_("收入来源"), max_length=20, choices=IncomeSource.choices, blank=True)
    opening_balance = Amount(_("年初结转和结余"))
    closing_balance = Amount(_("年末结转和结余"))
    remittance = Amount(_("上缴上级支出"))
    operating = Amount(_("经营支出"))
    subsidy = Amount(_("对附属单位补助支出"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("支出明细")
        verbose_name_plural = _("支出明细")
        constraints = [
            models.UniqueConstraint(
                fields=["disclosure", "function_code", "fund"], name="expenditure_unique_code_fund"
            ),
            fund_constraint("expenditure"),
            models.CheckConstraint(
                condition=Q(income_source__in=["", *IncomeSource.values]), name="expenditure_income_source_valid"
            ),
            *non_negative("expenditure", "personnel", "public", "project", "carry_forward", *FINAL_LINE_AMOUNT_FIELDS),
        ]

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public + self.project + self.remittance + self.operating + self.subsidy


class BasicExpenditure(DisclosurePart):
    """Table 6: general-budget basic expenditure by economic 款 (the 类 rows are derived)."""

    economic_code = models.ForeignKey(
        ClassificationCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("经济分类科目")
    )
    personnel = Amount(_("人员经费"))
    public = Amount(_("公用经费"))

    class Meta:
        ordering = ["economic_code__code"]
        verbose_name = _("基本支出经济分类")
        verbose_name_plural = _("基本支出经济分类")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "economic_code"], name="basic_unique_economic_code"),
            *non_negative("basic", "personnel", "public"),
        ]


THREE_PUBLIC_AMOUNT_FIELDS = [
    "abroad", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training_local",
    "training_superior",
    ]  # fmt: skip
# What a 决算 adds to table 7: the year's 年初预算 of each “三公” item, and the amount of 外宾接待.
THREE_PUBLIC_FINAL_AMOUNT_FIELDS = [
    "budget_abroad", "budget_vehicle_purchase", "budget_vehicle_operation", "budget_reception", "reception_foreign",
]  # fmt: skip
# …and the counts it states: 出国团组/人次, 公务用车购置数/保有量, 公务接待批次/人次.
THREE_PUBLIC_COUNT_FIELDS = [
    "abroad_groups", "abroad_people", "vehicles_bought", "vehicles_held", "reception_batches", "reception_people",
]  # fmt: skip
# Everything a 三公 row holds: the budget's amounts, and a 决算's actuals and counts.
THREE_PUBLIC_ROW_FIELDS = [*THREE_PUBLIC_AMOUNT_FIELDS, *THREE_PUBLIC_FINAL_AMOUNT_FIELDS, *THREE_PUBLIC_COUNT_FIELDS]


class ThreePublicCosts(DisclosurePart):
    """Table 7: 三公经费, 会议费 and 培训费 for one fund (资金性质)."""

    fund = models.CharField(_("资金性质"), max_length=20, choices=Fund.choices, default=Fund.GENERAL_BUDGET)
    abroad = Amount(_("因公出国（境）费"))
    vehicle_purchase = Amount(_("公务用车购置费"))
    vehicle_operation = Amount(_("公务用车运行维护费"))
    reception = Amount(_("公务接待费"))
    meeting = Amount(_("会议费"))
    training_local = Amount(_("培训费 本级资金安排"))
    training_superior = Amount(_("培训费 上级补助资金安排"))
    budget_abroad = Amount(_("因公出国（境）费 年初预算"))
    budget_vehicle_purchase = Amount(_("公务用车购置费 年初预算"))
    budget_vehicle_operation = Amount(_("公务用车运行维护费 年初预算"))
    budget_reception = Amount(_("公务接待费 年初预算"))
    reception_foreign = Amount(_("外宾接待费"))
    abroad_groups = models.PositiveIntegerField(_("因公出国（境）团组数"), default=0)
    abroad_people = models.PositiveIntegerField(_("因公出国（境）人次"), default=0)
    vehicles_bought = models.PositiveIntegerField(_("公务用车购置数"), default=0)
    vehicles_held = models.PositiveIntegerField(_("公务用车保有量"), default=0)
    reception_batches = models.PositiveIntegerField(_("公务接待批次"), default=0)
    reception_people = models.PositiveIntegerField(_("公务接待人次"), default=0)

    AMOUNT_FIELDS = THREE_PUBLIC_AMOUNT_FIELDS

    class Meta:
        ordering = ["fund"]
        verbose_name = _("三公两费")
        verbose_name_plural = _("三公两费")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "fund"], name="three_public_unique_fund"),
            fund_constraint("three_public"),
            *non_negative("three_public", *THREE_PUBLIC_AMOUNT_FIELDS, *THREE_PUBLIC_FINAL_AMOUNT_FIELDS),
        ]


class FundedItem(DisclosurePart):
    """An item of table 10 or 11, with its amount split by source of funds."""

    position = models.PositiveIntegerField(_("序号"), default=0)
    function_code = models.ForeignKey(
        ClassificationCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("功能分类科目")
    )
    project = models.CharField(_("项目名称"), max_length=300)
    general_budget = Amount(_("一般公共预算"))
    gov_fund = Amount(_("政府性基金预算"))
    state_capital = Amount(_("国有资本经营预算"))
    special_account = Amount(_("财政专户管理资金"))
    unit_funds = Amount(_("单位资金"))
    carryover = Amount(_("上年结转结余"))

    FUND_FIELDS = ["general_budget", "gov_fund", "state_capital", "special_account", "unit_funds", "carryover"]

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, field) for field in self.FUND_FIELDS), Decimal("0"))


class ProcurementItem(FundedItem):
    """Table 10: one government procurement item."""

    mode = models.CharField(_("采购方式"), max_length=15, choices=ProcurementMode.choices)
    category = models.CharField(_("采购类型"), max_length=10, choices=ProcurementCategory.choices)

    class Meta(FundedItem.Meta):
        verbose_name = _("政府采购项目")
        verbose_name_plural = _("政府采购项目")
        constraints = [
            models.CheckConstraint(condition=Q(mode__in=ProcurementMode.values), name="procurement_mode_valid"),
            models.CheckConstraint(
                condition=Q(category__in=ProcurementCategory.values), name="procurement_category_valid"
            ),
            models.CheckConstraint(condition=~Q(project=""), name="procurement_project_named"),
            *non_negative("procurement", *FundedItem.FUND_FIELDS),
        ]


class ServicePurchaseItem(FundedItem):
    """Table 11: one purchase of services by government."""

    class Meta(FundedItem.Meta):
        verbose_name = _("政府购买服务项目")
        verbose_name_plural = _("政府购买服务项目")
        constraints = [
            models.CheckConstraint(condition=~Q(project=""), name="service_purchase_project_named"),
            *non_negative("service_purchase", *FundedItem.FUND_FIELDS),
        ]


class PerformanceTarget(DisclosurePart):
    """Table 12: one project's performance targets."""

    position = models.PositiveIntegerField(_("序号"), default=0)
    project = models.CharField(_("项目名称"), max_length=300)
    amount = Amount(_("预算资金总额"))
    goal = models.TextField(_("年度绩效目标"), blank=True)
    key_project = models.BooleanField(_("重点项目"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("项目绩效目标")
        verbose_name_plural = _("项目绩效目标")
        constraints = [
            models.CheckConstraint(condition=~Q(project=""), name="performance_project_named"),
            *non_negative("performance", "amount"),
        ]


class PerformanceIndicator(ContentRow):
    """One indicator of a target: ``名称(比较符 值 单位)``, or a qualitative value with no operator."""

    target = models.ForeignKey(PerformanceTarget, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("序号"), default=0)
    category = models.CharField(_("指标类别"), max_length=20, choices=IndicatorCategory.choices)
    name = models.CharField(_("指标名称"), max_length=200)
    operator = models.CharField(_("比较符"), max_length=2, choices=Operator.choices, blank=True)
    value = models.CharField(_("指标值"), max_length=100, blank=True)  # blank: a qualitative indicator
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)

    DISCLOSURE_LOOKUP = "target__disclosure"
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("绩效指标")
        verbose_name_plural = _("绩效指标")
        constraints = [
            models.CheckConstraint(condition=Q(category__in=IndicatorCategory.values), name="indicator_category_valid"),
            models.CheckConstraint(condition=Q(operator__in=["", *Operator.values]), name="indicator_operator_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="indicator_named"),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.operator}{self.value}{self.unit})"

    def owning_disclosure_id(self) -> int | None:
        return self.target.disclosure_id


PRIOR_YEAR_AMOUNT_FIELDS = [
    "total", "income_general_budget", "income_gov_fund", "income_state_capital", "income_special_account",
    "income_unit_funds", "basic", "project", "abroad", "vehicle_purchase", "vehicle_operation", "reception",
    "meeting", "training", "procurement_total", "procurement_centralized", "procurement_decentralized",
    "operating_costs", "gov_fund_expenditure", "general_budget_expenditure", "general_budget_basic", "spent",
    ]  # fmt: skip


class PriorYear(ContentRow):
    """Last year's figures for the year-over-year sentences, when last year is not in the portal.

    Every figure is optional: an unknown figure (null) means no comparison is printed, which is
    different from a known zero.
    """

    disclosure = models.OneToOneField(Disclosure, on_delete=models.CASCADE, primary_key=True, related_name="prior_year")
    year = models.PositiveSmallIntegerField(_("上年年度"), null=True, blank=True)
    total = PriorAmount(_("收支总预算"))
    income_general_budget = PriorAmount(_("一般公共预算拨款收入"))
    income_gov_fund = PriorAmount(_("政府性基金预算拨款收入"))
    income_state_capital = PriorAmount(_("国有资本经营预算拨款收入"))
    income_special_account = PriorAmount(_("财政专户管理资金收入"))
    income_unit_funds = PriorAmount(_("单位资金收入"))
    basic = PriorAmount(_("基本支出"))
    project = PriorAmount(_("项目支出"))
    abroad = PriorAmount(_("因公出国（境）费"))
    vehicle_purchase = PriorAmount(_("公务用车购置费"))
    vehicle_operation = PriorAmount(_("公务用车运行维护费"))
    reception = PriorAmount(_("公务接待费"))
    meeting = PriorAmount(_("会议费"))
    training = PriorAmount(_("培训费"))
    procurement_total = PriorAmount(_("政府采购预算"))
    procurement_centralized = PriorAmount(_("政府集中采购预算"))
    procurement_decentralized = PriorAmount(_("分散采购预算"))
    operating_costs = PriorAmount(_("机关运行经费"))
    gov_fund_expenditure = PriorAmount(_("政府性基金预算支出"))
    general_budget_expenditure = PriorAmount(_("一般公共预算支出"))
    general_budget_basic = PriorAmount(_("一般公共预算基本支出"))
    spent = PriorAmount(_("本年支出合计"))  # a 决算's, without 结余分配 and 年末结转和结余

    AMOUNT_FIELDS = PRIOR_YEAR_AMOUNT_FIELDS
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("上年数")
        verbose_name_plural = _("上年数")
        constraints = non_negative("prior_year", *PRIOR_YEAR_AMOUNT_FIELDS)

    @classmethod
    def label(cls, name: str) -> str:
        return cls._meta.get_field(name).verbose_name


class PriorYearFunctionClass(ContentRow):
    """Last year's expenditure for one function 类: of the whole budget (the per-类 comparison of Liuzhou's
    section 三), or of 一般公共预算 alone (Liujiang's section 五)."""

    class Scope(models.TextChoices):
        ALL_FUNDS = "all", _("全部资金")
        GENERAL_BUDGET = "general_budget", _("一般公共预算")

    prior_year = models.ForeignKey(PriorYear, on_delete=models.CASCADE, related_name="function_classes")
    scope = models.CharField(_("口径"), max_length=20, choices=Scope.choices, default=Scope.ALL_FUNDS)
    class_code = models.CharField(_("功能分类类级编码"), max_length=3)
    amount = models.DecimalField(_("金额"), max_digits=18, decimal_places=2)

    # PriorYear's primary key is its disclosure's.
    DISCLOSURE_LOOKUP = "prior_year"
    history = HistoricalRecords()

    class Meta:
        ordering = ["class_code"]
        verbose_name = _("上年功能分类支出")
        verbose_name_plural = _("上年功能分类支出")
        constraints = [
            models.UniqueConstraint(fields=["prior_year", "scope", "class_code"], name="prior_class_unique"),
            models.CheckConstraint(condition=Q(class_code__length=3), name="prior_class_code_length"),
            models.CheckConstraint(condition=Q(scope__in=["all", "general_budget"]), name="prior_class_scope_valid"),
            *non_negative("prior_class", "amount"),
        ]

    def owning_disclosure_id(self) -> int | None:
        return self.prior_year_id


class PriorYearEconomic(ContentRow):
    """Last year's 一般公共预算基本支出 for one economic 款 (or 类), for Liujiang's section 六."""

    prior_year = models.ForeignKey(PriorYear, on_delete=models.CASCADE, related_name="economic_items")
    code = models.CharField(_("经济分类编码"), max_length=5)
    amount = models.DecimalField(_("金额"), max_digits=18, decimal_places=2)

    DISCLOSURE_LOOKUP = "prior_year"
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("上年经济分类支出")
        verbose_name_plural = _("上年经济分类支出")
        constraints = [
            models.UniqueConstraint(fields=["prior_year", "code"], name="prior_economic_unique"),
            models.CheckConstraint(condition=Q(code__length=3) | Q(code__length=5), name="prior_economic_code_length"),
            *non_negative("prior_economic", "amount"),
        ]

    def owning_disclosure_id(self) -> int | None:
        return self.prior_year_id


FINAL_CLOSING_FIELDS = [f"closing_{fund}" for fund in Fund.values]
FINAL_AMOUNT_FIELDS = [
    *FINAL_CLOSING_FIELDS, "surplus_distribution", "fund_drawdown", "procurement_goods", "procurement_works",
    "procurement_services", "procurement_sme", "procurement_small_micro",
]  # fmt: skip
FINAL_COUNT_FIELDS = [
    "vehicles_ministerial", "vehicles_general", "vehicles_enforcement", "vehicles_special", "vehicles_other",
    "equipment_general", "equipment_special",
]  # fmt: skip


class FinalAccounts(ContentRow):
    """What a 决算 states once for the whole disclosure: 年末结转和结余 by fund, 结余分配, 用事业基金弥补收支差额,
    政府采购 actually spent (with the contracts awarded to 中小企业, of which 小微企业) and 国有资产 counts.

    年初结转和结余 is Income's carryover_* (a budget's 上年结转结余); the rest of a 决算 is on its lines
    (年初预算, 决算 by column, income and balances of each 项) and on table 7 (三公 budget and counts).
    """

    disclosure = models.OneToOneField(
        Disclosure, on_delete=models.CASCADE, primary_key=True, related_name="final_accounts"
    )
    closing_general_budget = Amount(_("年末结转和结余 一般公共预算"))
    closing_gov_fund = Amount(_("年末结转和结余 政府性基金预算"))
    closing_state_capital = Amount(_("年末结转和结余 国有资本经营预算"))
    closing_special_account = Amount(_("年末结转和结余 财政专户管理资金"))
    closing_unit_funds = Amount(_("年末结转和结余 单位资金"))
    surplus_distribution = Amount(_("结余分配"))
    fund_drawdown = Amount(_("用事业基金弥补收支差额"))
    procurement_goods = Amount(_("政府采购货物支出"))
    procurement_works = Amount(_("政府采购工程支出"))
    procurement_services = Amount(_("政府采购服务支出"))
    procurement_sme = Amount(_("授予中小企业合同金额"))
    procurement_small_micro = Amount(_("其中：授予小微企业合同金额"))
    vehicles_ministerial = models.PositiveIntegerField(_("部级领导干部用车"), default=0)
    vehicles_general = models.PositiveIntegerField(_("一般公务用车"), default=0)
    vehicles_enforcement = models.PositiveIntegerField(_("一般执法执勤用车"), default=0)
    vehicles_special = models.PositiveIntegerField(_("特种专业技术用车"), default=0)
    vehicles_other = models.PositiveIntegerField(_("其他用车"), default=0)
    equipment_general = models.PositiveIntegerField(_("单位价值50万元以上通用设备（台套）"), default=0)
    equipment_special = models.PositiveIntegerField(_("单位价值100万元以上专用设备（台套）"), default=0)

    AMOUNT_FIELDS = FINAL_AMOUNT_FIELDS
    COUNT_FIELDS = FINAL_COUNT_FIELDS
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决算数")
        verbose_name_plural = _("决算数")
        constraints = [
            *non_negative("final", *FINAL_AMOUNT_FIELDS),
            # 小微企业 are among the 中小企业: their contracts cannot exceed those awarded to all of them.
            models.CheckConstraint(
                condition=Q(procurement_small_micro__lte=F("procurement_sme")), name="final_small_micro_within_sme"
            ),
        ]


class EvaluatedProject(DisclosurePart):
    """A project whose 绩效评价 a 决算 reports: its amount and the evaluation's text."""

    position = models.PositiveIntegerField(_("序号"), default=0)
    project = models.CharField(_("项目名称"), max_length=300)
    amount = Amount(_("评价涉及资金"))
    text = models.TextField(_("绩效评价情况"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("绩效评价项目")
        verbose_name_plural = _("绩效评价项目")
        constraints = [
            models.CheckConstraint(condition=~Q(project=""), name="evaluated_project_named"),
            *non_negative("evaluated", "amount"),
        ]


def validate_explanation_key(key: str) -> None:
    """A key must follow the convention of disclosures.narrative.reasons: a page reads only those."""
    from disclosures.narrative.reasons import is_key  # here: the narrative package imports the models

    if not is_key(key):
        raise ValidationError(_("“%(key)s”不是可识别的说明对象"), code="unknown_key", params={"key": key})


class Explanation(DisclosurePart):
    """A reason or note the unit writes (主要原因是…), keyed by the fact it explains."""

    key = models.CharField(_("说明对象"), max_length=60, validators=[validate_explanation_key])
    text = models.TextField(_("说明"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("情况说明")
        verbose_name_plural = _("情况说明")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "key"], name="explanation_unique_key"),
            models.CheckConstraint(condition=~Q(text=""), name="explanation_not_empty"),
        ]


class ConsolidatedUnit(ContentRow):
    """One unit of a department's document: included (the default) or left out with the department's reason.

    ``source`` is the unit's version the published document was built from, recorded at publication; a
    later correction of the unit supersedes that version, which marks the department's document out of date.
    """

    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.CASCADE, related_name="consolidated_units", verbose_name=_("部门公开材料")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    included = models.BooleanField(_("纳入部门汇总"), default=True)
    reason = models.TextField(_("未纳入原因"), blank=True)
    source = models.ForeignKey(
        Disclosure, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("依据的单位版本")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__code"]
        verbose_name = _("部门汇总单位")
        verbose_name_plural = _("部门汇总单位")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "unit"], name="consolidated_unit_once"),
            models.CheckConstraint(condition=Q(included=True) | ~Q(reason=""), name="consolidated_left_out_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure} {self.unit}"


class WorkflowEvent(models.Model):
    """One transition of a disclosure's review and publication: who fired it, when, and why.

    Written by the workflow services in the same transaction as the status change it records.
    """

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="events")
    transition = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(_("原状态"), max_length=12, choices=Status.choices)
    to_status = models.CharField(_("新状态"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("操作人")
    )
    comment = models.TextField(_("意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        constraints = [
            models.CheckConstraint(condition=Q(from_status__in=Status.values), name="event_from_status_valid"),
            models.CheckConstraint(condition=Q(to_status__in=Status.values), name="event_to_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure} {self.transition} {self.created_at:%Y-%m-%d %H:%M}"


class Comment(models.Model):
    """A remark on a disclosure, one of its tables or one row of a table; replies form a thread."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="comments")
    table = models.CharField(_("报表"), max_length=30, blank=True)  # a table's key (tables.declaration); "" for none
    row = models.CharField(_("行"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作者")
    )
    text = models.TextField(_("内容"))
    reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("回复")
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        constraints = [
            models.CheckConstraint(condition=Q(table="") | Q(table__in=list(TABLES)), name="comment_table_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
            models.CheckConstraint(condition=Q(row="") | ~Q(table=""), name="comment_row_needs_table"),
        ]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class PublicationJob(models.Model):
    """Rendering a version's published files, in the background when a broker is configured."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在生成")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="publication_jobs")
    batch = models.ForeignKey(
        "BulkAction", on_delete=models.SET_NULL, null=True, blank=True, related_name="publication_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    comment = models.TextField(_("意见"), blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("公开任务")
        verbose_name_plural = _("公开任务")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]), name="job_state_valid"
            ),
            models.UniqueConstraint(
                fields=["disclosure"],
                condition=Q(state__in=["queued", "running"]),
                name="job_one_active_per_disclosure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure} {self.get_state_display()}"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES


class BulkAction(models.Model):
    """A reviewer's action on a selection of the review list (approve, or publish the approved), run as a job.

    Publishing queues one PublicationJob per disclosure (``batch``), which the workers render in parallel.
    """

    class Action(models.TextChoices):
        APPROVE = "approve", _("审核通过")
        PUBLISH = "publish", _("公开")

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")

    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    disclosure_ids = models.JSONField(_("所选公开材料"), default=list)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    processed = models.PositiveIntegerField(_("已处理"), default=0)
    refusals = models.JSONField(_("未执行的单位及原因"), default=list)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("批量操作")
        verbose_name_plural = _("批量操作")
        constraints = [
            models.CheckConstraint(condition=Q(action__in=["approve", "publish"]), name="bulk_action_valid"),
            models.CheckConstraint(condition=Q(state__in=["queued", "running", "done"]), name="bulk_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} × {len(self.disclosure_ids)}"

    @property
    def total(self) -> int:
        return len(self.disclosure_ids)
