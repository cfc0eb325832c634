from django.urls import path

from disclosures.views import workflow
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("history/", workflow.history, "history"),
    *unit_paths("transition/<str:name>/", workflow.transition, "transition"),
    *unit_paths("publication/<int:job_id>/", workflow.publication_job, "publication_job"),
    *unit_paths("publication/<int:job_id>/status/", workflow.publication_job_status, "publication_job_status"),
    *unit_paths("published/<int:version>/<str:fmt>/", workflow.published_file, "published_file"),
    *unit_paths("approval-date/", workflow.approval_date, "approval_date"),
    *unit_paths("comments/", workflow.comment_add, "comment_add"),
    *unit_paths("comments/<int:comment_id>/resolve/", workflow.comment_resolve, "comment_resolve"),
    path("review/", workflow.review_home, name="review_home"),
    path("review/<int:year>/", workflow.review_list, name="review_list"),
    path("review/<int:year>/recount/", workflow.refresh_counts, name="refresh_counts"),
    path("review/<int:year>/bulk/", workflow.bulk_action, name="bulk_action"),
    path("review/bulk/<int:bulk_id>/", workflow.bulk_progress, name="bulk_progress"),
]
