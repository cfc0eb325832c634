"""Saving what the unit writes on the explanations page: its reasons, 主要用于, texts and last year's figures.

Like a table save, it names the ``lock_version`` it was based on and is refused when someone saved
in between, and it only changes a disclosure that is still being edited.
"""

from dataclasses import dataclass, field

from django.db import transaction

from disclosures.department_documents import save_explanations_page
from disclosures.editing import claim_for_edit
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData, Prior, load, replace_content

TEXT_FIELDS = ("duties", "organisation", "annual_tasks", "state_assets", "contact_person", "contact_phone")


@dataclass
class Written:
    """What the page saves. An empty text deletes an explanation; keys not given stay as stored."""

    texts: dict[str, str] = field(default_factory=dict)  # Disclosure fields (TEXT_FIELDS)
    explanations: dict[str, str] = field(default_factory=dict)  # explanation key → text
    purposes: dict[tuple[str, str], str] = field(default_factory=dict)  # (function code, fund) → 主要用于
    replace_prior: bool = False  # whether last year's figures were on the form
    prior: Prior | None = None  # None: no prior-year figures at all

    def apply(self, data: DisclosureData) -> None:
        for name, text in self.texts.items():
            if name not in TEXT_FIELDS:
                raise ValueError(name)
            setattr(data, name, text.strip())
        for key, text in self.explanations.items():
            if text.strip():
                data.explanations[key] = text.strip()
            else:
                data.explanations.pop(key, None)
        for line in data.lines:
            if (line.function_code, line.fund) in self.purposes:
                line.purpose = self.purposes[(line.function_code, line.fund)].strip()
        if self.replace_prior:
            data.prior = self.prior


def save_written(disclosure: Disclosure, written: Written, *, expected_lock_version: int) -> Disclosure:
    """Store ``written`` in one transaction and bump the lock version; returns the saved disclosure.

    Raises EditConflict when the disclosure was saved after ``expected_lock_version`` was read, and
    EditRefused when it is no longer editable. A department's document keeps only its texts and reasons.
    """
    if disclosure.is_department_level:
        if written.purposes or written.replace_prior:
            raise ValueError("a department's 主要用于 and last year's figures are its units'")
        return save_explanations_page(
            disclosure,
            texts=written.texts,
            explanations=written.explanations,
            expected_lock_version=expected_lock_version,
        )
    with transaction.atomic():
        current = claim_for_edit(disclosure, expected_lock_version)
        data = load(current)
        written.apply(data)
        replace_content(current, data)
    return current
