"""Who may see and do what, in one place.

Two faces built from the same memberships: a queryset filter (what a user may see at all)
and object checks. Objects outside a user's scope are answered with 404, never 403, so that
another unit's disclosure does not even reveal that it exists.
"""

from django.db.models import QuerySet
from django.http import Http404

from units.models import Department, Unit, User


def units_visible_to(user: User) -> QuerySet[Unit]:
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.is_bureau_staff:
        return Unit.objects.all()
    return Unit.objects.filter(memberships__user=user)


def restrict_to_user(queryset: QuerySet, user: User, unit_path: str = "unit") -> QuerySet:
    """Filter any queryset whose rows belong to a unit (through ``unit_path``) to the user's scope."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_bureau_staff:
        return queryset
    return queryset.filter(**{f"{unit_path}__memberships__user": user})


def can_view_unit(user: User, unit: Unit) -> bool:
    return units_visible_to(user).filter(pk=unit.pk).exists()


def can_edit_unit_data(user: User, unit: Unit) -> bool:
    """Only the unit's own accountants type its figures; the bureau reviews them."""
    return user.is_authenticated and unit.memberships.filter(user=user).exists()


def can_edit_department_data(user: User, department: Department) -> bool:
    """A department's document is prepared by its staff, or by the bureau's reviewers."""
    return user.is_authenticated and (
        user.role == User.Role.REVIEWER or department.staff_memberships.filter(user=user).exists()
    )


def departments_visible_to(user: User) -> QuerySet[Department]:
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_bureau_staff:
        return Department.objects.all()
    return Department.objects.filter(staff_memberships__user=user)


def get_visible_or_404(queryset: QuerySet, user: User, unit_path: str = "unit", **lookup):
    try:
        return restrict_to_user(queryset, user, unit_path).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
