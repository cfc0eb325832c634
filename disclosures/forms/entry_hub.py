"""The forms of a disclosure's overview and of the unit page: upload a JSON document, choose the layout,
start a year."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from catalogs.models import ClassificationCode
from disclosures.forms.uploads import read_limited
from disclosures.interchange import InterchangeError, parse
from disclosures.layouts import layout_choices
from disclosures.snapshot import DisclosureData
from units.models import Unit


class UploadJsonForm(forms.Form):
    """A budget-disclosure/1 document; cleaned into a DisclosureData, or every problem with its place."""

    file = forms.FileField(
        label=gettext_lazy("公开材料数据文件（JSON）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("覆盖现有数据"),
        required=False,
        help_text=gettext_lazy("本年度已有草稿时，勾选后以文件内容替换全部报表和文字。"),
    )
    missing_codes = None  # the codes a refused file named that its year's catalog lacks

    def clean_file(self) -> DisclosureData:
        upload = self.cleaned_data["file"]
        try:
            return parse(read_limited(upload))
        except InterchangeError as exc:
            self.missing_codes = exc.missing_codes
            raise ValidationError(exc.errors) from exc


class StartDraftForm(forms.Form):
    """The year to start; offered are the years with a catalog in which the unit has no disclosure yet."""

    year = forms.IntegerField(
        label=gettext_lazy("年度"), min_value=2000, max_value=2100, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        started = set(unit.disclosures.values_list("year", flat=True))
        catalog_years = ClassificationCode.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].widget.choices = [(year, str(year)) for year in catalog_years if year not in started]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["year"].widget.choices)


class LayoutForm(forms.Form):
    """The layout a draft is written in, among those of its kind (a reviewer chooses it)."""

    layout = forms.ChoiceField(label=gettext_lazy("公开格式"), widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = layout_choices(kind)
