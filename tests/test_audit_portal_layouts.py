"""The portal's own PDFs of the 2024 seeds, each in its layout (Liujiang's, Chongqing's), audit clean: the audit
detects the layout from the printed titles and finds nothing wrong in what the portal computed. What it still
finds is the unit's own text, typed verbatim from the seed."""

import pytest

from audits.audit import audit_file
from tests.audit_support import pdf_of, seed_html
from tests.conftest import SEED_002

pytestmark = pytest.mark.django_db

DEMO = SEED_002.parent

# Seed 000's 国有资产 text, kept as the unit typed it, says “我部门”; a unit writes “我单位”.
SEED_000_TEXT_ERRORS = {("text.department_words", "我部门")}


@pytest.mark.parametrize(
    ("fixture", "layout", "tables", "text_errors"),
    [("seed-000-2024.json", "liujiang-2024", 12, SEED_000_TEXT_ERRORS),
     ("seed-004-2024.json", "liujiang-2024", 12, set()),
     ("seed-003-2024.json", "dianjiang-2024", 10, set())],
)  # fmt: skip
def test_portal_pdf_of_each_layout_audits_clean(django_db_blocker, fixture, layout, tables, text_errors):
    pdf = pdf_of(seed_html(django_db_blocker, DEMO / fixture))
    result = audit_file(fixture.replace(".json", ".pdf"), pdf)
    assert result.document.layout.key == layout and result.document.year == 2024
    assert len(result.document.tables) == tables
    assert {(finding.code, finding.printed) for finding in result.errors} == text_errors, [
        finding.message for finding in result.errors
    ]
    assert all(not finding.table for finding in result.errors)  # nothing in the tables the portal computed
