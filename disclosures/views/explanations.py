"""The explanations page: the unit (or the department, on its document) writes its reasons, 主要用于 and texts
beside the sentences that print them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from disclosures.access import current_disclosure_or_404
from disclosures.choices import Kind
from disclosures.editing import EditConflict, EditRefused
from disclosures.forms.explanations import ExplanationsForm
from disclosures.models import Disclosure
from disclosures.narrative.page import explanations_page
from disclosures.narrative.saving import save_written
from units.permissions import can_edit_unit_data

TEMPLATE = "disclosures/explanations.html"


@login_required
def explanations(request, unit_code: str, year: int, kind: str = Kind.BUDGET):
    disclosure = current_disclosure_or_404(request.user, unit_code, year, kind=kind)
    may_edit = can_edit_unit_data(request.user, disclosure.unit)
    return explanations_response(
        request, disclosure, may_edit, ("disclosures:explanations", *disclosure.workspace_args)
    )


def explanations_response(request, disclosure: Disclosure, may_edit: bool, here: tuple, template=TEMPLATE, **extra):
    """The page of ``disclosure``, saving what was posted when ``may_edit``; ``here`` is its URL's name and args."""
    may_edit = may_edit and disclosure.is_editable
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    page = explanations_page(disclosure)
    form = ExplanationsForm(request.POST or None, page=page, read_only=not may_edit)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            save_written(disclosure, form.written(), expected_lock_version=form.cleaned_data["lock_version"])
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
            form.keep_input_with_lock_version(conflict.current_lock_version)
            status = 409
        except EditRefused as refused:
            messages.error(request, str(refused))
            return redirect(*here)
        else:
            messages.success(request, _("情况说明已保存。"))
            return redirect(*here)
    context = {
        "disclosure": disclosure,
        "active_tab": "explanations",
        "page": page,
        "parts": page.with_boxes(None if form.read_only else form),
        "form": form,
        **extra,
    }
    return render(request, template, context, status=status)
