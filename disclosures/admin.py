from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from disclosures.models import Comment, Disclosure, PublicationJob, PublishedFile, WorkflowEvent


class ViewOnly:
    """Shown in the admin, never changed there: changes go through the workflow and the workspace pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnly, admin.ModelAdmin):
    """Audit records are written by the workflow only; the admin shows them."""


@admin.register(Disclosure)
class DisclosureAdmin(ViewOnly, SimpleHistoryAdmin):
    """Content and status change only through the workspace (which locks, versions and audits each change)
    and the workflow (which records each transition); the admin shows a disclosure and its history."""

    list_display = ["unit", "department", "year", "kind", "version", "status", "budget_approved_on", "published_at"]
    list_filter = ["year", "kind", "level", "status"]
    search_fields = ["unit__code", "unit__name", "department__code", "department__name"]
    list_select_related = ["unit", "department"]


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "disclosure", "transition", "from_status", "to_status", "actor"]
    list_filter = ["transition"]
    list_select_related = ["disclosure__unit", "actor"]


@admin.register(PublicationJob)
class PublicationJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "disclosure", "state", "requested_by", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["disclosure__unit", "requested_by"]


@admin.register(PublishedFile)
class PublishedFileAdmin(ReadOnlyAdmin):
    list_display = ["disclosure", "format", "size", "sha256", "created_at"]
    list_select_related = ["disclosure__unit"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "disclosure", "table", "row", "author", "resolved_at"]
    list_select_related = ["disclosure__unit", "author"]
    raw_id_fields = ["disclosure", "reply_to"]
