from axes.utils import reset as reset_login_failures
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from units.models import Department, DepartmentMembership, Jurisdiction, Membership, Unit, User


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ["code", "name", "type"]


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["code", "name"]
    inlines = [UnitInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]
    verbose_name = _("所属单位")
    verbose_name_plural = _("所属单位（单位会计可编辑这些单位的公开材料）")


class DepartmentMembershipInline(admin.TabularInline):
    model = DepartmentMembership
    extra = 0
    autocomplete_fields = ["department"]
    verbose_name = _("所属部门")
    verbose_name_plural = _("所属部门（部门人员编制本部门的部门预算、部门决算）")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "department"]
    list_filter = ["type", "department"]
    search_fields = ["code", "name", "department__name"]
    list_select_related = ["department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("预算公开角色"), {"fields": ["role"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("预算公开角色"), {"fields": ["role"]}),
    ]
    inlines = [MembershipInline, DepartmentMembershipInline]
    actions = ["unlock_login"]

    @admin.action(description=_("解除登录锁定（清除登录失败记录）"))
    def unlock_login(self, request, queryset):
        users = list(queryset)
        for user in users:
            reset_login_failures(username=user.username)
        self.message_user(
            request,
            ngettext("已解除%(count)d个账号的登录锁定。", "已解除%(count)d个账号的登录锁定。", len(users))
            % {"count": len(users)},
            messages.SUCCESS,
        )
