"""The table set follows the layout everywhere: entry pages, the workbook and its template, JSON, check
messages, the document, the public report and its CSV downloads — shown here on seeds 000 (Liujiang's 表N)
and 003 (Chongqing's ten tables as 附表N)."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from disclosures.checks import run_checks
from disclosures.excel.export import export_bytes
from disclosures.excel.importer import parse_workbook
from disclosures.excel.template import template_bytes
from disclosures.interchange import dump, parse
from disclosures.layouts import get_layout
from disclosures.services import import_disclosure
from disclosures.snapshot import code_book, load
from tests.factories import UserFactory
from tests.test_public_support import publish
from units.models import Membership

DEMO = Path(settings.BASE_DIR) / "disclosures" / "demo"


@pytest.fixture
def seed_003(catalogs):
    return import_disclosure(data=parse((DEMO / "seed-003-2024.json").read_bytes()))


@pytest.fixture
def seed_000(catalogs):
    return import_disclosure(data=parse((DEMO / "seed-000-2024.json").read_bytes()))


@pytest.fixture
def dianjiang_client(client, seed_003):
    user = UserFactory(username="pi", role="accountant")
    Membership.objects.create(user=user, unit=seed_003.unit)
    client.force_login(user)
    return client


def test_the_entry_tabs_are_the_layouts_tables_in_its_order(dianjiang_client, seed_003):
    page = dianjiang_client.get("/workspace/units/105002/2024/tables/1/").content.decode()
    assert "附表1" in page and "财政拨款收支总表" in page
    tables = get_layout("dianjiang-2024").tables
    for table in tables:
        response = dianjiang_client.get(f"/workspace/units/105002/2024/tables/{table.number}/")
        assert response.status_code == 200 and str(table.title) in response.content.decode()
    assert dianjiang_client.get("/workspace/units/105002/2024/tables/11/").status_code == 404
    income = dianjiang_client.get("/workspace/units/105002/2024/tables/6/").content.decode()
    assert 'name="income-general_budget_local"' in income  # 收支总表 is where income is typed


def test_the_workbook_and_its_template_follow_the_layout_and_round_trip(seed_003, seed_000):
    for disclosure, first, count in ((seed_003, "附表1", 10), (seed_000, "表1", 12)):
        workbook = export_bytes(disclosure)
        sheets = load_workbook(io.BytesIO(workbook)).sheetnames
        assert sheets[0] == first and len([name for name in sheets if "表" in name]) == count
        assert parse_workbook(workbook, disclosure=disclosure).data == load(disclosure)
        template = load_workbook(io.BytesIO(template_bytes(disclosure))).sheetnames
        assert template == sheets


def test_json_names_the_layout_and_round_trips(seed_003):
    document = dump(load(seed_003))
    assert document["layout"] == "dianjiang-2024"
    assert document["department"]["jurisdiction"] == {"code": "dianjiang", "name": "重庆市垫江县"}
    assert document["contact"] == {"person": "皮老师", "phone": "023-74522003"}
    assert parse(json.dumps(document)) == load(seed_003)


def test_check_messages_name_the_tables_as_the_layout_numbers_them(seed_003):
    data = load(seed_003)
    data.income["general_budget_local"] += 10000
    messages = [finding.message for finding in run_checks(data, code_book(2024)) if finding.is_error]
    assert any(message.startswith("附表6") for message in messages), messages
    assert not any("预算公开" in message for message in messages)


def test_the_public_report_and_its_csv_follow_the_layout(client, seed_003):
    publish(seed_003)
    html = client.get("/2024/105002/").content.decode()
    assert "附表6" in html and "收支总表" in html and "单位预算公开联系人" in html
    csv = client.get("/2024/105002/tables/6.csv").content.decode("utf-8-sig")
    assert csv.startswith("收入·项目") and "502.48" in csv
    assert client.get("/2024/105002/tables/11.csv").status_code == 404
