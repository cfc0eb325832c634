"""A unit's disclosure for one year and the data of its 12 tables.

Amounts are exact Decimals in 元 (2 decimals); the tables show them in 万元. Every amount is
non-negative and every classification code is a foreign key into the catalog, both enforced by
the database. Which tables are derived from these rows is declared in ``disclosures.tables``.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogs.models import ClassificationCode
from disclosures.choices import (
    AmountUnit,
    Fund,
    IndicatorCategory,
    Kind,
    Operator,
    ProcurementCategory,
    ProcurementMode,
    Status,
)
from units.models import Unit


def Amount(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, default=Decimal("0"), **kwargs)


def non_negative(model_name: str, *fields: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=f"{model_name}_{field}_not_negative")
        for field in fields
    ]


def fund_constraint(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(fund__in=Fund.values), name=f"{model_name}_fund_valid")


class DisclosureQuerySet(models.QuerySet):
    def for_unit_year(self, unit_code: str, year: int, kind: str = Kind.BUDGET):
        return self.filter(unit__code=unit_code, year=year, kind=kind).exclude(status=Status.SUPERSEDED)


class Disclosure(models.Model):
    """One version of a unit's disclosure for one year (预算 or 决算).

    Version 1 is the original; a revision of a published disclosure is a new version that
    supersedes it when published, so the old one stays readable.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.BUDGET)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    entry_unit = models.CharField(_("录入金额单位"), max_length=4, choices=AmountUnit.choices, default=AmountUnit.WAN)
    duties = models.TextField(_("主要职责"), blank=True)
    organisation = models.TextField(_("机构设置情况"), blank=True)
    annual_tasks = models.TextField(_("年度主要工作任务"), blank=True)
    operating_costs = Amount(_("机关运行经费"))
    state_assets = models.TextField(_("国有资产占用情况"), blank=True)
    # Incremented by every save of the content, so that a save based on an older read is refused.
    lock_version = models.PositiveIntegerField(_("数据版本"), default=0)
    budget_approved_on = models.DateField(_("预算批复日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    correction_note = models.TextField(_("更正说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__code", "-version"]
        verbose_name = _("单位预算公开")
        verbose_name_plural = _("单位预算公开")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind", "version"], name="disclosure_unique_version"),
            models.UniqueConstraint(
                fields=["unit", "year", "kind"],
                condition=~Q(status__in=[Status.PUBLISHED, Status.SUPERSEDED]),
                name="disclosure_one_open_version",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="disclosure_year_plausible"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="disclosure_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="disclosure_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="disclosure_version_positive"),
            *non_negative("disclosure", "operating_costs"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code}{self.unit.name}{self.year}年单位{self.get_kind_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class PublishedFile(models.Model):
    """A file rendered once when a version is published and served unchanged from then on."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="published_files")
    format = models.CharField(_("格式"), max_length=10)
    file = models.FileField(_("文件"), upload_to="published/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("字节数"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

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


class DisclosurePart(models.Model):
    """Base of every row that belongs to one disclosure."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="%(class)ss")

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


class Income(models.Model):
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

    class Meta:
        verbose_name = _("收入")
        verbose_name_plural = _("收入")
        constraints = non_negative("income", *INCOME_AMOUNT_FIELDS)


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

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("支出明细")
        verbose_name_plural = _("支出明细")
        constraints = [
            models.UniqueConstraint(
                fields=["disclosure", "function_code", "fund"], name="expenditure_unique_code_fund"
            ),
            fund_constraint("expenditure"),
            *non_negative("expenditure", "personnel", "public", "project", "carry_forward"),
        ]

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public + self.project


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

    AMOUNT_FIELDS = THREE_PUBLIC_AMOUNT_FIELDS

    class Meta:
        ordering = ["fund"]
        verbose_name = _("三公两费")
        verbose_name_plural = _("三公两费")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "fund"], name="three_public_unique_fund"),
            fund_constraint("three_public"),
            *non_negative("three_public", *THREE_PUBLIC_AMOUNT_FIELDS),
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

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("项目绩效目标")
        verbose_name_plural = _("项目绩效目标")
        constraints = [
            models.CheckConstraint(condition=~Q(project=""), name="performance_project_named"),
            *non_negative("performance", "amount"),
        ]


class PerformanceIndicator(models.Model):
    """One indicator of a target: ``名称(比较符 值 单位)``, or a qualitative value with no operator."""

    target = models.ForeignKey(PerformanceTarget, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("序号"), default=0)
    category = models.CharField(_("指标类别"), max_length=20, choices=IndicatorCategory.choices)
    name = models.CharField(_("指标名称"), max_length=200)
    operator = models.CharField(_("比较符"), max_length=2, choices=Operator.choices, blank=True)
    value = models.CharField(_("指标值"), max_length=100)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)

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


