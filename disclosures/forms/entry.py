"""The fields a unit types on the entry pages: amounts in 元 or 万元, catalog codes, choices and texts.

Forms are built from the tables' declaration (``TableSpec.entry_fields``), so a field added there
appears on the page, in the paste order and in the error messages without further code.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogs.models import CODE_LENGTH_BY_LEVEL, LEVEL_NAMES, ClassificationCode, Scheme
from disclosures.choices import AmountUnit, Fund
from disclosures.money import WAN, AmountError, exact_wan_text, parse_amount
from disclosures.tables.declaration import AMOUNT, TEXT, EntryField, TableSpec

FUNCTION_CODE = "function_code"
ECONOMIC_CODE = "economic_code"
CHOICE = "choice"
OPTIONAL_CHOICE = "optional_choice"  # may be left blank (a 决算 line's 收入来源: none for a fiscal fund)
COUNT = "count"  # a whole number: 团组, 人次, 辆
LONGTEXT = "longtext"
FLAG = "flag"
CODE_SCHEMES = {FUNCTION_CODE: (Scheme.FUNCTION, 3), ECONOMIC_CODE: (Scheme.ECON_DEPT, 2)}
DEFAULT_CHOICE = {"fund": Fund.GENERAL_BUDGET}
LEADING_CODE = re.compile(r"^\s*(\d+)")
MAX_ROWS = 1000


def amount_text(yuan: Decimal, unit: str, *, blank_zero: bool = True) -> str:
    """An amount as typed back into an input: exact, in the unit the user enters in."""
    if blank_zero and not yuan:
        return ""
    return exact_wan_text(yuan) if unit == WAN else f"{yuan:.2f}"


def code_from_text(text: str) -> str:
    """``2080505 机关事业单位基本养老保险缴费支出`` (as copied from a table) → ``2080505``."""
    match = LEADING_CODE.match(text or "")
    return match.group(1) if match else (text or "").strip()


class AmountField(forms.CharField):
    """An amount typed in the form's entry unit (元 or 万元), cleaned to exact 元; blank is zero."""

    def __init__(self, **kwargs):
        attrs = {"class": "form-control form-control-sm amount js-amount", "inputmode": "decimal"}
        super().__init__(required=False, widget=forms.TextInput(attrs=attrs), **kwargs)
        self.unit = WAN

    def to_python(self, value) -> Decimal:
        try:
            return parse_amount(super().to_python(value), self.unit)
        except AmountError as exc:
            raise ValidationError(str(exc), code="amount") from exc

    def prepare_value(self, value):
        return amount_text(value, self.unit) if isinstance(value, Decimal) else value

    def has_changed(self, initial, data) -> bool:
        try:
            before = initial if isinstance(initial, Decimal) else self.to_python(initial)
            return self.to_python(data) != before
        except ValidationError:
            return True


class CodeField(forms.CharField):
    """A classification code of the disclosure's year, at the level the table is entered at.

    The input keeps the code; the page's code picker searches the catalog by code or name.
    """

    def __init__(self, *, scheme: str, level: int, **kwargs):
        attrs = {
            "class": "form-control form-control-sm js-code",
            "data-scheme": scheme,
            "data-level": str(level),
            "autocomplete": "off",
            "spellcheck": "false",
        }
        super().__init__(max_length=100, widget=forms.TextInput(attrs=attrs), **kwargs)
        self.scheme = scheme
        self.level = level
        self.book: dict[tuple[str, str], ClassificationCode] = {}
        self.year = 0

    def clean(self, value) -> str:
        code = code_from_text(super().clean(value))
        entry = self.book.get((self.scheme, code))
        if entry is None:
            raise ValidationError(
                _("科目“%(code)s”不在%(year)d年%(scheme)s目录中")
                % {"code": code, "year": self.year, "scheme": Scheme(self.scheme).label},
                code="unknown_code",
            )
        if entry.level != self.level:
            raise ValidationError(
                _("科目“%(code)s”是%(level)s级科目，请填写%(length)d位%(expected)s级科目")
                % {
                    "code": code,
                    "level": entry.level_name,
                    "length": CODE_LENGTH_BY_LEVEL[self.level],
                    "expected": LEVEL_NAMES[Scheme(self.scheme)][self.level],
                },
                code="wrong_level",
            )
        return code


class CountField(forms.IntegerField):
    """A count (团组, 人次, 辆); blank is zero."""

    def __init__(self, **kwargs):
        attrs = {"class": "form-control form-control-sm amount", "inputmode": "numeric"}
        super().__init__(required=False, min_value=0, widget=forms.TextInput(attrs=attrs), **kwargs)

    def to_python(self, value) -> int:
        return super().to_python(value) or 0


