from django.urls import path

from disclosures.views import entry
from disclosures.workspace_paths import unit_paths

urlpatterns = [
    *unit_paths("tables/<int:number>/", entry.table, "table"),
    path("codes/<int:year>/search/", entry.code_search, name="code_search"),
]
