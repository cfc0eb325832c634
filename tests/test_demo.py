"""The demo data: ``load_demo`` gives the demo unit seed 002 as its 2025 draft, once."""

import io

import pytest
from django.core.management import call_command

from disclosures import access
from disclosures.choices import Status
from disclosures.models import Disclosure, ExpenditureLine
from disclosures.snapshot import load
from units.models import User


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_imports_seed_002_as_the_2025_draft(client):
    output = load_demo()
    disclosure = Disclosure.objects.get(unit__code="309002", year=2025, kind="budget")
    assert disclosure.status == Status.DRAFT
    data = load(disclosure)
    assert len(data.lines) == 8 and len(data.basic) == 28 and len(data.targets) == 8
    assert sum(line.total for line in data.lines) == 9818900  # 981.89万元
    assert "已导入" in output and "kuaiji" in output
    assert client.post("/accounts/login/", {"username": "kuaiji", "password": "kuaiji-309002"}).status_code == 302
    page = client.get("/workspace/units/309002/2025/tables/3/").content.decode()
    assert "2080505" in page and "981.89" in page


@pytest.mark.django_db
def test_load_demo_again_keeps_the_work_done_on_the_draft():
    load_demo()
    lines = ExpenditureLine.objects.filter(
        disclosure__unit__code="309002", disclosure__kind="budget", function_code__code="2080505"
    )
    lines.update(purpose="演示中改过")
    output = load_demo()
    assert Disclosure.objects.filter(unit__code="309002", kind="budget").count() == 1
    assert lines.get().purpose == "演示中改过"
    assert "保持不变" in output


@pytest.mark.django_db
def test_load_demo_publishes_three_seeds_in_three_layouts_so_the_public_site_is_not_empty(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # publication renders its files once committed
        output = load_demo()
    published = Disclosure.objects.filter(status=Status.PUBLISHED).select_related("unit__department__jurisdiction")
    assert {(d.unit.code, d.layout, d.unit.department.jurisdiction.code) for d in published} == {
        ("101005", "liujiang-2024", "liujiang"),
        ("128002", "liujiang-2024", "liujiang"),
        ("105002", "dianjiang-2024", "dianjiang"),
        ("101", "liujiang-2017-final", "liujiang"),
    }
    assert all(d.published_files.filter(format="pdf").exists() for d in published)
    assert "已公开演示材料" in output and "liujiang-2024" in output
    home = client.get("/?year=2024").content.decode()  # the year's directory by department
    assert "柳江区人民政府办公室" in home and "垫江县人民政府办公室" in home
    assert "垫江县人民政府电子政务中心" in client.get("/2024/departments/105/").content.decode()
    report = client.get("/2024/105002/").content.decode()
    assert "附表6" in report and "单位预算公开联系人" in report
    assert client.post("/accounts/login/", {"username": "dianjiang", "password": "dianjiang-2024"}).status_code == 302
    assert "已公开演示材料" not in load_demo()  # a second run publishes nothing again


@pytest.mark.django_db
def test_load_demo_makes_a_2025_final_draft_from_the_budget_with_illustrative_actuals():
    output = load_demo()
    final = Disclosure.objects.get(unit__code="309002", year=2025, kind="final")
    budget = Disclosure.objects.get(unit__code="309002", year=2025, kind="budget")
    assert final.status == Status.DRAFT and "示意数据" in output
    data, planned = load(final), load(budget)
    assert sorted((line.function_code, line.budget_initial) for line in data.lines) == sorted(
        (line.function_code, line.total) for line in planned.lines
    )
    assert 0 < sum(line.total for line in data.lines) < sum(line.total for line in planned.lines)
    from disclosures.checks import findings_for

    # Its figures are consistent; what it still lacks is words: the texts and reasons the accountant writes
    # (an empty printed text is an error, text.empty), which is what the draft is there to try.
    errors = [finding for finding in findings_for(final) if finding.is_error]
    assert errors and {finding.code for finding in errors} == {"text.empty"}
    # The workspace's pages of 309002's 2025 still name its budget.
    assert access.current_disclosure_or_404(User.objects.get(username="kuaiji"), "309002", 2025) == budget
    load_demo()
    assert Disclosure.objects.filter(unit__code="309002", kind="final").count() == 1


@pytest.mark.django_db
def test_load_demo_starts_department_309s_document_from_its_two_units(client):
    output = load_demo()
    document = Disclosure.objects.get(level="department", department__code="309", year=2025)
    data = load(document)
    assert [unit.code for unit in data.units] == ["309001", "309002"]
    assert sum(line.total for line in data.lines) == 3 * 9818900  # 309001 is seed 002 doubled
    assert "演示部门公开材料" in output and "bumen" in output
    assert client.post("/accounts/login/", {"username": "bumen", "password": "bumen-309"}).status_code == 302
    page = client.get("/workspace/departments/309/2025/budget/").content.decode()
    assert "309002 柳州市信息化建设管理中心（草稿）" in page
    load_demo()
    assert Disclosure.objects.filter(level="department").count() == 1
