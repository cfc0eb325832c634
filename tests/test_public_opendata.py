"""Open data: the JSON API, table CSVs, the yearly zip and the Fiscal Data Package (validated by frictionless)."""

import csv
import dataclasses
import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.core.cache import cache
from django.core.management import call_command

from disclosures.choices import Kind
from disclosures.final_accounts import create_from_budget
from disclosures.interchange import parse
from disclosures.layouts import get_layout
from disclosures.services import import_disclosure
from disclosures.snapshot import load
from public import fiscal
from tests.test_public_support import publish


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def report(seed_disclosure):
    return publish(seed_disclosure)


@pytest.fixture
def second_report(seed_data, report):
    other = dataclasses.replace(
        seed_data,
        department_code="310",
        department_name="柳州市财政局",
        unit_code="310001",
        unit_name="柳州市财政信息中心",
    )
    return publish(import_disclosure(data=other))


@pytest.fixture
def final_report(report, unit):
    """309002's published 2025 决算, made from its budget: the first 项 spent at half its 年初预算."""
    final = create_from_budget(unit=unit, year=2025)
    data = load(final)
    data.lines[0].personnel = data.lines[0].budget_initial / 2
    import_disclosure(data=data, replace=True)
    return publish(final)


def test_api_lists_published_reports_with_links(client, report):
    body = client.get("/api/disclosures/").json()

    assert body["count"] == 1 and body["next"] is None
    entry = body["results"][0]
    assert entry["year"] == 2025 and entry["version"] == 1
    assert entry["unit"] == {"code": "309002", "name": "柳州市信息化建设管理中心", "type": "参公事业单位"}
    assert entry["department"] == {"code": "309", "name": "柳州市大数据发展局"}
    assert entry["links"]["self"] == "http://testserver/api/disclosures/2025/309002.json"
    assert entry["links"]["html"] == "http://testserver/2025/309002/"
    pdf = report.published_files.get(format="pdf")
    assert entry["links"]["files"]["pdf"] == {
        "url": "http://testserver/2025/309002/files/pdf/", "sha256": pdf.sha256, "size": pdf.size, "available": True
    }  # fmt: skip


def test_api_says_which_published_files_a_check_found_unavailable(client, report):
    from disclosures.workflow.integrity import record

    record(report.published_files.get(format="pdf"), "文件已被改动：SHA-256 与公开时记录的不一致")

    files = client.get("/api/disclosures/").json()["results"][0]["links"]["files"]
    assert files["pdf"]["available"] is False
    assert {name for name, file in files.items() if file["available"]} == set(files) - {"pdf"}
    # The file is in fact intact: a download checks it as it serves it, and the flag is cleared.
    assert client.get(files["pdf"]["url"]).status_code == 200
    assert client.get("/api/disclosures/").json()["results"][0]["links"]["files"]["pdf"]["available"] is True


