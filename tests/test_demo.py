"""The demo data: ``load_demo`` gives the demo unit seed 002 as its 2025 draft, once."""

import io

import pytest
from django.core.management import call_command

from disclosures.choices import Status
from disclosures.models import Disclosure, ExpenditureLine
from disclosures.snapshot import load


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_imports_seed_002_as_the_2025_draft(client):
    output = load_demo()
    disclosure = Disclosure.objects.get(unit__code="309002", year=2025)
    assert disclosure.status == Status.DRAFT
    data = load(disclosure)
    assert len(data.lines) == 8 and len(data.basic) == 28 and len(data.targets) == 8
    assert sum(line.total for line in data.lines) == 9818900  # 981.89万元
    assert "已导入" in output and "kuaiji" in output
    assert client.login(username="kuaiji", password="kuaiji-309002")
    page = client.get("/workspace/units/309002/2025/tables/3/").content.decode()
    assert "2080505" in page and "981.89" in page


@pytest.mark.django_db
def test_load_demo_again_keeps_the_work_done_on_the_draft():
    load_demo()
    ExpenditureLine.objects.filter(function_code__code="2080505").update(purpose="演示中改过")
    output = load_demo()
    assert Disclosure.objects.filter(unit__code="309002").count() == 1
    assert ExpenditureLine.objects.get(function_code__code="2080505").purpose == "演示中改过"
    assert "保持不变" in output
