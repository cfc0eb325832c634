from django.urls import path

from public.views import api, data, files, pages

app_name = "public"
report = "<int:year>/<str:unit_code>/"
version = report + "v<int:version>/"
urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", pages.search, name="search"),
    path("<int:year>/departments/<str:code>/", pages.department, name="department"),
    path("<int:year>/departments/<str:code>/<str:kind>/files/<str:file_format>/", files.department_file,
         name="department_file"),
    path(report, pages.report, name="report"),
    path(report + "final/", pages.final_report, name="final_report"),
    path(version, pages.report, name="report_version"),
    path(report + "files/<str:file_format>/", files.published_file, name="file"),
    path(version + "files/<str:file_format>/", files.published_file, name="file_version"),
    path(report + "tables/<int:number>.csv", files.table_csv, name="table_csv"),
    path(version + "tables/<int:number>.csv", files.table_csv, name="table_csv_version"),
    path("data/", pages.open_data, name="open_data"),
    path("data/<int:year>.zip", data.year_zip, name="year_zip"),
    path("data/<int:year>/datapackage.json", data.datapackage, name="datapackage"),
    path("data/<int:year>/<str:resource>.csv", data.fiscal_resource, name="fiscal_resource"),
    path("api/disclosures/", api.disclosure_list, name="api_list"),
    path("api/disclosures/<int:year>/<str:unit_code>.json", api.disclosure_detail, name="api_detail"),
    path("api/disclosures/<int:year>/<str:unit_code>/final.json", api.final_detail, name="api_final"),
    path("api/disclosures/<int:year>/<str:unit_code>/v<int:version>.json", api.disclosure_detail,
         name="api_detail_version"),
    path("api/departments/<int:year>/<str:code>/<str:kind>.json", api.department_detail, name="api_department"),
]  # fmt: skip