def test_api_filters_and_paginates(client, report, second_report, monkeypatch):
    monkeypatch.setattr("public.views.api.PAGE_SIZE", 1)

    first = client.get("/api/disclosures/", {"year": "2025"}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 2
    assert first["next"] == "http://testserver/api/disclosures/?year=2025&after=2025%2F309002%2Fbudget"
    assert [first["results"][0]["unit"]["code"], second["results"][0]["unit"]["code"]] == ["309002", "310001"]
    assert second["next"] is None
    assert [e["unit"]["code"] for e in client.get("/api/disclosures/", {"department": "310"}).json()["results"]] == [
        "310001"
    ]
    assert client.get("/api/disclosures/", {"unit": "309002"}).json()["count"] == 1
    assert client.get("/api/disclosures/", {"year": "2024"}).json()["count"] == 0


def test_api_rejects_bad_parameters_clearly(client, report):
    bad_year = client.get("/api/disclosures/", {"year": "二〇二五"})
    no_page = client.get("/api/disclosures/", {"page": "9"})

    assert bad_year.status_code == 400 and "year" in bad_year.json()["error"]
    assert no_page.status_code == 400 and "next" in no_page.json()["error"]


def test_api_list_has_a_fixed_query_budget(client, report, second_report, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/disclosures/").json()["results"]) == 2


def test_api_detail_is_the_budget_disclosure_document(client, report, seed_data):
    response = client.get("/api/disclosures/2025/309002.json")

    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["format"] == "budget-disclosure/1" and document["unit"]["code"] == "309002"
    assert parse(response.content) == seed_data
    assert client.get("/api/disclosures/2025/309002.json", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_each_table_downloads_as_csv(client, report):
    response = client.get("/2025/309002/tables/3.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="309002-2025-table-03.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["科目编码", "部门（单位）代码", "部门（单位）名称（功能分类科目名称）", "合计（万元）"]
    assert rows[1][2:4] == ["合计", "981.89"]
    assert ["2150501", "", "行政运行", "429.79", "429.79", "0.00", "0.00"] in rows
    header = next(csv.reader(io.StringIO(client.get("/2025/309002/tables/2.csv").content.decode("utf-8-sig"))))
    assert "本年收入·一般公共预算（万元）" in header
    assert client.get("/2025/309002/tables/13.csv").status_code == 404


def test_year_zip_holds_every_report_as_json_and_csv(client, report, second_report):
    response = client.get("/data/2025.zip")

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    names = set(archive.namelist())
    assert {"datapackage.json", "expenditure.csv", "basic-expenditure.csv", "income.csv"} <= names
    for unit in ("309002", "310001"):
        assert f"{unit}/{unit}-2025-budget.json" in names
        assert {f"{unit}/{unit}-2025-table-{n:02d}.csv" for n in range(1, 13)} <= names
    assert json.loads(archive.read("310001/310001-2025-budget.json"))["unit"]["name"] == "柳州市财政信息中心"
    assert client.get("/data/2024.zip").status_code == 404


def fetch_package(client, year: int, directory) -> dict:
    descriptor = client.get(f"/data/{year}/datapackage.json").json()
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        response = client.get(f"/data/{year}/{resource['path']}")
        assert response.status_code == 200
        (directory / resource["path"]).write_bytes(response.content)
    return descriptor


def test_fiscal_data_package_validates_with_frictionless(client, report, second_report, tmp_path):
    descriptor = fetch_package(client, 2025, tmp_path)

    report_ = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report_.valid, report_.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {r["name"] for r in descriptor["resources"]} == {"expenditure", "basic-expenditure", "income"}


def test_fiscal_data_package_models_amounts_classifications_and_funds(client, report, tmp_path):
    descriptor = fetch_package(client, 2025, tmp_path)
    expenditure = next(r for r in descriptor["resources"] if r["name"] == "expenditure")
    types = {field["name"]: field.get("columnType") for field in expenditure["schema"]["fields"]}

    assert types["amount"] == "value"
    assert types["function_item_code"] == "functional-classification:generic:level3:code"
    assert types["fund_code"] == "fin-source:generic:level1:code"
    assert types["unit_code"] == "administrative-classification:generic:level2:code"
    economic = next(r for r in descriptor["resources"] if r["name"] == "basic-expenditure")
    assert "economic-classification:generic:level2:code" in {f.get("columnType") for f in economic["schema"]["fields"]}
    assert {
        "name": "currency",
        "type": "string",
        "columnType": "value-currency:code",
        "constant": "CNY",
    } in expenditure["schema"]["extraFields"]

    rows = list(csv.DictReader(io.StringIO((tmp_path / "expenditure.csv").read_text(encoding="utf-8"))))
    spent = sum(Decimal(row["amount"]) for row in rows if row["expenditure_type_code"] != "carry_forward")
    assert spent == Decimal("9818900.00")  # 981.89万元 in 元, exact
    assert {row["function_class_name"] for row in rows} >= {"社会保障和就业支出", "资源勘探工业信息等支出"}
    income = list(csv.DictReader(io.StringIO((tmp_path / "income.csv").read_text(encoding="utf-8"))))
    assert [(r["fund_code"], r["source_code"], r["amount"]) for r in income] == [
        ("general_budget", "general_budget_local", "9818900.00")
    ]


def test_frictionless_catches_a_broken_resource(client, report, tmp_path):
    fetch_package(client, 2025, tmp_path)
    broken = (tmp_path / "expenditure.csv").read_text(encoding="utf-8").replace("2150501", "21505X1", 1)
    (tmp_path / "expenditure.csv").write_text(broken, encoding="utf-8")

    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_every_resource_is_declared_once(report):
    assert [resource.path for resource in fiscal.RESOURCES] == [
        "expenditure.csv",
        "basic-expenditure.csv",
        "income.csv",
    ]


def test_build_open_data_prepares_the_downloads_ahead(client, report, django_assert_max_num_queries):
    out = io.StringIO()
    call_command("build_open_data", stdout=out)

    assert "2025:" in out.getvalue() and "bytes" in out.getvalue()
    with django_assert_max_num_queries(1):  # the year's fingerprint; the archive comes from the cache
        assert client.get("/data/2025.zip").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/data/2025/income.csv").status_code == 200


def test_a_publication_builds_the_years_downloads_in_the_background(
    client, seed_disclosure, reviewer, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from disclosures.workflow.services import fire
    from tests.test_workflow_fixtures import approved

    with django_capture_on_commit_callbacks(execute=True):
        fire("publish", disclosure=approved(seed_disclosure), user=reviewer, comment="")
        # The job's own on-commit callbacks (notifications, the published signal) are run by the capture too.

    with django_assert_max_num_queries(1):  # the year's fingerprint; the archive was built by the publication
        response = client.get("/data/2025.zip")
    assert response.status_code == 200
    assert "309002" in " ".join(zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist())


@pytest.mark.django_db
def test_publications_while_a_rebuild_waits_queue_no_other_and_one_after_it_starts_queues_again(monkeypatch):
    from public import tasks

    queued = []
    monkeypatch.setattr(tasks.build_year_downloads, "delay", queued.append)

    assert [tasks.queue_year_downloads(2025) for _ in range(3)] == [True, False, False]  # a bulk publication
    assert tasks.queue_year_downloads(2024) is True  # another year has a rebuild of its own
    assert queued == [2025, 2024]

    tasks.build_year_downloads(2025)  # the waiting rebuild starts (nothing published: it builds nothing)
    assert tasks.queue_year_downloads(2025) is True  # a publication made from now on is not in what it reads
    assert queued == [2025, 2024, 2025]


def test_api_lists_a_final_beside_the_budget_with_its_kind_and_links(client, report, final_report):
    body = client.get("/api/disclosures/").json()

    assert body["count"] == 2
    assert [(e["unit"]["code"], e["kind"]) for e in body["results"]] == [("309002", "budget"), ("309002", "final")]
    final = body["results"][1]
    assert final["links"]["self"] == "http://testserver/api/disclosures/2025/309002/final.json"
    assert final["links"]["html"] == "http://testserver/2025/309002/final/"
    assert client.get(final["links"]["self"]).json()["kind"] == "final"
    assert [e["kind"] for e in client.get("/api/disclosures/", {"kind": "final"}).json()["results"]] == ["final"]
    bad_kind = client.get("/api/disclosures/", {"kind": "预算"})
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()["error"]


def test_api_pages_between_a_units_budget_and_its_final(client, report, final_report, monkeypatch):
    monkeypatch.setattr("public.views.api.PAGE_SIZE", 1)

    first = client.get("/api/disclosures/").json()
    second = client.get(first["next"]).json()

    assert first["next"].endswith("after=2025%2F309002%2Fbudget")
    assert [first["results"][0]["kind"], second["results"][0]["kind"]] == ["budget", "final"]
    assert second["next"] is None
    assert client.get("/api/disclosures/", {"after": "2025/309002"}).json()["results"] == []
    assert client.get("/api/disclosures/", {"after": "2025/309002/预算"}).status_code == 400


def test_year_zip_holds_a_final_beside_the_budget(client, report, final_report):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/2025.zip").getvalue()))
    names = set(archive.namelist())

    assert {"309002/309002-2025-budget.json", "309002/309002-2025-final.json"} <= names
    assert json.loads(archive.read("309002/309002-2025-final.json"))["kind"] == "final"
    final_tables = {name for name in names if name.startswith("309002/309002-2025-final-table-")}
    assert len(final_tables) == len(get_layout(final_report.layout).tables)
    header = archive.read("309002/309002-2025-final-table-01.csv").decode("utf-8-sig").splitlines()[0]
    assert header.startswith("收入·项目,收入·决算数（万元）")


def test_a_new_final_makes_a_new_year_archive(client, report, unit):
    before = client.get("/data/2025.zip")["ETag"]
    final = create_from_budget(unit=unit, year=2025)
    publish(final)

    response = client.get("/data/2025.zip", HTTP_IF_NONE_MATCH=before)
    assert (
        response.status_code == 200
        and "309002/309002-2025-final.json" in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()
    )


def test_the_fiscal_data_package_carries_finals_with_their_kind_and_phase(client, report, final_report, tmp_path):
    descriptor = fetch_package(client, 2025, tmp_path)

    report_ = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report_.valid, report_.flatten(["rowNumber", "fieldName", "type", "note"])
    expenditure = next(r for r in descriptor["resources"] if r["name"] == "expenditure")
    assert "kind" in expenditure["schema"]["primaryKey"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "expenditure.csv").read_text(encoding="utf-8"))))
    assert {(row["kind"], row["phase"]) for row in rows} == {("budget", "approved"), ("final", "executed")}
    spent = load(final_report).lines[0].personnel
    assert [Decimal(row["amount"]) for row in rows if row["kind"] == Kind.FINAL] == [spent]


def test_a_year_with_only_a_final_published_has_its_open_data(client, catalogs):
    from disclosures.interchange import parse as parse_json

    final = import_disclosure(
        data=parse_json(open("disclosures/demo/seed-001-2017-final.json", encoding="utf-8").read())
    )
    publish(final)

    page = client.get("/data/").content.decode()
    assert "/data/2017.zip" in page
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/2017.zip").getvalue()))
    assert "101/101-2017-final.json" in archive.namelist()
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert "2017:" in out.getvalue()
