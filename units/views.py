from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from disclosures.final_accounts import years_to_start_from_budget
from disclosures.forms.entry_hub import StartDraftForm
from units.permissions import can_edit_unit_data, departments_visible_to, units_visible_to


@login_required
def after_login(request):
    """Where a login lands without a ``next``: bureau staff on the review list, everybody else on their units."""
    return redirect("disclosures:review_home" if request.user.is_bureau_staff else "units:workspace")


@login_required
def workspace(request):
    units = units_visible_to(request.user).select_related("department")
    # The departments whose consolidated document the user prepares or reviews, at their units' newest year.
    departments = departments_visible_to(request.user).annotate(latest_year=Max("units__disclosures__year"))
    context = {"units": units, "departments": departments, "this_year": timezone.localdate().year}
    return render(request, "units/workspace.html", context)


@login_required
def unit_detail(request, code: str):
    unit = get_object_or_404(units_visible_to(request.user).select_related("department"), code=code)
    may_edit = can_edit_unit_data(request.user, unit)
    context = {
        "unit": unit,
        "disclosures": unit.disclosures.order_by("-year", "kind", "-version"),
        "may_edit": may_edit,
        "start_form": StartDraftForm(unit=unit) if may_edit else None,
        "final_years": years_to_start_from_budget(unit) if may_edit else [],
    }
    return render(request, "units/unit_detail.html", context)
