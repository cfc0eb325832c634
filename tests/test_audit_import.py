"""An audited document becomes a disclosure, or last year's figures of this year's disclosure."""

import pytest

from audits.audit import audit_file
from audits.importing import ImportRefused, import_as_disclosure, use_as_prior_year
from disclosures import snapshot
from disclosures.checks.yoy import year_figures
from disclosures.interchange import parse
from disclosures.models import Disclosure
from tests.audit_support import audit_fixture, pdf_of, seed_html
from tests.conftest import SEED_002

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed_pdf(django_db_setup, django_db_blocker) -> bytes:
    return pdf_of(seed_html(django_db_blocker))


def test_pdf_imported_as_the_disclosure_it_prints(catalogs, seed_pdf):
    document = audit_file("309002.pdf", seed_pdf).document
    disclosure = import_as_disclosure(document)
    assert (disclosure.unit.code, disclosure.year, disclosure.unit.department.code) == ("309002", 2025, "309")
    imported = year_figures(snapshot.load(disclosure))
    original = year_figures(parse(SEED_002.read_bytes()))
    for name in ("total", "basic", "project", "income_general_budget", "reception", "meeting", "procurement_total"):
        assert abs(imported[name] - original[name]) <= 100, name  # the printed 万元 are rounded to 100元
    data = snapshot.load(disclosure)
    assert len(data.lines) == 8 and len(data.basic) == 28 and len(data.targets) == 8
    assert data.targets[0].indicators[0].text == "碎纸机(=4台)"


def test_last_years_pdf_as_the_prior_year(catalogs, seed_pdf, unit):
    next_year = Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2026)
    prior = use_as_prior_year(audit_file("309002.pdf", seed_pdf).document)
    assert prior.disclosure == next_year and prior.year == 2025
    assert prior.total == 9818900 and prior.basic == 6184200 and prior.reception == 9300
    assert {row.class_code: row.amount for row in prior.function_classes.all()}["215"] == 7932600


def test_import_is_refused_for_a_document_without_its_tables(catalogs):
    # Seed 004's text is recognised as Liujiang's layout, but prints none of its tables.
    with pytest.raises(ImportRefused, match="缺少收支总表或支出总表"):
        import_as_disclosure(audit_fixture("seed-004-2024.txt").document)
