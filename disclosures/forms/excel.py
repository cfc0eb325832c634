"""The Excel import forms: upload a workbook (cleaned into a parsed workbook), and confirm a preview."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from disclosures.excel.importer import ParsedWorkbook, parse_workbook
from disclosures.excel.reading import WorkbookError
from disclosures.forms.uploads import read_limited
from disclosures.models import Disclosure

XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookUploadForm(forms.Form):
    """A workbook for the page's disclosure; cleaned into a ParsedWorkbook, or every problem with its place."""

    file = forms.FileField(
        label=gettext_lazy("公开材料工作簿（.xlsx）"),
        widget=forms.FileInput(attrs={"accept": XLSX_TYPES, "class": "form-control"}),
    )

    def __init__(self, *args, disclosure: Disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.disclosure = disclosure
        self.missing_codes = None  # the codes a refused workbook named that its year's catalog lacks

    def clean_file(self) -> ParsedWorkbook:
        upload = self.cleaned_data["file"]
        try:
            return parse_workbook(read_limited(upload), disclosure=self.disclosure)
        except WorkbookError as exc:
            self.missing_codes = exc.missing_codes
            raise ValidationError(exc.errors) from exc


class ConfirmImportForm(forms.Form):
    """What the preview was computed against: the import applies only if it is still the disclosure's content."""

    lock_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    base = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