PRIOR_YEAR_AMOUNT_FIELDS = [
    "total", "income_general_budget", "income_gov_fund", "income_state_capital", "income_special_account",
    "income_unit_funds", "basic", "project", "abroad", "vehicle_purchase", "vehicle_operation", "reception",
    "meeting", "training", "procurement_total", "procurement_centralized", "procurement_decentralized",
    "operating_costs", "gov_fund_expenditure",
    ]  # fmt: skip


class PriorYear(models.Model):
    """Last year's figures for the year-over-year sentences, when last year is not in the portal.

    Every figure is optional: an unknown figure (null) means no comparison is printed, which is
    different from a known zero.
    """

    disclosure = models.OneToOneField(Disclosure, on_delete=models.CASCADE, primary_key=True, related_name="prior_year")
    year = models.PositiveSmallIntegerField(_("上年年度"), null=True, blank=True)
    total = models.DecimalField(_("收支总预算"), max_digits=18, decimal_places=2, null=True, blank=True)
    income_general_budget = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    income_gov_fund = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    income_state_capital = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    income_special_account = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    income_unit_funds = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    basic = models.DecimalField(_("基本支出"), max_digits=18, decimal_places=2, null=True, blank=True)
    project = models.DecimalField(_("项目支出"), max_digits=18, decimal_places=2, null=True, blank=True)
    abroad = models.DecimalField(_("因公出国（境）费"), max_digits=18, decimal_places=2, null=True, blank=True)
    vehicle_purchase = models.DecimalField(_("公务用车购置费"), max_digits=18, decimal_places=2, null=True, blank=True)
    vehicle_operation = models.DecimalField(
        _("公务用车运行维护费"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    reception = models.DecimalField(_("公务接待费"), max_digits=18, decimal_places=2, null=True, blank=True)
    meeting = models.DecimalField(_("会议费"), max_digits=18, decimal_places=2, null=True, blank=True)
    training = models.DecimalField(_("培训费"), max_digits=18, decimal_places=2, null=True, blank=True)
    procurement_total = models.DecimalField(_("政府采购预算"), max_digits=18, decimal_places=2, null=True, blank=True)
    procurement_centralized = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    procurement_decentralized = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    operating_costs = models.DecimalField(_("机关运行经费"), max_digits=18, decimal_places=2, null=True, blank=True)
    gov_fund_expenditure = models.DecimalField(
        _("政府性基金预算支出"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    AMOUNT_FIELDS = PRIOR_YEAR_AMOUNT_FIELDS

    class Meta:
        verbose_name = _("上年数")
        verbose_name_plural = _("上年数")
        constraints = non_negative("prior_year", *PRIOR_YEAR_AMOUNT_FIELDS)


class PriorYearFunctionClass(models.Model):
    """Last year's expenditure for one function 类, for the per-类 comparison in section 三."""

    prior_year = models.ForeignKey(PriorYear, on_delete=models.CASCADE, related_name="function_classes")
    class_code = models.CharField(_("功能分类类级编码"), max_length=3)
    amount = models.DecimalField(_("金额"), max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["class_code"]
        constraints = [
            models.UniqueConstraint(fields=["prior_year", "class_code"], name="prior_class_unique"),
            models.CheckConstraint(condition=Q(class_code__length=3), name="prior_class_code_length"),
            *non_negative("prior_class", "amount"),
        ]


class Explanation(DisclosurePart):
    """A reason or note the unit writes (主要原因是…), keyed by the fact it explains."""

    key = models.CharField(_("说明对象"), max_length=60)
    text = models.TextField(_("说明"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("情况说明")
        verbose_name_plural = _("情况说明")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "key"], name="explanation_unique_key"),
            models.CheckConstraint(condition=~Q(text=""), name="explanation_not_empty"),
        ]
