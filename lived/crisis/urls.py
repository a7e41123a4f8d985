from django.urls import path

from lived.crisis import offline, views

app_name = "crisis"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "crisis-plan/", views.CrisisPlan.as_view(), name="crisis_plan"),
    path(P + "crisis-plan/edit/", views.EditCrisisPlan.as_view(), name="edit_crisis_plan"),
    path(P + "crisis-plan/card.pdf", views.CrisisCard.as_view(), name="crisis_card"),
    path("risk/without-crisis-plan/", views.WithoutCrisisPlan.as_view(), name="without_crisis_plan"),
    path("briefing/crisis-plans.json", offline.OfflineCrisisPlans.as_view(), name="offline_crisis_plans"),
]
