from disclosures.views import excel
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("excel/", excel.upload, "excel_upload"),
    *unit_paths("excel/preview/<str:token>/", excel.preview, "excel_preview"),
    *unit_paths("excel/template.xlsx", excel.template, "excel_template"),
]
