from django.urls import path

from lived.risk import views

app_name = "risk"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "risk/", views.PersonRisk.as_view(), name="person_risk"),
    path(P + "crisis-plan/", views.CrisisPlan.as_view(), name="crisis_plan"),
    path("risk/", views.ServiceRisk.as_view(), name="service_risk"),
]
