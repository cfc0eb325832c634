from django.urls import path

from disclosures.views import hub

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/", hub.detail, name="detail"),
    path("units/<str:unit_code>/<int:year>/download/<str:fmt>/", hub.download, name="download"),
    path("units/<str:unit_code>/<int:year>/upload/", hub.upload_json, name="upload_json"),
    path("units/<str:unit_code>/<int:year>/layout/", hub.change_layout, name="change_layout"),
    path("units/<str:unit_code>/start/", hub.start, name="start"),
]
