"""A synthetic department of many units, each with an approved budget: the scale test and its benchmark.

Every unit gets the same small, balanced disclosure (income, three 项 lines, two economic 款, 三公, one
procurement item, one target with an indicator), written in bulk so that building 200 units is quick.
"""

from decimal import Decimal

from catalogs.models import ClassificationCode, Scheme
from disclosures.choices import Fund, IndicatorCategory, Kind, Level, ProcurementCategory, ProcurementMode, Status
from disclosures.department_documents import start_department_document
from disclosures.layouts import layout_for
from disclosures.models import (
    BasicExpenditure,
    Disclosure,
    ExpenditureLine,
    Income,
    PerformanceIndicator,
    PerformanceTarget,
    ProcurementItem,
    ThreePublicCosts,
)
from units.models import Department, Unit

# One unit's figures in 元: personnel 300,000 + public 50,000 + project 150,000 = the income 500,000.
PERSONNEL, PUBLIC, PROJECT = Decimal("300000.00"), Decimal("50000.00"), Decimal("150000.00")


def synthetic_department(code: str, unit_count: int, year: int = 2025) -> Disclosure:
    """A department ``code`` of ``unit_count`` units with approved budgets, and its document being prepared.

    Needs the year's catalog loaded (load_catalogs).
    """
    department = Department.objects.create(code=code, name=f"测试部门{code}")
    units = Unit.objects.bulk_create(
        Unit(department=department, code=f"{code}{index:04d}", name=f"测试单位{index}", type=Unit.Type.ADMINISTRATIVE)
        for index in range(1, unit_count + 1)
    )
    layout = layout_for(department.jurisdiction.code, Kind.BUDGET, year).key
    disclosures = Disclosure.objects.bulk_create(
        Disclosure(level=Level.UNIT, unit=unit, year=year, layout=layout, status=Status.APPROVED) for unit in units
    )
    codes = ClassificationCode.objects.filter(year=year)
    functions = list(codes.filter(scheme=Scheme.FUNCTION, level=3).order_by("code")[:3])
    economic = {row.code: row for row in codes.filter(scheme=Scheme.ECON_DEPT, code__in=["30101", "30201"])}
    Income.objects.bulk_create(
        Income(disclosure=disclosure, general_budget_local=PERSONNEL + PUBLIC + PROJECT) for disclosure in disclosures
    )
    ExpenditureLine.objects.bulk_create(
        ExpenditureLine(disclosure=disclosure, position=position, function_code=function, **amounts)
        for disclosure in disclosures
        for position, (function, amounts) in enumerate(
            zip(functions, [{"personnel": PERSONNEL}, {"public": PUBLIC}, {"project": PROJECT}], strict=True)
        )
    )
    BasicExpenditure.objects.bulk_create(
        row
        for disclosure in disclosures
        for row in (
            BasicExpenditure(disclosure=disclosure, economic_code=economic["30101"], personnel=PERSONNEL),
            BasicExpenditure(disclosure=disclosure, economic_code=economic["30201"], public=PUBLIC),
        )
    )
    ThreePublicCosts.objects.bulk_create(
        ThreePublicCosts(disclosure=disclosure, fund=Fund.GENERAL_BUDGET, reception=Decimal("1000.00"))
        for disclosure in disclosures
    )
    ProcurementItem.objects.bulk_create(
        ProcurementItem(
            disclosure=disclosure,
            function_code=functions[2],
            project="办公设备采购",
            general_budget=Decimal("20000.00"),
            mode=ProcurementMode.CENTRALIZED,
            category=ProcurementCategory.GOODS,
        )
        for disclosure in disclosures
    )
    targets = PerformanceTarget.objects.bulk_create(
        PerformanceTarget(disclosure=disclosure, project="业务工作经费", amount=PROJECT, goal="完成年度工作任务。")
        for disclosure in disclosures
    )
    PerformanceIndicator.objects.bulk_create(
        PerformanceIndicator(
            target=target, category=IndicatorCategory.QUALITY, name="任务完成率", operator="≥", value="95", unit="%"
        )
        for target in targets
    )
    return start_department_document(department, year)
