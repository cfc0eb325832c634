from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("start/", views.after_login, name="after_login"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
]
