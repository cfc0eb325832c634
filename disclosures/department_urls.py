from django.urls import path

from disclosures.views import department

PREFIX = "departments/<str:code>/<int:year>/<str:kind>/"

urlpatterns = [
    path(PREFIX, department.detail, name="department"),
    path(f"{PREFIX}start/", department.start, name="department_start"),
    path(f"{PREFIX}texts/", department.texts, name="department_texts"),
    path(f"{PREFIX}units/", department.units, name="department_units"),
    path(f"{PREFIX}reasons/", department.reasons, name="department_reasons"),
    path(f"{PREFIX}explanations/", department.explanations, name="department_explanations"),
    path(f"{PREFIX}transition/<str:name>/", department.transition, name="department_transition"),
    path(f"{PREFIX}download/<str:fmt>/", department.download, name="department_download"),
    path(f"{PREFIX}publication/<int:job_id>/", department.publication_job, name="department_publication_job"),
    path(
        f"{PREFIX}publication/<int:job_id>/status/",
        department.publication_job_status,
        name="department_publication_job_status",
    ),
]
