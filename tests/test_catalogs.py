import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from openpyxl import Workbook

from catalogs.models import ClassificationCode, Scheme
from catalogs.reading import CatalogEntry, CatalogFileError, read_catalog
from catalogs.services import CatalogImportError, clone_year, import_catalog, load_starter_catalogs

EXPECTED_STARTER_COUNTS = {
    (Scheme.FUNCTION, 2017): 26 + 18,
    (Scheme.FUNCTION, 2024): 8 + 146,
    (Scheme.FUNCTION, 2025): 135 + 11,
    (Scheme.FUNCTION, 2026): 53,
    (Scheme.ECON_DEPT, 2017): 19 + 4,
    (Scheme.ECON_DEPT, 2024): 3 + 104,
    (Scheme.ECON_DEPT, 2025): 65 + 42,
    (Scheme.ECON_DEPT, 2026): 37,
    (Scheme.ECON_GOV, 2025): 15 + 62,
}


def counts():
    return Counter(ClassificationCode.objects.values_list("scheme", "year"))


def test_starter_catalogs_load_with_expected_counts_and_every_parent(catalogs):
    assert counts() == EXPECTED_STARTER_COUNTS
    for row in ClassificationCode.objects.select_related("parent"):
        if row.level == 1:
            assert row.parent is None
        else:
            assert row.parent is not None, row.code
            assert row.parent.code == row.code[:-2]
            assert (row.parent.scheme, row.parent.year, row.parent.level) == (row.scheme, row.year, row.level - 1)


def test_starter_supplements_are_unverified_and_carry_provenance(catalogs):
    supplement = ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2025, code="2010301")
    confirmed = ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2025, code="2080505")
    assert supplement.verified is False
    assert "supplement" in supplement.provenance and "等级C" in supplement.provenance
    assert confirmed.verified is True
    assert confirmed.name == "机关事业单位基本养老保险缴费支出"
    assert "等级A" in confirmed.provenance


def test_loading_the_starter_set_again_changes_nothing(catalogs):
    before = list(ClassificationCode.objects.values_list("id", "name", "verified"))
    reports = load_starter_catalogs()
    assert all(not report.added and not report.renamed for report in reports)
    assert list(ClassificationCode.objects.values_list("id", "name", "verified")) == before


def make(code, level, parent=None, scheme=Scheme.FUNCTION, year=2025):
    with transaction.atomic():
        return ClassificationCode.objects.create(
            scheme=scheme, year=year, code=code, name="测试", level=level, parent=parent
        )


@pytest.mark.django_db
def test_constraint_rejects_code_of_the_wrong_length():
    with pytest.raises(IntegrityError):
        make("2011", level=1)
    top = make("201", level=1)
    with pytest.raises(IntegrityError):
        make("201011", level=2, parent=top)


@pytest.mark.django_db
def test_constraint_rejects_economic_code_at_item_level():
    top = make("301", level=1, scheme=Scheme.ECON_DEPT)
    section = make("30101", level=2, parent=top, scheme=Scheme.ECON_DEPT)
    with pytest.raises(IntegrityError):
        make("3010101", level=3, parent=section, scheme=Scheme.ECON_DEPT)


@pytest.mark.django_db
def test_constraint_rejects_a_missing_parent():
    with pytest.raises(IntegrityError):
        make("20101", level=2, parent=None)


@pytest.mark.django_db
def test_trigger_rejects_a_parent_from_another_year_scheme_or_prefix():
    parent_2024 = make("201", level=1, year=2024)
    with pytest.raises(IntegrityError):
        make("20101", level=2, parent=parent_2024, year=2025)
    econ_parent = make("201", level=1, scheme=Scheme.ECON_DEPT)
    with pytest.raises(IntegrityError):
        make("20101", level=2, parent=econ_parent)
    other_prefix = make("202", level=1)
    with pytest.raises(IntegrityError):
        make("20101", level=2, parent=other_prefix)
    assert make("20101", level=2, parent=make("201", level=1)).parent.code == "201"


@pytest.mark.django_db
def test_constraint_rejects_duplicate_code_in_the_same_year():
    make("201", level=1)
    with pytest.raises(IntegrityError):
        make("201", level=1)
    assert make("201", level=1, year=2026).year == 2026


OFFICIAL_CSV = (
    "科目编码,科目名称,说明\n201,一般公共服务支出,\n20101,人大事务,\n2010101,行政运行,\n2010102, 一般行政管理事务 ,\n"
)


