"""The yearly classification catalogs (政府收支分类科目) that every amount is filed under."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

models.CharField.register_lookup(Length)

CODE_LENGTH_BY_LEVEL = {1: 3, 2: 5, 3: 7}


class Scheme(models.TextChoices):
    FUNCTION = "function", _("支出功能分类")
    ECON_DEPT = "econ_dept", _("部门预算支出经济分类")
    ECON_GOV = "econ_gov", _("政府预算支出经济分类")


LEVEL_NAMES = {
    Scheme.FUNCTION: {1: _("类"), 2: _("款"), 3: _("项")},
    Scheme.ECON_DEPT: {1: _("类"), 2: _("款")},
    Scheme.ECON_GOV: {1: _("类"), 2: _("款")},
}
MAX_LEVEL = {Scheme.FUNCTION: 3, Scheme.ECON_DEPT: 2, Scheme.ECON_GOV: 2}


def level_for_code(scheme: str, code: str) -> int | None:
    """The level a well-formed code has in a scheme, or None when its length fits no level."""
    for level, length in CODE_LENGTH_BY_LEVEL.items():
        if len(code) == length and code.isascii() and code.isdigit() and level <= MAX_LEVEL[Scheme(scheme)]:
            return level
    return None


class ClassificationCodeQuerySet(models.QuerySet):
    def for_year(self, scheme: str, year: int):
        return self.filter(scheme=scheme, year=year)

    def search(self, term: str):
        term = term.strip()
        if not term:
            return self
        if term.isdigit():
            return self.filter(code__startswith=term)
        return self.filter(name__icontains=term)


class ClassificationCode(models.Model):
    """One code of one scheme in one year's catalog, e.g. 2025 function 2080505.

    Names change between years and codes move (住房公积金 30302 → 30113), so a code belongs to
    a year and a disclosure only uses codes of its own year.
    """

    class Origin(models.TextChoices):
        STARTER = "starter", _("随系统提供的起始目录")
        OFFICIAL = "official", _("财政部门导入的正式目录")
        LOCAL = "local", _("本地增补科目")
        CLONED = "cloned", _("由上年目录复制")

    scheme = models.CharField(_("分类"), max_length=12, choices=Scheme.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    code = models.CharField(_("科目编码"), max_length=7)
    name = models.CharField(_("科目名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("级次"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级科目")
    )
    origin = models.CharField(_("来源"), max_length=10, choices=Origin.choices, default=Origin.OFFICIAL)
    verified = models.BooleanField(
        _("已核实"), default=True, help_text=_("未核实的科目来自补充清单，名称与编码须以财政部正式目录为准。")
    )
    provenance = models.CharField(_("出处"), max_length=300, blank=True)

    objects = ClassificationCodeQuerySet.as_manager()

    class Meta:
        ordering = ["scheme", "year", "code"]
        verbose_name = _("分类科目")
        verbose_name_plural = _("分类科目")
        indexes = [models.Index(fields=["scheme", "year", "name"], name="catalog_name_idx")]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year", "code"], name="catalog_unique_scheme_year_code"),
            models.CheckConstraint(condition=Q(scheme__in=Scheme.values), name="catalog_scheme_valid"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="catalog_year_plausible"),
            models.CheckConstraint(
                condition=Q(level=1, code__length=3)
                | Q(level=2, code__length=5)
                | Q(level=3, code__length=7, scheme=Scheme.FUNCTION),
                name="catalog_code_length_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="catalog_parent_present_below_top_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[Scheme(self.scheme)][self.level]
