"""A year's published budgets and 决算 as a Fiscal Data Package (Frictionless Data, FDP 1.0).

Three tidy CSV resources, one amount per row, in exact 元: expenditure by function classification
(类/款/项), fund and kind of expenditure; general-budget basic expenditure by economic classification;
income by source. Each field carries the FDP ``columnType`` naming its fiscal concept (administrative,
functional and economic classification levels, financing source, value), and ``extraFields`` state what
is constant (currency CNY, direction). Every row names its document's ``kind`` (budget or final) and the
FDP ``phase`` it is (a budget's amounts are approved, a 决算's executed). Each resource is read in one query.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from disclosures.choices import Fund, Kind
from disclosures.formula_guard import inert_row
from disclosures.interchange import INCOME_KEYS
from disclosures.models import BasicExpenditure, ExpenditureLine, Income
from disclosures.snapshot import CARRYOVER_KEYS
from public.queries import OPEN_DATA_KINDS, published

CODE = r"^[0-9]+$"
PHASES = {Kind.BUDGET: "approved", Kind.FINAL: "executed"}  # FDP's phase of a document's amounts


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    column_type: str = ""
    pattern: str = ""
    required: bool = True
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict:
        result = {"name": self.name, "type": self.type, "title": str(self.title)}
        if self.column_type:
            result["columnType"] = self.column_type
        constraints = {"required": True} if self.required else {}
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum:
            constraints["enum"] = [str(value) for value in self.enum]
        if constraints:
            result["constraints"] = constraints
        return result


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    direction: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[int], Iterable[list]]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def descriptor(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "title": str(self.title),
            "description": str(self.description),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [field.descriptor() for field in self.fields],
                "primaryKey": list(self.primary_key),
                "missingValues": [""],
                "extraFields": [
                    {"name": "currency", "type": "string", "columnType": "value-currency:code", "constant": "CNY"},
                    {"name": "direction", "type": "string", "columnType": "direction", "constant": self.direction},
                ],
            },
        }


ORGANISATION = (
    Field("fiscal_year", "integer", _("年度"), "date:fiscal-year"),
    Field("department_code", "string", _("部门代码"), "administrative-classification:generic:level1:code", CODE),
    Field("department_name", "string", _("部门名称"), "administrative-classification:generic:level1:label"),
    Field("unit_code", "string", _("单位代码"), "administrative-classification:generic:level2:code", CODE),
    Field("unit_name", "string", _("单位名称"), "administrative-classification:generic:level2:label"),
    Field("version", "integer", _("公开版本")),
    Field("kind", "string", _("公开类型（budget 预算，final 决算）"), enum=tuple(OPEN_DATA_KINDS)),
    Field("phase", "string", _("预算阶段"), "phase:id", enum=tuple(PHASES.values())),
)
FUND = (
    Field("fund_code", "string", _("资金性质代码"), "fin-source:generic:level1:code"),
    Field("fund_name", "string", _("资金性质"), "fin-source:generic:level1:label"),
)
EXPENDITURE_TYPE = (
    Field("expenditure_type_code", "string", _("支出类型代码"), "expenditure-type:code"),
    Field("expenditure_type_name", "string", _("支出类型"), "expenditure-type:label"),
)
AMOUNT = Field("amount", "number", _("金额（元）"), "value")
EXPENDITURE_TYPES = (
    ("personnel", _("基本支出·人员经费")),
    ("public", _("基本支出·公用经费")),
    ("project", _("项目支出")),
    ("carry_forward", _("结转下年支出")),
    # A 决算's spending besides 基本 and 项目 (a budget's lines leave them zero).
    ("remittance", _("上缴上级支出")),
    ("operating", _("经营支出")),
    ("subsidy", _("对附属单位补助支出")),
)
# Income field → its fund: this year's income by source, then the carry-over (上年结转结余) by fund.
INCOME_SOURCES = {name: fund for (fund, _key), name in INCOME_KEYS.items()} | {
    name: fund for fund, name in CARRYOVER_KEYS.items()
}


def _published_rows(model, year: int):
    return model.objects.filter(disclosure__in=published(OPEN_DATA_KINDS).filter(year=year)).select_related(
        "disclosure__unit__department__jurisdiction"
    )


def _organisation(disclosure) -> list:
    unit = disclosure.unit
    return [
        disclosure.year, unit.department.code, unit.department.name, unit.code, unit.name, disclosure.version,
        disclosure.kind, PHASES[disclosure.kind],
    ]  # fmt: skip


def _name(code) -> str:
    return code.name if code is not None else ""


def expenditure_rows(year: int) -> Iterable[list]:
    lines = (
        _published_rows(ExpenditureLine, year)
        .select_related("function_code__parent__parent")
        .order_by("disclosure__unit__code", "disclosure__kind", "position", "id")
    )
    for line in lines:
        item = line.function_code
        section = item.parent
        class_ = section.parent if section is not None else None
        for type_code, type_name in EXPENDITURE_TYPES:
            amount = getattr(line, type_code)
            if amount:
                yield [
                    *_organisation(line.disclosure),
                    item.code[:3], _name(class_), item.code[:5], _name(section), item.code, item.name,
                    line.fund, Fund(line.fund).label, type_code, type_name, amount,
                ]  # fmt: skip


def basic_expenditure_rows(year: int) -> Iterable[list]:
    rows = (
        _published_rows(BasicExpenditure, year)
        .select_related("economic_code__parent")
        .order_by("disclosure__unit__code", "disclosure__kind", "economic_code__code")
    )
    for row in rows:
        item = row.economic_code
        for type_code, type_name in EXPENDITURE_TYPES[:2]:
            amount = getattr(row, type_code)
            if amount:
                yield [
                    *_organisation(row.disclosure),
                    item.code[:3], _name(item.parent), item.code, item.name, type_code, type_name, amount,
                ]  # fmt: skip


def income_rows(year: int) -> Iterable[list]:
    for income in _published_rows(Income, year).order_by("disclosure__unit__code", "disclosure__kind"):
        for name, fund in INCOME_SOURCES.items():
            amount = getattr(income, name)
            if amount:
                label = Income._meta.get_field(name).verbose_name
                yield [*_organisation(income.disclosure), fund, Fund(fund).label, name, label, amount]


RESOURCES = (
    Resource(
        "expenditure",
        _("支出：按支出功能分类、资金性质和支出类型"),
        _("预算公开03表（决算为支出决算表）的明细：每个单位每个功能分类“项”、资金性质和支出类型一行。"),
        "expenditure",
        (
            *ORGANISATION,
            Field(
                "function_class_code",
                "string",
                _("功能分类类级编码"),
                "functional-classification:generic:level1:code",
                r"^[0-9]{3}$",
            ),
            Field(
                "function_class_name",
                "string",
                _("功能分类类级名称"),
                "functional-classification:generic:level1:label",
                required=False,
            ),
            Field(
                "function_section_code",
                "string",
                _("功能分类款级编码"),
                "functional-classification:generic:level2:code",
                r"^[0-9]{5}$",
            ),
            Field(
                "function_section_name",
                "string",
                _("功能分类款级名称"),
                "functional-classification:generic:level2:label",
                required=False,
            ),
            Field(
                "function_item_code",
                "string",
                _("功能分类项级编码"),
                "functional-classification:generic:level3:code",
                r"^[0-9]{7}$",
            ),
            Field(
                "function_item_name", "string", _("功能分类项级名称"), "functional-classification:generic:level3:label"
            ),
            *FUND,
            *EXPENDITURE_TYPE,
            AMOUNT,
        ),
        ("fiscal_year", "unit_code", "kind", "function_item_code", "fund_code", "expenditure_type_code"),
        expenditure_rows,
    ),
    Resource(
        "basic-expenditure",
        _("一般公共预算基本支出：按部门预算支出经济分类"),
        _("预算公开06表的明细：每个单位每个经济分类“款”的人员经费和公用经费。"),
        "expenditure",
        (
            *ORGANISATION,
            Field(
                "economic_class_code",
                "string",
                _("经济分类类级编码"),
                "economic-classification:generic:level1:code",
                r"^[0-9]{3}$",
            ),
            Field(
                "economic_class_name",
                "string",
                _("经济分类类级名称"),
                "economic-classification:generic:level1:label",
                required=False,
            ),
            Field(
                "economic_item_code",
                "string",
                _("经济分类款级编码"),
                "economic-classification:generic:level2:code",
                r"^[0-9]{5}$",
            ),
            Field(
                "economic_item_name", "string", _("经济分类款级名称"), "economic-classification:generic:level2:label"
            ),
            *EXPENDITURE_TYPE,
            AMOUNT,
        ),
        ("fiscal_year", "unit_code", "kind", "economic_item_code", "expenditure_type_code"),
        basic_expenditure_rows,
    ),
    Resource(
        "income",
        _("收入：按资金来源"),
        _("预算公开01表的收入：本年收入按资金性质和来源，以及上年结转结余（决算为年初结转和结余）。"),
        "revenue",
        (
            *ORGANISATION,
            *FUND,
            Field("source_code", "string", _("收入来源代码"), "fin-source:generic:level2:code"),
            Field("source_name", "string", _("收入来源"), "fin-source:generic:level2:label"),
            AMOUNT,
        ),
        ("fiscal_year", "unit_code", "kind", "source_code"),
        income_rows,
    ),
)
RESOURCES_BY_NAME = {resource.name: resource for resource in RESOURCES}


def package(year: int) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": f"unit-budgets-{year}",
        "title": str(_("%(year)d年单位预算、决算公开数据") % {"year": year}),
        "description": str(
            _("本年度已公开的全部单位预算和决算（现行版本），每行的 kind 为 budget（预算）或 final（决算）。")
            + _("金额单位为元，保留两位小数；")
            + _("字段的 columnType 遵循 Fiscal Data Package 规范。")
        ),
        "countryCode": "CN",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "resources": [resource.descriptor() for resource in RESOURCES],
    }


def descriptor_bytes(descriptor: dict) -> bytes:
    return json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8")


def resource_csv(year: int, name: str) -> bytes:
    resource = RESOURCES_BY_NAME[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(field.name for field in resource.fields)
    writer.writerows(inert_row(row) for row in resource.rows(year))
    return buffer.getvalue().encode("utf-8")
