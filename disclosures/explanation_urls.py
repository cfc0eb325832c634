from django.urls import path

from disclosures.views import explanations

urlpatterns = [
    path("units/<str:unit_code>/<int:year>/explanations/", explanations.explanations, name="explanations"),
]
