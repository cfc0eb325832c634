"""A 决算 on every path built so far: the JSON format, the commands' --kind, the refusal of a 决算 that does
not balance at submission, the 决算 tables, and the link to the unit's budget of the year."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from disclosures.choices import Kind, Status
from disclosures.final_accounts import create_from_budget
from disclosures.interchange import dump, export_bytes, parse
from disclosures.models import Disclosure
from disclosures.services import DisclosureRefused, import_disclosure
from disclosures.snapshot import code_book, load
from disclosures.tables.builders import build_tables
from disclosures.workflow.services import TransitionRefused, submit
from tests.factories import UserFactory
from units.models import User

FIXTURE = "disclosures/demo/seed-001-2017-final.json"


def seed_001(**changes) -> str:
    document = json.loads(open(FIXTURE, encoding="utf-8").read())
    for key, value in changes.items():
        document[key] = value
    return json.dumps(document, ensure_ascii=False)


def as_typed() -> str:
    """Seed 001 with table 4's 年初结转和结余 as the seed prints it (156.26 + 10.00 under 163.26)."""
    document = json.loads(seed_001())
    document["carryover_in"]["general_budget"] = "156.26"
    return json.dumps(document, ensure_ascii=False)


def yuan(wan: str) -> Decimal:
    return Decimal(wan) * 10000


def test_a_final_round_trips_through_the_portal_without_losing_a_figure(catalogs):
    data = parse(seed_001())
    disclosure = import_disclosure(data=data)
    assert disclosure.kind == Kind.FINAL and disclosure.layout == "liujiang-2017-final"
    exported, original = dump(parse(export_bytes(disclosure))), dump(data)
    for document in (exported, original):  # stored by economic code
        document["basic_by_economic"].sort(key=lambda row: row["economic_code"])
    assert exported == original
    exported = json.loads(export_bytes(disclosure))
    assert exported["final"]["closing"]["general_budget"] == "239.832"
    assert exported["three_public"][0]["vehicles_held"] == 14
    assert exported["expenditure_lines"][0]["budget_initial"] == "512.70"


def test_a_budget_is_exported_without_the_keys_of_a_final(seed_disclosure):
    exported = json.loads(export_bytes(seed_disclosure))
    assert "final" not in exported and "budget_initial" not in exported["expenditure_lines"][0]


def test_final_keys_in_a_budget_and_a_layout_of_the_other_kind_are_refused(catalogs):
    with pytest.raises(Exception) as refused:
        parse(seed_001(kind="budget"))
    messages = "\n".join(refused.value.errors)
    assert "只有决算" in messages and "liujiang-2017-final" in messages


def test_a_count_must_be_a_whole_number(catalogs):
    document = json.loads(seed_001())
    document["three_public"][0]["vehicles_held"] = 1.5
    with pytest.raises(Exception) as refused:
        parse(json.dumps(document))
    assert "three_public[0].vehicles_held" in "\n".join(refused.value.errors)


def test_the_commands_take_the_kind(catalogs, tmp_path, capsys):
    path = tmp_path / "seed-001.json"
    path.write_text(as_typed(), encoding="utf-8")
    with pytest.raises(CommandError, match=r"决算.*与 --kind budget 不符"):
        call_command("import_disclosure", str(path), "--kind", "budget")
    call_command("import_disclosure", str(path), "--kind", "final")
    with pytest.raises(CommandError, match="找不到单位 101 2017年的公开材料"):
        call_command("check_disclosure", "101", "2017")
    with pytest.raises(CommandError, match="2个错误"):
        call_command("check_disclosure", "101", "2017", "--kind", "final")
    assert "表4“一般公共预算财政拨款”行" in capsys.readouterr().out
    output = tmp_path / "out.json"
    call_command("export_disclosure", "101", "2017", "--kind", "final", "--output", str(output))
    assert json.loads(output.read_text(encoding="utf-8"))["kind"] == "final"


