"""The explanations page's form: one box per place the text prints the unit's words, and last year's figures.

The boxes come from the layout's slots (``disclosures.narrative.reasons.Slot``), so a layout that
prints a reason somewhere gets its box without a change here. Texts are checked for template
leftovers (××, 【参考格式】, 增加（减少）…) as they are saved; a leftover refuses the save with the
message on its box.
"""

from decimal import Decimal

from django import forms

from disclosures.checks import check_texts
from disclosures.forms.entry import AmountField
from disclosures.models import PRIOR_YEAR_AMOUNT_FIELDS, Disclosure, PriorYear
from disclosures.money import exact_wan_text
from disclosures.narrative.page import ExplanationsPage
from disclosures.narrative.reasons import CHANGE, EMPTY, PURPOSE, TEXT, Slot
from disclosures.narrative.saving import Written
from disclosures.snapshot import Prior
from disclosures.tables.builders import Names

CLASS_PREFIX = "prior-class-"
PRIOR_PREFIX = "prior-"
TEXT_ROWS = {TEXT: 5, CHANGE: 2, EMPTY: 2, PURPOSE: 3}
CARRIED_OVER = ("duties", "organisation")


class PriorAmountField(AmountField):
    """A figure of last year in 万元: blank means unknown (no comparison), which differs from 0."""

    def to_python(self, value) -> Decimal | None:
        if isinstance(value, Decimal):  # a disabled field's initial value, already in 元
            return value
        if not (value or "").strip():
            return None
        return super().to_python(value)

    def prepare_value(self, value):
        return exact_wan_text(value) if isinstance(value, Decimal) else value


class ExplanationsForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, page: ExplanationsPage, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.read_only = read_only
        self.fields["lock_version"].initial = page.disclosure.lock_version
        # A department writes its texts and reasons only: 主要用于 and last year's figures are its units'.
        self.owns_figures = not page.disclosure.is_department_level
        self.slots = [slot for slot in page.slots if self.owns_figures or slot.kind != PURPOSE]
        self.carried_over = {slot.field_name for slot in self.slots if self._carried_over(slot)}
        for slot in self.slots:
            carried = slot.field_name in self.carried_over
            # A text kept in a short column (公开联系人) is limited to what the column holds.
            limit = Disclosure._meta.get_field(slot.key).max_length if slot.kind == TEXT else None
            self.fields[slot.field_name] = forms.CharField(
                label=slot.subject,
                required=False,
                max_length=limit,
                initial=getattr(page.previous, slot.key) if carried else slot.text,
                disabled=read_only,
                widget=forms.Textarea(attrs={"rows": 1 if limit else TEXT_ROWS[slot.kind], "class": "form-control"}),
            )
        self.class_codes = []
        if self.owns_figures:
            self._add_prior_fields(page, read_only)

    def _add_prior_fields(self, page: ExplanationsPage, read_only: bool) -> None:
        prior = page.prior
        locked = page.prior_is_published or read_only
        for name in PRIOR_YEAR_AMOUNT_FIELDS:
            self.fields[PRIOR_PREFIX + name] = PriorAmountField(
                label=PriorYear.label(name), initial=prior.get(name) if prior else None, disabled=locked
            )
        # This year's 类, and last year's (all 26 are known from a published disclosure: only those spent).
        names = {item.code: item.name for item in page.document.facts.expenditure.classes}
        known = prior.function_class if prior else {}
        self.class_codes = sorted({*names, *(code for code, amount in known.items() if amount or not locked)})
        for code in self.class_codes:
            name = names.get(code) or Names({}).function(code)
            self.fields[CLASS_PREFIX + code] = PriorAmountField(
                label=f"{code} {name}", initial=known.get(code), disabled=locked
            )

    def _carried_over(self, slot: Slot) -> bool:
        """Duties and organisation rarely change: an empty one starts from last year's published text."""
        previous = self.page.previous
        if self.read_only or previous is None or slot.kind != TEXT or slot.key not in CARRIED_OVER:
            return False
        return not slot.text and bool(getattr(previous, slot.key).strip())

    @property
    def prior_fields(self) -> list[forms.BoundField]:
        return [self[PRIOR_PREFIX + name] for name in PRIOR_YEAR_AMOUNT_FIELDS] if self.owns_figures else []

    @property
    def class_fields(self) -> list[forms.BoundField]:
        return [self[CLASS_PREFIX + code] for code in self.class_codes]

    def clean(self):
        cleaned = super().clean()
        texts = {slot.check_key: cleaned.get(slot.field_name) or "" for slot in self.slots}
        field_of = {slot.check_key: slot.field_name for slot in self.slots}
        for finding in check_texts(texts):
            if finding.is_error:
                self.add_error(field_of.get(finding.field), finding.message)
        return cleaned

    def written(self) -> Written:
        """What to save, from the cleaned data."""
        written = Written(replace_prior=True)
        for slot in self.slots:
            text = self.cleaned_data[slot.field_name]
            if slot.kind == TEXT:
                written.texts[slot.key] = text
            elif slot.kind == PURPOSE:
                code, fund = slot.key.split(".", 1)
                written.purposes[(code, fund)] = text
            else:
                written.explanations[slot.key] = text
        if not self.owns_figures:
            return Written(texts=written.texts, explanations=written.explanations)
        figures = {name: self.cleaned_data[PRIOR_PREFIX + name] for name in PRIOR_YEAR_AMOUNT_FIELDS}
        classes = {code: self.cleaned_data[CLASS_PREFIX + code] for code in self.class_codes}
        classes = {code: amount for code, amount in classes.items() if amount is not None}
        if any(value is not None for value in figures.values()) or classes:
            written.prior = Prior(year=self.page.disclosure.year - 1, figures=figures, function_class=classes)
        return written

    def keep_input_with_lock_version(self, lock_version: int) -> None:
        """After a conflict: keep what was typed, based on the version now stored (a new save overwrites)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_version")] = str(lock_version)
