from django.urls import path

from disclosures.views import excel

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/excel/", excel.upload, name="excel_upload"),
    path("units/<str:unit_code>/<int:year>/excel/preview/<str:token>/", excel.preview, name="excel_preview"),
    path("units/<str:unit_code>/<int:year>/excel/template.xlsx", excel.template, name="excel_template"),
]
