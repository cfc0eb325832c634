"""Forms of the review workflow: a transition's comment and acknowledgements, comments, the approval date,
the review list's filters."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind, Status
from disclosures.models import BulkAction, Comment, Disclosure
from disclosures.tables.declaration import BUDGET_TABLES
from disclosures.workflow.review import NOT_STARTED, SORTS, ReviewFilters
from disclosures.workflow.transitions import ACKNOWLEDGE_WARNINGS_LABEL, Transition
from units.models import Department, Jurisdiction


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    acknowledge_warnings = forms.BooleanField(label=ACKNOWLEDGE_WARNINGS_LABEL, required=False)
    correction_note = forms.CharField(
        label=_("更正说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, transition: Transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.name != "submit":
            del self.fields["acknowledge_warnings"]
        if transition.name == "revise":
            del self.fields["comment"]
            self.fields["correction_note"].required = True
        else:
            del self.fields["correction_note"]
        if transition.comment_required:
            self.fields["comment"].required = True


class CommentForm(forms.ModelForm):
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["table", "row", "text"]
        widgets = {
            "table": forms.HiddenInput,
            "row": forms.HiddenInput,
            "text": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_table(self) -> str:
        table = self.cleaned_data["table"]
        if table and table not in BUDGET_TABLES:
            raise forms.ValidationError(_("没有这张报表。"))
        return table


class ApprovalDateForm(forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = ["budget_approved_on"]
        widgets = {"budget_approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        # The date is published with the version (按时公开 or 逾期公开 follows from it): frozen with it.
        if self.instance.is_frozen:
            raise forms.ValidationError(_("该版本已经公开，预算批复日期随公开版本固定，不能再修改。"))
        return super().clean()


SELECT = {"class": "form-select form-select-sm"}


class SinglePassSelect(forms.Select):
    """A select whose options are written in one pass, without groups: Django renders a template for each
    option, and the department filter has one per department (hundreds in a province)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class ReviewFilterForm(forms.Form):
    q = forms.CharField(
        label=_("单位代码或名称"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("行政区"),
        queryset=Jurisdiction.objects.order_by("code"),
        required=False,
        empty_label=_("全部行政区"),
        widget=SinglePassSelect(attrs=SELECT),
    )
    department = forms.ModelChoiceField(
        label=_("主管部门"),
        queryset=Department.objects.order_by("code"),
        required=False,
        empty_label=_("全部部门"),
        widget=SinglePassSelect(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=Kind.choices, widget=SinglePassSelect(attrs=SELECT)
    )
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部状态")), (NOT_STARTED, _("未开始")), *Status.choices[:-1]],
        widget=SinglePassSelect(attrs=SELECT),
    )
    overdue = forms.BooleanField(
        label=_("只看逾期"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    errors = forms.BooleanField(
        label=_("只看有错误的"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=list(zip(SORTS, [_("单位代码"), _("公开期限"), _("状态"), _("最近活动"), _("错误数")], strict=True)),
        widget=SinglePassSelect(attrs=SELECT),
    )

    def review_filters(self, year: int, today) -> ReviewFilters:
        """The filters asked for; an invalid choice falls back on its default rather than failing the page."""
        chosen = self.cleaned_data if self.is_valid() else {}
        return ReviewFilters(
            year=year,
            today=today,
            kind=chosen.get("kind") or Kind.BUDGET,
            department_id=chosen["department"].pk if chosen.get("department") else None,
            jurisdiction_id=chosen["jurisdiction"].pk if chosen.get("jurisdiction") else None,
            status=chosen.get("status") or "",
            overdue_only=chosen.get("overdue") or False,
            errors_only=chosen.get("errors") or False,
            search=(chosen.get("q") or "").strip(),
            sort=chosen.get("sort") or "unit",
        )


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(choices=BulkAction.Action.choices)
    selected = forms.TypedMultipleChoiceField(coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any whole number is a choice: the service keeps only the year's disclosures in the right state.
        self.fields["selected"].valid_value = lambda value: str(value).isascii() and str(value).isdigit()
