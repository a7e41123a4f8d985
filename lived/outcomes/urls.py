from django.urls import path

from lived.outcomes import views

app_name = "outcomes"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "outcomes/", views.PersonOutcomes.as_view(), name="person_outcomes"),
    path("outcomes/", views.ServiceOutcomes.as_view(), name="service_outcomes"),
]
