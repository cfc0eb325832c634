from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from disclosures.models import Comment, Disclosure, PublicationJob, PublishedFile, WorkflowEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit records are written by the workflow only; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Disclosure)
class DisclosureAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "kind", "version", "status", "budget_approved_on", "published_at"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit"]
    # The status moves only through the workflow; the data through the portal's pages.
    readonly_fields = ["status", "version", "lock_version", "published_at", "content_revision", "content_changed_at"]


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
