"""Seed 001 as what it is, a 部门决算 of 5 units, consolidated by the portal from its units' own 决算.

The seed prints only the consolidated figures (合计 / department); the 5 units' 决算 under
disclosures/demo/seed-001-units/ are derived from them (each file's notes say how: a unit carries what the
seed attributes to it, the others plausible round shares, 本级 the rest, every fund balanced). Consolidated,
they must give every figure of the department's fixture (seed-001-2017-final.json), which the golden test
reads, and the same narrative in the liujiang-2017-final layout.
"""

import json
from decimal import Decimal

import pytest

from disclosures import snapshot
from disclosures.checks import findings_for, run_checks
from disclosures.department_documents import save_reasons, save_texts, start_department_document
from disclosures.formats import exporter
from disclosures.interchange import parse
from disclosures.narrative import compose
from disclosures.services import import_disclosure
from disclosures.snapshot import code_book
from tests.test_narrative_golden_2024 import DEMO, normalise, plain, reproduction
from tests.test_narrative_golden_final import NOT_STATED, SEED
from units.models import Department

pytestmark = pytest.mark.django_db

UNITS = DEMO / "seed-001-units"
UNIT_FILES = sorted(UNITS.glob("*.json"))


def seed() -> snapshot.DisclosureData:
    return parse((DEMO / SEED.fixture).read_bytes())


@pytest.fixture
def document(catalogs):
    for path in UNIT_FILES:
        import_disclosure(data=parse(path.read_bytes()))
    printed = seed()
    document = start_department_document(Department.objects.get(code="101"), 2017, "final")
    save_texts(document, duties=printed.duties, organisation=printed.organisation, state_assets=printed.state_assets)
    save_reasons(document, printed.explanations)  # the department's own reasons
    document.refresh_from_db()
    return document


def lines(data) -> dict:
    return {(line.function_code, line.fund, line.income_source): line for line in data.lines}


def test_the_five_units_are_the_seeds_and_each_balances(catalogs):
    assert [path.stem for path in UNIT_FILES] == ["101001", "101002", "101003", "101004", "101006"]
    for path in UNIT_FILES:
        data = parse(path.read_bytes())
        assert data.import_warnings == [], path.name
        # The seed prints no unit's own reasons: the derived units carry its figures, not its words, so the
        # reasons their 决算 would print are the one thing missing (text.empty); nothing else is wrong.
        errors = [f.message for f in run_checks(data, code_book(2017)) if f.is_error and f.code != "text.empty"]
        assert errors == [], path.name


def test_consolidated_figures_are_the_seeds(document):
    data, printed = snapshot.load(document), seed()
    assert (data.level, data.unit_code, data.layout) == ("department", "101", "liujiang-2017-final")
    assert [unit.code for unit in data.units] == ["101001", "101002", "101003", "101004", "101006"]
    assert data.income == {name: printed.income_amount(name) for name in data.income}
    assert {name for name, amount in printed.income.items() if amount} <= set(data.income)
    assert lines(data) == lines(printed)  # every 决算 column of every line: 年初预算, 本年收入, balances…
    assert {row.economic_code: (row.personnel, row.public) for row in data.basic} == {
        row.economic_code: (row.personnel, row.public) for row in printed.basic
    }
    assert data.three_public == printed.three_public  # amounts, budgets and counts
    assert data.final == {name: printed.final_figure(name) for name in data.final}
    assert {name for name, value in printed.final.items() if value} <= set(data.final)
    assert [(row.project, row.amount) for row in data.evaluations] == [
        (row.project, row.amount) for row in printed.evaluations
    ]
    assert data.operating_costs == printed.operating_costs
    assert {name: value for name, value in data.prior.figures.items() if value} == {
        name: value for name, value in printed.prior.figures.items() if value
    }


def test_the_checks_find_no_error_at_department_level(document):
    findings = findings_for(document)
    assert [finding.message for finding in findings if finding.is_error] == []
    assert {finding.code for finding in findings if finding.code.startswith("department.")} == {
        "department.unit_not_approved"  # the units' 决算 are drafts here
    }


def test_the_narrative_renders_at_department_level_in_the_seeds_layout(document):
    composed = compose(snapshot.load(document), code_book(2017))
    assert composed.layout.key == "liujiang-2017-final"
    assert [part.heading for part in composed.parts][:3] == [
        "第一部分：柳江区人民政府办公室概况",
        "第二部分：柳江区人民政府办公室2017年部门决算报表",
        "第三部分：柳江区人民政府办公室2017年度部门决算情况说明",
    ]
    text = normalise("\n".join(plain(section.html) for part in composed.parts for section in part.sections))
    assert normalise("2017年部门决算由5个单位构成：101001柳江区人民政府办公室本级、") in text
    total, missing = reproduction(SEED, composed)
    assert total == 71
    assert set(missing) <= NOT_STATED, "\n".join(sorted(set(missing) - NOT_STATED))


def test_its_json_carries_the_consolidated_final_accounts(document):
    exported = json.loads(exporter("json")(document))
    printed = json.loads((DEMO / SEED.fixture).read_text(encoding="utf-8"))
    assert exported["level"] == "department" and len(exported["units"]) == 5
    assert exported["final"]["procurement"] == {
        key: f"{Decimal(value):.2f}" for key, value in printed["final"]["procurement"].items()
    }
    assert [row["project"] for row in exported["evaluations"]] == ["电子政务项目", "电子政务外网建设项目"]
