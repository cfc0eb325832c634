from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from disclosures.forms.entry_hub import StartDraftForm
from units.permissions import can_edit_unit_data, units_visible_to


@login_required
def after_login(request):
    """Where a login lands without a ``next``: bureau staff on the review list, everybody else on their units."""
    return redirect("disclosures:review_home" if request.user.is_bureau_staff else "units:workspace")


@login_required
def workspace(request):
    units = units_visible_to(request.user).select_related("department")
    return render(request, "units/workspace.html", {"units": units})


@login_required
def unit_detail(request, code: str):
    unit = get_object_or_404(units_visible_to(request.user).select_related("department"), code=code)
    may_edit = can_edit_unit_data(request.user, unit)
    context = {
        "unit": unit,
        "disclosures": unit.disclosures.order_by("-year", "kind", "-version"),
        "may_edit": may_edit,
        "start_form": StartDraftForm(unit=unit) if may_edit else None,
    }
    return render(request, "units/unit_detail.html", context)
