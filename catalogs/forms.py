from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalogs.missing import MissingCode
from catalogs.models import ClassificationCode, Scheme, level_for_code


class CatalogUploadForm(forms.Form):
    scheme = forms.ChoiceField(label=_("分类"), choices=Scheme.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("目录文件"), help_text=_("CSV 或 XLSX，含“科目编码”“科目名称”两列。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("文件超过大小上限（%(limit)d MB）。") % {"limit": settings.UPLOAD_MAX_BYTES // 2**20}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("只支持 CSV 或 XLSX 文件。"))
        return upload


class LocalCodeForm(forms.ModelForm):
    """A code a bureau adds itself: level and parent follow from the code, origin is local."""

    class Meta:
        model = ClassificationCode
        fields = ["scheme", "year", "code", "name", "verified", "provenance"]

    def clean(self):
        cleaned = super().clean()
        scheme, year, code = cleaned.get("scheme"), cleaned.get("year"), cleaned.get("code", "")
        if not scheme or not year:
            return cleaned
        level = level_for_code(scheme, code)
        if level is None:
            self.add_error("code", _("编码须为3位（类）、5位（款）或7位（项，仅功能分类）数字。"))
            return cleaned
        parent = None
        if level > 1:
            parent = ClassificationCode.objects.filter(scheme=scheme, year=year, code=code[:-2]).first()
            if parent is None:
                self.add_error(
                    "code",
                    _("上级科目“%(parent)s”在%(year)s年目录中不存在，请先添加上级科目。")
                    % {
                        "parent": code[:-2],
                        "year": year,
                    },
                )
                return cleaned
        self.instance.level = level
        self.instance.parent = parent
        self.instance.origin = ClassificationCode.Origin.LOCAL
        return cleaned


class MissingCodesQuery(forms.Form):
    """The admin link's query: the year, and each code as scheme:code (``code`` repeated)."""

    year = forms.IntegerField(min_value=2000, max_value=2100)

    def clean(self):
        cleaned = super().clean()
        codes = [MissingCode.parse(text) for text in self.data.getlist("code")]
        cleaned["codes"] = [code for code in codes if code is not None]
        if not cleaned["codes"]:
            raise forms.ValidationError(_("链接中没有需要增补的科目编码。"))
        return cleaned


class LocalCodeNameForm(forms.Form):
    """One code to add: scheme and code come from the import; the administrator types or confirms the name."""

    scheme = forms.ChoiceField(choices=Scheme.choices, widget=forms.HiddenInput)
    code = forms.RegexField(regex=r"^\d{3}(\d{2}){0,2}$", widget=forms.HiddenInput)
    name = forms.CharField(label=_("科目名称"), max_length=ClassificationCode._meta.get_field("name").max_length)


LocalCodeFormSet = forms.formset_factory(LocalCodeNameForm, extra=0)
