from django.urls import include, path

app_name = "disclosures"
urlpatterns = [
    path("", include("disclosures.hub_urls")),
    path("", include("disclosures.entry_urls")),
    path("", include("disclosures.document_urls")),
    path("", include("disclosures.explanation_urls")),
    path("", include("disclosures.excel_urls")),
    path("", include("disclosures.workflow_urls")),
    path("", include("disclosures.department_urls")),
]
