"""The checks a disclosure must pass before it is submitted, as pure functions over its data.

``run_checks`` returns every finding, not the first: errors (which block submission) and
warnings (shown to the unit and the reviewer). Only rules that can fail are here: the derived
tables (2, 3's totals, 4, 5, 8, 9, table 1's expenditure side and every subtotal) are summed from
the entered rows by ``disclosures.tables.builders`` and cannot disagree with themselves.

Rule codes, by module:
    codes               code.unknown, code.level (errors)
    entries             amount.negative, row.duplicate, row.invalid_choice (errors); line.empty (warning)
    balance             balance.total, balance.fund (errors; a budget's)
    final               final.balance.total, final.balance.fund, final.income_lines, final.balance_lines
                        (errors), final.budget_gap (warning): a 决算's, instead of balance
    crosstable          crosstable.basic_by_economic, crosstable.targets_total (errors);
                        crosstable.three_public_economic, crosstable.funded_without_expenditure,
                        crosstable.funded_exceeds_expenditure (warnings)
    basic_expenditure   basic.wrong_column, operating_costs.not_applicable, operating_costs.missing (warnings)
    completeness        line.purpose_missing, target.goal_missing, target.indicators_missing (warnings)
    yoy                 yoy.unexplained (warning)
    texts               text.placeholder, text.template_note, text.either_or, text.year_digits,
                        text.amount_in_yuan, text.missing_amount, text.unfilled (errors)
    printed             text.empty (error: a text the layout prints is empty)
    department          department.unit_missing, department.sums (errors); department.unit_not_approved
                        (warning): a department's document only
"""

from catalogs.models import ClassificationCode
from disclosures import snapshot
from disclosures.checks.balance import check_fund_balances, check_total_balance
from disclosures.checks.basic_expenditure import check_economic_columns, check_operating_costs
from disclosures.checks.codes import check_codes
from disclosures.checks.completeness import check_purposes, check_targets
from disclosures.checks.crosstable import (
    check_basic_against_general_budget,
    check_funded_items,
    check_targets_total,
    check_three_public_against_economic,
)
from disclosures.checks.department import check_sums, check_units
from disclosures.checks.entries import check_choices, check_duplicates, check_empty_lines, check_negative_amounts
from disclosures.checks.final import check_budget_gaps, check_final_balances, check_fiscal_lines_against_totals
from disclosures.checks.findings import (
    ROUNDING_ALLOWANCE_PER_FIGURE,
    Finding,
    Severity,
    rounding_allowance,
)
from disclosures.checks.printed import check_printed_texts
from disclosures.checks.texts import check_data_texts, check_texts
from disclosures.checks.yoy import LARGE_CHANGE_AMOUNT, LARGE_CHANGE_RATE, check_changes, explanation_label
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names, build_tables
from disclosures.tables.presentation import naming_tables_of


def final_checks(data: DisclosureData, names: Names) -> list[Finding]:
    """A 决算's balances and ties instead of a budget's (see ``checks.final``)."""
    return [
        *check_final_balances(data),
        *check_fiscal_lines_against_totals(data),
        *check_budget_gaps(data, names),
    ]


def _order(finding: Finding) -> tuple:
    # Errors first, then in the order of the document: texts outside the tables, then the tables in the layout's order.
    return (not finding.is_error, finding.table_number)


def run_checks(
    data: DisclosureData,
    book: dict[tuple[str, str], ClassificationCode],
    previous: DisclosureData | None = None,
) -> list[Finding]:
    """Every finding on ``data`` under its layout's rules, naming the tables as the layout prints them.

    ``book`` is ``snapshot.code_book(data.year)``, ``previous`` last year's data.
    """
    # The layouts and the facts build on the checks' findings: they are read when checks run, not at import.
    from disclosures.layouts import OPERATING_COSTS_OF_EVERY_UNIT, layout_of_data
    from disclosures.narrative.facts import compute_facts

    layout = layout_of_data(data)
    names = Names(book)
    facts = compute_facts(data, book, previous)
    asked = layout.asked_keys(facts)
    with naming_tables_of(layout.tables):
        findings = [
            *check_codes(data, book, names),
            *check_negative_amounts(data, names),
            *check_duplicates(data, names),
            *check_choices(data, names),
            *(final_checks(data, names) if data.is_final else [*check_total_balance(data), *check_fund_balances(data)]),
            *check_basic_against_general_budget(data),
            *(check_targets_total(data) if not data.is_final else []),
            *check_data_texts(data, names),
            *check_printed_texts(layout, facts),
            *check_empty_lines(data, names),
            *(check_purposes(data, names) if layout.rules.purpose_per_item else []),
            *(check_targets(data) if not data.is_final else []),
            *check_three_public_against_economic(data, names),
            *check_funded_items(data, names),
            *check_economic_columns(data, names),
            *check_operating_costs(data, every_unit=layout.rules.operating_costs == OPERATING_COSTS_OF_EVERY_UNIT),
            *check_changes(data, names, previous, asked=asked),
            *check_units(data),
            *(check_sums(data, build_tables(data, book, layout.tables)) if data.is_department_level else []),
        ]
    return sorted(findings, key=_order)


def findings_for(disclosure: Disclosure) -> list[Finding]:
    """The findings on a saved disclosure, with a fixed number of queries whatever its size."""
    return run_checks(
        snapshot.load(disclosure), snapshot.code_book(disclosure.year), snapshot.load_previous(disclosure)
    )


__all__ = [
    "LARGE_CHANGE_AMOUNT",
    "LARGE_CHANGE_RATE",
    "ROUNDING_ALLOWANCE_PER_FIGURE",
    "Finding",
    "Severity",
    "check_texts",
    "explanation_label",
    "findings_for",
    "rounding_allowance",
    "run_checks",
]
