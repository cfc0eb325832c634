from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from units.permissions import units_visible_to


@login_required
def workspace(request):
    units = units_visible_to(request.user).select_related("department")
    return render(request, "units/workspace.html", {"units": units})


@login_required
def unit_detail(request, code: str):
    unit = get_object_or_404(units_visible_to(request.user).select_related("department"), code=code)
    return render(request, "units/unit_detail.html", {"unit": unit})
