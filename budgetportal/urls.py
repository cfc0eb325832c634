from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("workspace/", include("units.urls")),
    path("workspace/", include("disclosures.urls")),
    path("workspace/audits/", include("audits.urls")),
    path("admin/", admin.site.urls),
    path("", include("public.urls")),
]

handler400 = "budgetportal.views.bad_request"
handler403 = "budgetportal.views.permission_denied"
handler404 = "budgetportal.views.page_not_found"
handler500 = "budgetportal.views.server_error"
