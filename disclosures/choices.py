"""The enumerations of the budget-disclosure/1 format, shared by models, forms and rendering."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BUDGET = "budget", _("预算")
    FINAL = "final", _("决算")


class Level(models.TextChoices):
    """Whose document it is: one unit's, or a department's consolidated from its units (部门预算/部门决算)."""

    UNIT = "unit", _("单位")
    DEPARTMENT = "department", _("部门")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已公开")
    SUPERSEDED = "superseded", _("已被更正版本替代")


class Fund(models.TextChoices):
    GENERAL_BUDGET = "general_budget", _("一般公共预算")
    GOV_FUND = "gov_fund", _("政府性基金预算")
    STATE_CAPITAL = "state_capital", _("国有资本经营预算")
    SPECIAL_ACCOUNT = "special_account", _("财政专户管理资金")
    UNIT_FUNDS = "unit_funds", _("单位资金")


FISCAL_FUNDS = (Fund.GENERAL_BUDGET, Fund.GOV_FUND, Fund.STATE_CAPITAL)


class IncomeSource(models.TextChoices):
    """Where a 决算 line's 单位资金 income came from (a fiscal fund's income is its 财政拨款), named as the
    Income field of the same source."""

    BUSINESS = "unit_business", _("事业收入")
    OPERATING = "unit_operating", _("经营收入")
    SUPERIOR = "unit_superior", _("上级补助收入")
    AFFILIATED = "unit_affiliated", _("附属单位上缴收入")
    OTHER = "unit_other", _("其他收入")


class ProcurementMode(models.TextChoices):
    CENTRALIZED = "centralized", _("集中采购")
    DECENTRALIZED = "decentralized", _("分散采购")


class ProcurementCategory(models.TextChoices):
    GOODS = "goods", _("货物类")
    WORKS = "works", _("工程类")
    SERVICES = "services", _("服务类")


class IndicatorCategory(models.TextChoices):
    QUANTITY = "quantity", _("数量指标")
    QUALITY = "quality", _("质量指标")
    TIMELINESS = "timeliness", _("时效指标")
    COST = "cost", _("成本指标")
    ECONOMIC = "economic", _("经济效益指标")
    SOCIAL = "social", _("社会效益指标")
    ECOLOGICAL = "ecological", _("生态效益指标")
    SUSTAINABILITY = "sustainability", _("可持续效益指标")
    SATISFACTION = "satisfaction", _("满意度指标")


class Operator(models.TextChoices):
    EQ = "=", "="
    GE = "≥", "≥"
    LE = "≤", "≤"
    GT = ">", ">"
    LT = "<", "<"


class AmountUnit(models.TextChoices):
    YUAN = "元", _("元")
    WAN = "万元", _("万元")
