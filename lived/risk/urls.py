from django.urls import path

from lived.risk import views

app_name = "risk"

P = "people/<uuid:person_id>/"
RP = P + "risk/plans/<uuid:plan_id>/"

urlpatterns = [
    path(P + "risk/", views.PersonRisk.as_view(), name="person_risk"),
    path(P + "risk/plans/new/", views.NewRiskPlan.as_view(), name="new_plan"),
    path(RP, views.RiskPlanDetail.as_view(), name="plan"),
    path(RP + "edit/", views.EditRiskPlan.as_view(), name="edit_plan"),
    path(RP + "approve/", views.ApproveRiskPlan.as_view(), name="approve_plan"),
    path(RP + "stage/", views.ProgressStage.as_view(), name="progress_stage"),
    path(RP + "check-in/", views.RecordCheckIn.as_view(), name="check_in"),
    path(RP + "manager-review/", views.ManagerReview.as_view(), name="manager_review"),
    path(RP + "capacity/", views.RecordCapacity.as_view(), name="capacity"),
    path("risk/", views.ServiceRisk.as_view(), name="service_risk"),
]
