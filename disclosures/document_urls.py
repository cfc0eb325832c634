from disclosures.views import document
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("preview/", document.preview, "preview"),
    *unit_paths("preview.pdf", document.preview_pdf, "preview_pdf"),
]
