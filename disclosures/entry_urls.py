from django.urls import path

from disclosures.views import entry

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/tables/<int:number>/", entry.table, name="table"),
    path("codes/<int:year>/search/", entry.code_search, name="code_search"),
]
