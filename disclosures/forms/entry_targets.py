"""Table 12: one row per project (name, budget, goal) and under each the project's indicators.

Indicators are structured (类别, 名称, 比较符, 值, 单位) and published as ``名称(比较符值单位)``, e.g.
碎纸机(=4台); a qualitative one has no operator: 绩效排名(前10名). Each project's indicators are a
formset of their own, nested in the project's row (prefix ``targets-<n>-indicators``).
"""

import dataclasses

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.choices import IndicatorCategory, Operator
from disclosures.forms.entry import EntryForm, entry_form_class, form_errors, row_formset_class
from disclosures.forms.entry_editor import PastingEditor
from disclosures.forms.entry_grids import GRIDS, Cell, Grid, GridRow, IndicatorGrid
from disclosures.models import PerformanceIndicator
from disclosures.snapshot import Indicator, Target
from disclosures.tables.declaration import TEXT, Column, HeaderCell, TableKey, base_spec


def _label(name: str) -> str:
    return PerformanceIndicator._meta.get_field(name).verbose_name


def _text(name: str, *, required: bool = True) -> forms.CharField:
    max_length = PerformanceIndicator._meta.get_field(name).max_length
    widget = forms.TextInput(attrs={"class": "form-control"})
    return forms.CharField(label=_label(name), max_length=max_length, required=required, widget=widget)


class IndicatorForm(EntryForm):
    category = forms.ChoiceField(
        label=_label("category"),
        choices=(("", gettext_lazy("请选择")), *IndicatorCategory.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = _text("name")
    operator = forms.ChoiceField(
        label=_label("operator"),
        choices=(("", gettext_lazy("（无）")), *Operator.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    value = _text("value", required=False)

    def clean(self):
        cleaned = super().clean()
        # A qualitative indicator (政府网站运行良好) may have no value; a comparison (=, ≥ …) needs one.
        if cleaned.get("operator") and not cleaned.get("value"):
            self.add_error("value", gettext_lazy("有比较符的指标须填写指标值。"))
        return cleaned

    unit = _text("unit", required=False)


INDICATOR_GRID = Grid(tuple(Column(field.label, name, TEXT) for name, field in IndicatorForm.base_fields.items()))


class IndicatorFormSet(row_formset_class(IndicatorForm)):
    def add_prefix(self, index):
        # The new-row template sits inside a project's own template, which uses __prefix__ already.
        return super().add_prefix("__item__" if index == "__prefix__" else index)


class TargetFormSet(row_formset_class(entry_form_class(base_spec(TableKey.PERFORMANCE)))):
    """Projects, each carrying its indicators' formset as ``form.indicators``."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        initial = self.initial[i].get("indicators", []) if self.initial and i < len(self.initial) else []
        form.indicators = IndicatorFormSet(
            self.data if self.is_bound else None,
            prefix=f"{form.prefix}-indicators",
            initial=None if self.is_bound else (initial or [{}]),
            form_kwargs=self.form_kwargs,
        )
        if self.is_bound:  # a project row with indicators typed is not blank, even with no name yet
            form.empty_permitted = not form.indicators.filled_forms
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.indicators = IndicatorFormSet(
            prefix=f"{form.prefix}-indicators", initial=[{}], form_kwargs=self.form_kwargs
        )
        return form

    @property
    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed() or form.indicators.filled_forms]


class TargetsEditor(PastingEditor):
    prefix = "targets"
    template_name = "disclosures/entry/targets.html"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.grid = GRIDS[TableKey.PERFORMANCE]
        if self.post is not None:
            self.formset = TargetFormSet(self.post, prefix=self.prefix, form_kwargs=self.form_kwargs)
        else:
            initial = [
                {"project": t.project, "amount": t.amount, "goal": t.goal, "key_project": t.key_project,
                 "indicators": [dataclasses.asdict(item) for item in t.indicators]}
                for t in self.data.targets
            ]  # fmt: skip
            self.formset = TargetFormSet(prefix=self.prefix, initial=initial or [{}], form_kwargs=self.form_kwargs)

    def _forms_valid(self) -> bool:
        return all([self.formset.is_valid(), *(form.indicators.is_valid() for form in self.formset.forms)])

    def _form_errors(self) -> list[str]:
        messages = [f"{self.table.code}：{error}" for error in self.formset.non_form_errors()]
        for number, form in enumerate(self.formset.forms, start=1):
            messages += form_errors(self.table, form, number)
            messages += [
                _("%(table)s第%(row)d行的指标：%(error)s") % {"table": self.table.code, "row": number, "error": error}
                for error in form.indicators.non_form_errors()
            ]
            for item, indicator in enumerate(form.indicators.forms, start=1):
                messages += form_errors(self.table, indicator, number, item)
        return messages

    def content(self) -> list[Target]:
        return [
            Target(
                project=form.cleaned_data["project"],
                amount=form.cleaned_data["amount"],
                goal=form.cleaned_data["goal"],
                key_project=form.cleaned_data["key_project"],
                indicators=[Indicator(**item.cleaned_data) for item in form.indicators.filled_forms],
            )
            for form in self.formset.filled_forms
        ]

    def raw_rows(self) -> list[dict]:
        def typed(form: forms.Form) -> dict:
            return {name: form[name].value() for name in form.fields}

        return [
            {**typed(form), "indicators": [typed(item) for item in form.indicators.filled_forms]}
            for form in self.formset.filled_forms
        ]

    @property
    def header(self) -> list[list[HeaderCell]]:
        return self.grid.header_rows(self.table)

    @property
    def indicator_header(self) -> list[list[HeaderCell]]:
        return INDICATOR_GRID.header_rows(self.table)

    def _indicators(self, formset: IndicatorFormSet) -> IndicatorGrid:
        rows = [GridRow(n, form, self._cells(form, INDICATOR_GRID)) for n, form in enumerate(formset.forms, start=1)]
        template = GridRow(None, formset.empty_form, self._cells(formset.empty_form, INDICATOR_GRID, blank=True))
        return IndicatorGrid(formset, rows, template)

    def grid_rows(self) -> list[GridRow]:
        return [
            GridRow(n, form, self._cells(form, self.grid), self._indicators(form.indicators))
            for n, form in enumerate(self.formset.forms, start=1)
        ]

    def template_row(self) -> GridRow:
        form = self.formset.empty_form
        return GridRow(None, form, self._cells(form, self.grid, blank=True), self._indicators(form.indicators))

    def totals(self) -> list[Cell]:
        return self._totals(self.formset.forms, self.grid)
