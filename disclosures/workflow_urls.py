from django.urls import path

from disclosures.views import workflow

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/history/", workflow.history, name="history"),
    path("units/<str:unit_code>/<int:year>/transition/<str:name>/", workflow.transition, name="transition"),
    path(
        "units/<str:unit_code>/<int:year>/publication/<int:job_id>/",
        workflow.publication_job,
        name="publication_job",
    ),
    path(
        "units/<str:unit_code>/<int:year>/publication/<int:job_id>/status/",
        workflow.publication_job_status,
        name="publication_job_status",
    ),
    path(
        "units/<str:unit_code>/<int:year>/published/<int:version>/<str:fmt>/",
        workflow.published_file,
        name="published_file",
    ),
    path("units/<str:unit_code>/<int:year>/approval-date/", workflow.approval_date, name="approval_date"),
    path("units/<str:unit_code>/<int:year>/comments/", workflow.comment_add, name="comment_add"),
    path(
        "units/<str:unit_code>/<int:year>/comments/<int:comment_id>/resolve/",
        workflow.comment_resolve,
        name="comment_resolve",
    ),
    path("review/", workflow.review_home, name="review_home"),
    path("review/<int:year>/", workflow.review_list, name="review_list"),
    path("review/<int:year>/recount/", workflow.refresh_counts, name="refresh_counts"),
    path("review/<int:year>/bulk/", workflow.bulk_action, name="bulk_action"),
    path("review/bulk/<int:bulk_id>/", workflow.bulk_progress, name="bulk_progress"),
]