def test_a_final_that_does_not_balance_is_refused_at_submission_naming_table_and_row(catalogs):
    disclosure = import_disclosure(data=parse(as_typed()))
    user = UserFactory(username="liujiang", role=User.Role.ACCOUNTANT, member_of=[disclosure.unit])
    with pytest.raises(TransitionRefused) as refused:
        submit(disclosure=disclosure, user=user, acknowledge_warnings=True)
    assert "表4“一般公共预算财政拨款”行“金额”列" in str(refused.value)
    assert "年初结转和结余156.26万元" in str(refused.value)


def test_the_final_tables_lay_out_the_seed(catalogs):
    data = parse(seed_001())
    disclosure = import_disclosure(data=data)
    tables = {table.spec.key: table for table in build_tables(load(disclosure), code_book(2017))}
    gov_fund = tables["final_gov_fund"].rows
    assert [(row.cells.get("function_code"), row.cells["opening_balance"], row.cells["total"]) for row in gov_fund] == [
        (None, yuan("10"), yuan("108.33")),
        ("212", yuan("10"), yuan("108.33")),
        ("21208", yuan("10"), yuan("108.33")),
        ("2120804", yuan("10"), yuan("10")),
        ("2120899", Decimal("0"), yuan("98.33")),
    ]
    three_public = tables["final_three_public"].rows[0].cells
    assert (three_public["budget_three_public_total"], three_public["three_public_total"]) == (
        yuan("463.90"),
        yuan("149.84"),
    )
    income = tables["final_income"].rows[0].cells
    assert (income["fiscal"], income["unit_other"]) == (yuan("1480.64"), yuan("0.07"))
    totals = {row.cells["income_item"]: row.cells["income_amount"] for row in tables["final_income_expenditure"].rows
              if row.cells.get("income_item")}  # fmt: skip
    assert totals["本年收入合计"] == yuan("1480.73") and totals["总计"] == yuan("1648.69")


def test_an_empty_final_table_carries_its_note(catalogs):
    document = json.loads(seed_001())
    document["three_public"] = []
    tables = {table.spec.key: table for table in build_tables(parse(json.dumps(document)), code_book(2017))}
    assert tables["final_three_public"].is_empty
    assert tables["final_three_public"].note == "注：本单位2017年没有一般公共预算财政拨款“三公”经费支出，故本表无数据。"


@pytest.fixture
def approved_budget(seed_disclosure):
    Disclosure.objects.filter(pk=seed_disclosure.pk).update(status=Status.APPROVED)
    return seed_disclosure


def test_a_final_is_authored_from_the_units_budget_with_its_initial_budget_filled_in(approved_budget, unit):
    final = create_from_budget(unit=unit, year=2025)
    # 柳州市 has no 决算 layout of its own: the national one.
    assert (final.kind, final.status, final.layout) == (Kind.FINAL, Status.DRAFT, "national-final-2021")
    budget, data = load(approved_budget), load(final)
    assert {(line.function_code, line.fund): line.budget_initial for line in data.lines} == {
        (line.function_code, line.fund): line.total for line in budget.lines
    }
    assert all(line.total == 0 for line in data.lines)
    assert data.three_public[0].budget_reception == budget.three_public[0].reception
    assert data.duties == budget.duties
    with pytest.raises(DisclosureRefused, match="决算已存在"):
        create_from_budget(unit=unit, year=2025)


def test_the_initial_budget_is_read_from_the_budget_whatever_is_typed(approved_budget, unit):
    final = create_from_budget(unit=unit, year=2025)
    typed = load(final)
    typed.lines[0].budget_initial = Decimal("1")
    import_disclosure(data=typed, replace=True)
    assert load(final).lines[0].budget_initial == load(approved_budget).lines[0].total


def test_without_a_budget_of_the_year_a_final_cannot_be_made_from_it(seed_disclosure, unit):
    with pytest.raises(DisclosureRefused, match="没有已公开或已审核的预算"):
        create_from_budget(unit=unit, year=2025)


