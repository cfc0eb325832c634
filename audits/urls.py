from django.urls import path

from audits import views

app_name = "audits"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:batch_id>/", views.batch, name="batch"),
    path("<int:batch_id>/status/", views.batch_status, name="batch_status"),
    path("<int:batch_id>/summary.<str:fmt>", views.batch_download, name="batch_download"),
    path("<int:batch_id>/<int:position>/", views.document, name="document"),
    path("<int:batch_id>/<int:position>/import/", views.import_document, name="import_document"),
    path("<int:batch_id>/<int:position>/prior-year/", views.import_prior_year, name="import_prior_year"),
]