@pytest.mark.django_db
def test_import_official_csv_reports_added_renamed_unchanged():
    first = import_catalog(scheme=Scheme.FUNCTION, year=2027, entries=read_catalog(OFFICIAL_CSV.encode(), "f.csv"))
    assert first.added == ["201", "20101", "2010101", "2010102"]
    assert ClassificationCode.objects.get(year=2027, code="2010102").name == "一般行政管理事务"
    renamed = OFFICIAL_CSV.replace("人大事务", "人大事务（新）") + "2010103,机关服务,\n"
    second = import_catalog(scheme=Scheme.FUNCTION, year=2027, entries=read_catalog(renamed.encode(), "f.csv"))
    assert second.added == ["2010103"]
    assert second.renamed == [("20101", "人大事务", "人大事务（新）")]
    assert sorted(second.unchanged) == ["201", "2010101", "2010102"]


@pytest.mark.django_db
def test_import_with_bad_rows_reports_each_line_and_imports_nothing():
    text = "code,name\n201,一般公共服务支出\n2019,坏编码\n20101,\n2020101,缺上级\n201,重复\n"
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(scheme=Scheme.FUNCTION, year=2027, entries=read_catalog(text.encode(), "f.csv"))
    lines = [error.line for error in caught.value.errors]
    assert lines == [3, 4, 5, 6]
    assert "第3行" in str(caught.value) and "2019" in str(caught.value)
    assert "上级科目“20201”不存在" in str(caught.value)
    assert not ClassificationCode.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_import_xlsx_with_title_rows_numeric_codes_and_gbk_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2027年政府收支分类科目"])
    sheet.append([])
    sheet.append(["科目编码", "科目名称"])
    sheet.append([301, "工资福利支出"])
    sheet.append([30101, "基本工资"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_catalog(scheme=Scheme.ECON_DEPT, year=2027, entries=read_catalog(buffer.getvalue(), "e.xlsx"))
    assert report.added == ["301", "30101"]
    gbk = "科目编码,科目名称\n302,商品和服务支出\n".encode("gbk")
    assert read_catalog(gbk, "g.csv") == [CatalogEntry(line=2, code="302", name="商品和服务支出")]


def test_unreadable_files_are_reported_not_crashed():
    with pytest.raises(CatalogFileError):
        read_catalog(b"not a zip", "broken.xlsx")
    with pytest.raises(CatalogFileError):
        read_catalog("甲,乙\n1,2\n".encode(), "noheader.csv")
    with pytest.raises(CatalogFileError):
        read_catalog(b"x", "catalog.pdf")


def test_clone_year_copies_codes_and_keeps_verification(catalogs):
    reports = clone_year(from_year=2025, to_year=2027)
    assert {(r.scheme, len(r.added)) for r in reports} == {
        (Scheme.FUNCTION, 146),
        (Scheme.ECON_DEPT, 107),
        (Scheme.ECON_GOV, 77),
    }
    cloned = ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2027, code="2010301")
    assert cloned.verified is False and cloned.origin == ClassificationCode.Origin.CLONED
    assert cloned.parent.year == 2027


def test_load_catalogs_command_all_modes(catalogs, tmp_path):
    path = tmp_path / "official.csv"
    path.write_text(OFFICIAL_CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("load_catalogs", "--file", str(path), "--scheme", "function", "--year", "2027", stdout=out)
    assert "新增4个" in out.getvalue()
    call_command("load_catalogs", "--clone-year", "2027", "2028", stdout=out)
    assert ClassificationCode.objects.filter(year=2028).count() == 4
    path.write_text("code,name\n999,x\n99901,y\n9990101\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第4行"):
        call_command("load_catalogs", "--file", str(path), "--scheme", "function", "--year", "2029", stdout=out)
    assert not ClassificationCode.objects.filter(year=2029).exists()


def test_admin_search_upload_and_local_code(admin_client, catalogs):
    response = admin_client.get("/admin/catalogs/classificationcode/", {"q": "养老保险"})
    assert response.status_code == 200
    assert "2080505" in response.content.decode()
    upload = io.BytesIO(OFFICIAL_CSV.encode())
    upload.name = "official.csv"
    response = admin_client.post(
        "/admin/catalogs/classificationcode/import/", {"scheme": "function", "year": 2027, "file": upload}
    )
    assert response.status_code == 302
    assert ClassificationCode.objects.filter(year=2027).count() == 4
    bad = io.BytesIO(b"code,name\n2019,bad\n")
    bad.name = "bad.csv"
    response = admin_client.post(
        "/admin/catalogs/classificationcode/import/", {"scheme": "function", "year": 2030, "file": bad}
    )
    assert "第2行" in response.content.decode()
    response = admin_client.post(
        "/admin/catalogs/classificationcode/add/",
        {"scheme": "function", "year": 2025, "code": "2150598", "name": "本地增补科目", "verified": "on"},
    )
    assert response.status_code == 302
    local = ClassificationCode.objects.get(year=2025, code="2150598")
    assert (local.level, local.parent.code, local.origin) == (3, "21505", ClassificationCode.Origin.LOCAL)
    response = admin_client.post(
        "/admin/catalogs/classificationcode/add/", {"scheme": "function", "year": 2025, "code": "9990101", "name": "x"}
    )
    assert "上级科目“99901”" in response.content.decode()
