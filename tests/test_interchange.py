import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosures.choices import Status
from disclosures.interchange import InterchangeError, dump, parse
from disclosures.models import Disclosure, ExpenditureLine, PerformanceIndicator
from disclosures.services import import_disclosure
from disclosures.snapshot import load


def test_seed_002_imports_unchanged(seed_disclosure, seed_json):
    data = load(seed_disclosure)
    assert data.unit_name == "柳州市信息化建设管理中心"
    assert len(data.lines) == 8 and len(data.basic) == 28 and len(data.procurement) == 8
    assert len(data.targets) == 8
    assert sum(len(t.indicators) for t in data.targets) == PerformanceIndicator.objects.count() == 74
    assert sum(line.total for line in data.lines) == Decimal("9818900.00")
    assert data.prior.get("total") == Decimal("8987400.00")
    assert data.prior.function_class["215"] == Decimal("6957000.00")
    qualitative = [i for t in data.targets for i in t.indicators if not i.operator]
    assert [i.text for i in qualitative] == ["“中国柳州”门户网站绩效排名(前10名)", "用户问题响应时间(不超过30分钟)",
                                            "全年用户投诉量(不高于50个)"]  # fmt: skip
    assert data.explanations == seed_json["explanations"]


def test_export_then_import_gives_the_same_data(seed_disclosure, seed_data):
    exported = dump(load(seed_disclosure))
    assert parse(json.dumps(exported)) == seed_data
    assert exported["income"]["general_budget"]["local"] == "981.89"


def test_amounts_in_yuan_round_trip_exactly(catalogs, seed_json, unit):
    seed_json["amount_unit"] = "元"
    seed_json["expenditure_lines"][0]["personnel"] = "198512.34"
    data = parse(json.dumps(seed_json))
    assert data.lines[0].personnel == Decimal("198512.34")
    text = json.dumps(dump(data))
    assert '"19.851234"' in text
    assert parse(text).lines[0].personnel == Decimal("198512.34")


def test_import_command_refuses_to_overwrite_without_replace(seed_disclosure, tmp_path, seed_json):
    path = tmp_path / "seed.json"
    seed_json["expenditure_lines"][0]["purpose"] = "新的用途"
    path.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_disclosure", str(path), stdout=io.StringIO())
    assert ExpenditureLine.objects.filter(purpose="新的用途").count() == 0
    call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    assert ExpenditureLine.objects.filter(purpose="新的用途").count() == 1
    assert Disclosure.objects.count() == 1


def test_import_never_touches_a_published_disclosure(seed_disclosure, tmp_path, seed_json):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.PUBLISHED)
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="已经公开"):
        call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())


def test_import_command_creates_department_unit_and_disclosure(catalogs, tmp_path, seed_json):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    call_command("import_disclosure", str(path), stdout=io.StringIO())
    disclosure = Disclosure.objects.get()
    assert (disclosure.unit.code, disclosure.unit.department.code, disclosure.status) == ("309002", "309", "draft")


def test_export_command_writes_json(seed_disclosure, tmp_path):
    out = tmp_path / "out.json"
    call_command("export_disclosure", "309002", "2025", "--output", str(out), stderr=io.StringIO())
    assert json.loads(out.read_text(encoding="utf-8"))["unit"]["code"] == "309002"
    with pytest.raises(CommandError, match="找不到"):
        call_command("export_disclosure", "999999", "2025")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: "{not json", "不是有效的 JSON"),
        (lambda d: {**d, "format": "budget-disclosure/2"}, "format"),
        (
            lambda d: {**d, "expenditure_lines": [{**d["expenditure_lines"][0], "function_code": "2159999"}]},
            "expenditure_lines[0].function_code（预算公开03表 第1行）：科目“2159999”不在2025年支出功能分类目录中",
        ),
        (
            lambda d: {
                **d,
                "basic_by_economic": [*d["basic_by_economic"][:5], {"economic_code": "30101", "personnel": "abc"}],
            },
            "basic_by_economic[5]（预算公开06表 第6行）",
        ),
        (lambda d: {**d, "year": "2025"}, "year"),
        (lambda d: {**d, "expenditure_lines": [{**d["expenditure_lines"][0], "personnel": "-1"}]}, "不能为负数"),
        (lambda d: {**d, "expenditure_lines": [{**d["expenditure_lines"][0], "function_code": "21505"}]}, "款级科目"),
    ],
)
def test_bad_input_is_rejected_whole_with_its_place(seed_disclosure, seed_json, tmp_path, mutate, expected):
    before = dump(load(seed_disclosure))
    document = mutate(seed_json)
    path = tmp_path / "bad.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_disclosure", str(path), "--replace", stdout=io.StringIO())
    assert expected in str(caught.value)
    assert dump(load(Disclosure.objects.get())) == before


def test_every_problem_is_reported_at_once(catalogs, seed_json):
    seed_json["expenditure_lines"][1]["project"] = "x"
    seed_json["three_public"][0]["meeting"] = "一万"
    seed_json["procurement"][2]["mode"] = "online"
    with pytest.raises(InterchangeError) as caught:
        parse(json.dumps(seed_json))
    assert len(caught.value.errors) == 3
    assert any("预算公开10表 第3行" in error for error in caught.value.errors)


def test_replacing_a_draft_makes_pages_opened_before_it_conflict(seed_disclosure, seed_data):
    from disclosures.editing import TableConflict, save_table
    from tests.test_editing import base_of

    opened = base_of(seed_disclosure, "expenditure")
    on_screen = copy.deepcopy(seed_data.lines)
    seed_data.lines[0].purpose = "导入的用途"
    import_disclosure(data=seed_data, replace=True)
    with pytest.raises(TableConflict):
        save_table(seed_disclosure, "expenditure", on_screen, based_on=opened)


def test_a_text_longer_than_its_column_is_reported_with_its_place(catalogs, seed_json):
    seed_json["procurement"][0]["project"] = "信" * 301
    with pytest.raises(InterchangeError) as caught:
        parse(json.dumps(seed_json))
    [error] = caught.value.errors
    assert "预算公开10表" in error and "不能超过300个字（现有301个）" in error
