"""What the explanations page shows: each generated section beside the boxes for the unit's words.

The unit writes only what no figure can say — the reason for a change, what a 项 is 主要用于, why a
table is empty, its overview texts — so each box is shown next to the sentence that will print it,
with the checks' findings on that text, and the generated text as it reads now.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from disclosures import snapshot
from disclosures.checks import Finding, run_checks
from disclosures.checks.yoy import prior_from
from disclosures.models import Disclosure
from disclosures.narrative import Document, compose
from disclosures.narrative.reasons import Slot
from disclosures.snapshot import DisclosureData, Prior


@dataclass(frozen=True)
class PageSection:
    key: str
    heading: str
    anchor: str
    html: SafeString | None  # None: the layout prints this section only once it is written
    slots: list[Slot]


@dataclass(frozen=True)
class PagePart:
    heading: str
    sections: list[PageSection]


@dataclass(frozen=True)
class Box:
    """A slot as the page shows it: its form field (None when read-only) and the findings on its text."""

    slot: Slot
    field: object | None
    findings: list[Finding]


@dataclass
class ExplanationsPage:
    disclosure: Disclosure
    data: DisclosureData
    previous: DisclosureData | None  # last year's published disclosure, when the portal has it
    document: Document
    parts: list[PagePart]
    findings: list[Finding]  # the checks' findings on the unit's words

    @property
    def slots(self) -> list[Slot]:
        return [slot for part in self.parts for section in part.sections for slot in section.slots]

    def findings_on(self, slot: Slot) -> list[Finding]:
        return [finding for finding in self.findings if finding.field == slot.check_key]

    @property
    def other_findings(self) -> list[Finding]:
        """Findings on texts this layout has no box for (e.g. a reason for 会议费, which it does not print)."""
        boxed = {slot.check_key for slot in self.slots}
        return [finding for finding in self.findings if finding.field not in boxed]

    def with_boxes(self, form=None) -> list[tuple[PagePart, list[tuple[PageSection, list[Box]]]]]:
        """Every part and section with its boxes; ``form`` (keyed by ``Slot.field_name``) gives the fields (a slot
        it has no field for, such as a department's 主要用于, is shown as it reads)."""
        return [
            (
                part,
                [
                    (
                        section,
                        [Box(slot, _field(form, slot), self.findings_on(slot)) for slot in section.slots],
                    )
                    for section in part.sections
                ],
            )
            for part in self.parts
        ]

    @property
    def prior(self) -> Prior | None:
        """Last year's figures as the text compares with them: from the published disclosure, else as typed."""
        return prior_from(self.previous) if self.previous is not None else self.data.prior

    @property
    def prior_is_published(self) -> bool:
        return self.previous is not None


def _field(form, slot: Slot):
    return form[slot.field_name] if form is not None and slot.field_name in form.fields else None


def _on_unit_words(finding: Finding, slot_keys: set[str]) -> bool:
    return finding.field in slot_keys or finding.field.startswith("explanations.")


def explanations_page(disclosure: Disclosure) -> ExplanationsPage:
    """The page's content with a fixed number of queries (this year's and last year's data, the catalog)."""
    data = snapshot.load(disclosure)
    book = snapshot.code_book(disclosure.year)
    previous = snapshot.load_previous(disclosure)
    document = compose(data, book, previous)
    slots_of = {spec.key: slots for spec, slots in document.layout.slots(document.facts)}
    parts = []
    for part_spec, part in zip(document.layout.parts, document.parts, strict=True):
        if not part_spec.takes_unit_words:
            continue
        shown = {section.key: section for section in part.sections}
        sections = [
            PageSection(
                key=spec.key,
                heading=shown[spec.key].heading if spec.key in shown else str(spec.title),
                anchor=shown[spec.key].anchor if spec.key in shown else f"{part.anchor}-{spec.key}",
                html=shown[spec.key].html if spec.key in shown else None,
                slots=slots_of[spec.key],
            )
            for spec in part_spec.sections
        ]
        parts.append(PagePart(part.heading, sections))
    slot_keys = {slot.check_key for part in parts for section in part.sections for slot in section.slots}
    findings = [f for f in run_checks(data, book, previous) if _on_unit_words(f, slot_keys)]
    return ExplanationsPage(disclosure, data, previous, document, parts, findings)
