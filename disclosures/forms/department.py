"""The forms of a department's document: its own texts (the only things a department writes)."""

from django import forms

from disclosures.department_documents import DEPARTMENT_TEXT_FIELDS
from disclosures.models import Disclosure


class DepartmentTextsForm(forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = DEPARTMENT_TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("duties", "organisation", "annual_tasks", "state_assets")
        }