class EntryForm(forms.Form):
    """A form whose amounts are read in the entry unit and whose codes are checked against the year's catalog.

    ``read_only`` fields are shown and never read from the POST (a linked 决算's 年初预算数: its budget's).
    """

    def __init__(self, *args, unit: str = WAN, book=None, year: int = 0, read_only=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in read_only:
            self.fields[name].disabled = True
        for name, field in self.fields.items():
            # The page's script finds a cell's column by data-field and names it by data-label.
            field.widget.attrs.update({"data-field": name, "data-label": str(field.label)})
            if isinstance(field, AmountField):
                field.unit = unit
            elif isinstance(field, CodeField):
                field.book, field.year = book or {}, year


def _choice_refused(declared: EntryField) -> str:
    """The message for a value that is none of the choices (pasted text, say): what it may be instead."""
    allowed = "、".join(str(label) for _value, label in declared.choices)
    return _("“%%(value)s”不是可选的值，请选择：%(allowed)s") % {"allowed": allowed}


def entry_field(declared: EntryField) -> forms.Field:
    """The form field for a field of the tables' declaration."""
    label = declared.label
    if declared.kind == AMOUNT:
        return AmountField(label=label)
    if declared.kind in CODE_SCHEMES:
        scheme, level = CODE_SCHEMES[declared.kind]
        return CodeField(scheme=scheme, level=level, label=label)
    if declared.kind == CHOICE:
        default = DEFAULT_CHOICE.get(declared.name)
        choices = declared.choices if default else (("", gettext_lazy("请选择")), *declared.choices)
        return forms.ChoiceField(
            label=label,
            choices=choices,
            initial=default,
            widget=forms.Select(attrs={"class": "form-select"}),
            error_messages={"invalid_choice": _choice_refused(declared)},
        )
    if declared.kind == OPTIONAL_CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=(("", "—"), *declared.choices),
            widget=forms.Select(attrs={"class": "form-select"}),
            error_messages={"invalid_choice": _choice_refused(declared)},
        )
    if declared.kind == COUNT:
        return CountField(label=label)
    if declared.kind == TEXT:
        return forms.CharField(label=label, max_length=300, widget=forms.TextInput(attrs={"class": "form-control"}))
    if declared.kind == LONGTEXT:
        return forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 1})
        )
    if declared.kind == FLAG:
        return forms.BooleanField(
            label=label, required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
        )
    raise ValueError(f"unknown entry field kind {declared.kind!r}")


def entry_form_class(table: TableSpec, fields: tuple[EntryField, ...] | None = None) -> type[EntryForm]:
    """A form with one field per declared entry field of ``table`` (or of ``fields``)."""
    declared = table.entry_fields if fields is None else fields
    attributes = {field.name: entry_field(field) for field in declared}
    return type(f"{table.key.title().replace('_', '')}Form", (EntryForm,), attributes)


class RowFormSet(forms.BaseFormSet):
    """Rows of a grid: every row may be left blank (it is then ignored), whether it was shown or added."""

    def _construct_form(self, i, **kwargs):
        return super()._construct_form(i, empty_permitted=True, **kwargs)

    @property
    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]


def row_formset_class(form_class: type[forms.Form]) -> type[RowFormSet]:
    return forms.formset_factory(
        form_class, formset=RowFormSet, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
    )


def row_formset(form_class: type[forms.Form], *, prefix: str, post, initial: list[dict], form_kwargs: dict):
    """A grid's rows: bound to the POST, or showing ``initial`` (one blank row to type into when none)."""
    formset_class = row_formset_class(form_class)
    if post is not None:
        return formset_class(post, prefix=prefix, form_kwargs=form_kwargs)
    return formset_class(prefix=prefix, initial=initial or [{}], form_kwargs=form_kwargs)


class EntryMetaForm(forms.Form):
    """Sent with every table: the unit the amounts are typed in, and the rows the page was read at (its base).

    After a conflict the page also carries the base of the rows the conflict showed, which a deliberate
    overwrite is based on (editing.save_table).
    """

    entry_unit = forms.ChoiceField(
        label=gettext_lazy("金额单位"),
        choices=AmountUnit.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm js-entry-unit"}),
    )
    based_on = forms.CharField(label=gettext_lazy("数据版本"), strip=False, widget=forms.HiddenInput)
    overwrite_base = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)


def place_of(table: TableSpec, column: str, row: int | None = None, item: int | None = None) -> str:
    """预算公开03表第2行“人员经费”; with ``item``: 预算公开12表第1行指标第3项“指标值”."""
    if row is None:
        return _("%(table)s“%(column)s”") % {"table": table.code, "column": column}
    if item is None:
        return _("%(table)s第%(row)d行“%(column)s”") % {"table": table.code, "row": row, "column": column}
    return _("%(table)s第%(row)d行指标第%(item)d项“%(column)s”") % {
        "table": table.code,
        "row": row,
        "item": item,
        "column": column,
    }


def form_errors(table: TableSpec, form: forms.Form, row: int | None = None, item: int | None = None) -> list[str]:
    """Every error of ``form`` as one sentence naming the table, row and column."""
    messages = []
    for name, errors in form.errors.items():
        column = str(form.fields[name].label) if name in form.fields else _("整行")
        messages.extend(f"{place_of(table, column, row, item)}：{error}" for error in errors)
    return messages


def formset_errors(table: TableSpec, formset: forms.BaseFormSet) -> list[str]:
    """Every error of a grid's rows, each naming the table, its row (from 1) and column."""
    messages = [f"{table.code}：{error}" for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        messages += form_errors(table, form, number)
    return messages
