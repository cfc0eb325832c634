"""The upload form of the audit page: one document or a zip of them, untrusted."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from audits.layouts import LAYOUTS
from audits.reading import SUFFIXES

ACCEPTED = (*SUFFIXES, ".zip")


class AuditUploadForm(forms.Form):
    file = forms.FileField(label=_("已公开的文档"), help_text=_("PDF（须有文字层）、TXT、DOCX，或它们的zip压缩包"))
    layout = forms.ChoiceField(
        label=_("版式"), required=False, choices=[("", _("自动识别")), *((key, key) for key in sorted(LAYOUTS))]
    )
    year = forms.IntegerField(
        label=_("年度"), required=False, min_value=2000, max_value=2100, help_text=_("默认从标题识别")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in ACCEPTED:
            raise forms.ValidationError(
                _("不支持的文件类型“%(suffix)s”：请上传PDF、TXT、DOCX或zip文件。") % {"suffix": suffix}
            )
        if upload.size > settings.AUDIT_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("文件过大（%(size)s），上限为%(limit)s。")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.AUDIT_UPLOAD_MAX_BYTES)}
            )
        return upload


class PriorYearForm(forms.Form):
    """Which disclosure gets the audited document as its prior year: the unit's of the next year."""

    confirm = forms.BooleanField(label=_("用本文档的数字替换该单位下一年度公开材料的上年数"), required=True)
