"""The preview: what an import adds, changes and removes, table by table."""

import copy
from decimal import Decimal

from disclosures.excel.diff import compare, totals
from disclosures.snapshot import BasicRow, Indicator, Line, code_book, load


def by_title(sections):
    return {section.title: section for section in sections}


def test_the_same_content_changes_nothing(seed_disclosure):
    data = load(seed_disclosure)
    sections = compare(data, copy.deepcopy(data), code_book(2025))
    assert [section.title for section in sections] == [
        "预算公开01表 收入（含上年结转结余）", "预算公开03表 支出明细", "预算公开06表 基本支出经济分类",
        "预算公开07表 三公两费", "预算公开10表 政府采购", "预算公开11表 政府购买服务", "预算公开12表 项目绩效目标",
        "说明与其他",
    ]  # fmt: skip
    assert sum(section.count for section in sections) == 0
    assert not any(total.changed for total in totals(data, data))


def test_rows_added_changed_and_removed_are_listed_with_their_fields(seed_disclosure):
    before = load(seed_disclosure)
    after = copy.deepcopy(before)
    after.income["general_budget_local"] += Decimal("10000.00")
    after.basic[0].personnel = Decimal("1300000.00")  # 30101 基本工资 126.28 → 130.00
    after.basic.append(BasicRow("30214", public=Decimal("1.23")))
    after.lines.append(Line("2010506", personnel=Decimal("10000.00"), purpose="新增"))
    del after.procurement[2]  # the second of four items named 办公用设备购置
    after.targets[0].indicators.append(Indicator("quantity", "打印机", "=", "1", "台"))
    after.explanations["total_change"] = "新的原因"
    del after.explanations["operating_costs"]
    after.prior.figures["meeting"] = Decimal("20000.00")

    sections = by_title(compare(before, after, code_book(2025)))

    income = sections["预算公开01表 收入（含上年结转结余）"]
    assert [(row.label, [(f.label, f.before, f.after) for f in row.fields]) for row in income.changed] == [
        ("一般公共预算拨款 本级", [("金额（万元）", "981.89", "982.89")])
    ]
    basic = sections["预算公开06表 基本支出经济分类"]
    assert [(row.label, [(f.label, f.before, f.after) for f in row.fields]) for row in basic.changed] == [
        ("30101 基本工资", [("人员经费", "126.28", "130.00")])
    ]
    assert [(row.label, [(f.label, f.after) for f in row.fields]) for row in basic.added] == [
        ("30214 租赁费", [("人员经费", "0.00"), ("公用经费", "0.000123")])
    ]
    lines = sections["预算公开03表 支出明细"]
    assert [row.label for row in lines.added] == ["2010506 统计管理（一般公共预算）"]
    procurement = sections["预算公开10表 政府采购"]
    assert procurement.count == 4  # positions shift among the four same-named items
    assert [row.label for row in procurement.removed] == ["办公用设备购置（2150599 其他工业和信息产业支出）"]
    targets = sections["预算公开12表 项目绩效目标"]
    assert [row.label for row in targets.changed] == ["办公设备购置"]
    assert targets.changed[0].fields[0].label == "绩效指标"
    assert targets.changed[0].fields[0].after.endswith("数量指标：打印机(=1台)")
    info = sections["说明与其他"]
    assert [(row.label, row.fields[0].after) for row in info.changed] == [("收支总预算增减的主要原因", "新的原因")]
    assert [(row.label, row.fields[0].after) for row in info.added] == [("上年会议费（万元）", "2.00")]  # was unknown
    assert [row.label for row in info.removed] == ["机关运行经费（单位运行经费）增减的主要原因"]
    changed_totals = [total.label for total in totals(before, after) if total.changed]
    assert changed_totals == ["收入总计", "本年支出合计", "基本支出", "一般公共预算基本支出（表6）", "政府采购预算"]
