from django.urls import path

from disclosures.views import document

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/preview/", document.preview, name="preview"),
    path("units/<str:unit_code>/<int:year>/preview.pdf", document.preview_pdf, name="preview_pdf"),
]
