"""Forms of the review workflow: a transition's comment and acknowledgements, comments, the approval date,
the review list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disclosures.choices import Kind, Status
from disclosures.models import Comment, Disclosure
from disclosures.tables.declaration import BUDGET_TABLES
from disclosures.workflow.review import NOT_STARTED, SORTS
from disclosures.workflow.transitions import Transition
from units.models import Department


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    acknowledge_warnings = forms.BooleanField(label=_("已阅读并确认检查发现的警告"), required=False)
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


class ReviewFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("主管部门"), queryset=Department.objects.order_by("code"), required=False, empty_label=_("全部部门")
    )
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=Kind.choices)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), (NOT_STARTED, _("未开始")), *Status.choices]
    )
    overdue = forms.BooleanField(label=_("只看逾期"), required=False)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=list(zip(SORTS, [_("单位代码"), _("公开期限"), _("状态"), _("最近活动"), _("错误数")], strict=True)),
    )
