from django.urls import path

from disclosures.views import hub
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("", hub.detail, "detail"),
    *unit_paths("download/<str:fmt>/", hub.download, "download"),
    *unit_paths("upload/", hub.upload_json, "upload_json"),
    *unit_paths("layout/", hub.change_layout, "change_layout"),
    path("units/<str:unit_code>/start/", hub.start, name="start"),
    path("units/<str:unit_code>/<int:year>/final/start/", hub.start_final, name="start_final"),
]
