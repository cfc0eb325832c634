from disclosures.views import explanations
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("explanations/", explanations.explanations, "explanations"),
]