def test_the_national_layout_publishes_the_nine_tables_and_its_standard_narrative(catalogs):
    from disclosures.narrative import compose

    data = parse(seed_001())
    document = compose(data, code_book(2017), layout="national-final-2021")
    assert [str(table.title) for table in document.layout.tables] == [
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
    ]  # fmt: skip
    keys = [section.key for part in document.parts for section in part.sections]
    assert keys[keys.index("overall") :] == [
        "overall", "income", "expenditure", "fiscal", "general_budget", "basic", "three_public", "gov_fund",
        "state_capital", "other", "glossary",
    ]  # fmt: skip
    text = "".join(str(section.html) for part in document.parts for section in part.sections)
    assert "{{" not in text and "没有使用国有资本经营预算财政拨款安排的支出" in text
    assert "完成年初预算的131.84%" in text and "公务用车保有量为14辆" in text


def test_the_reviewers_list_filters_by_kind_with_the_finals_own_approval_date_and_deadline(catalogs, client):
    import datetime

    disclosure = import_disclosure(data=parse(seed_001()))
    reviewer = UserFactory(username="shenhe", role=User.Role.REVIEWER)
    client.force_login(reviewer)
    client.post(
        reverse("disclosures:approval_date", args=["101", 2017]), {"kind": "final", "budget_approved_on": "2018-05-02"}
    )
    disclosure.refresh_from_db()
    assert disclosure.budget_approved_on == datetime.date(2018, 5, 2)
    finals = client.get(reverse("disclosures:review_list", args=[2017]) + "?kind=final").content.decode()
    assert 'data-unit="101"' in finals and "草稿" in finals and "决算批复日期" in finals
    assert "2018-05-22" in finals  # 20 days after its own 批复
    budgets = client.get(reverse("disclosures:review_list", args=[2017])).content.decode()
    assert "预算批复日期" in budgets and "2018-05-22" not in budgets


def publish_directly(disclosure: Disclosure) -> None:
    """Published without rendering its files: the public pages read the status and time."""
    from django.utils import timezone

    Disclosure.objects.filter(pk=disclosure.pk).update(status=Status.PUBLISHED, published_at=timezone.now())


def test_the_public_site_shows_budget_and_final_side_by_side_with_budget_against_actual(approved_budget, unit, client):
    final = create_from_budget(unit=unit, year=2025)
    data = load(final)
    data.lines[0].personnel = data.lines[0].budget_initial / 2  # half the first 项's budget spent
    import_disclosure(data=data, replace=True)
    publish_directly(approved_budget)
    publish_directly(final)
    budget_page = client.get(reverse("public:report", args=[2025, "309002"])).content.decode()
    assert reverse("public:final_report", args=[2025, "309002"]) in budget_page
    page = client.get(reverse("public:final_report", args=[2025, "309002"])).content.decode()
    assert "年初预算数" in page and "决算数" in page and "完成年初预算的" in page
    assert reverse("public:report", args=[2025, "309002"]) in page
    assert "<svg" in page and "柳州市信息化建设管理中心2025年决算公开" in page


def test_a_final_without_a_budget_in_the_portal_has_its_page_and_no_draft_is_public(catalogs, client):
    disclosure = import_disclosure(data=parse(seed_001()))
    url = reverse("public:final_report", args=[2017, "101"])
    assert client.get(url).status_code == 404  # a draft
    publish_directly(disclosure)
    page = client.get(url).content.decode()
    assert "本平台没有2017年预算" in page and "463.90万元" in page and "完成年初预算的131.84%" in page
    document = client.get(reverse("public:api_final", args=[2017, "101"])).json()
    assert document["kind"] == "final" and document["final"]["procurement"]["sme"] == "142.59"
    assert reverse("public:api_final", args=[2017, "101"]) in page
