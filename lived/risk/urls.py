from django.urls import path

from lived.risk import offline, views, views_crisis_list

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
    path(P + "crisis-plan/", views.CrisisPlan.as_view(), name="crisis_plan"),
    path(P + "crisis-plan/edit/", views.EditCrisisPlan.as_view(), name="edit_crisis_plan"),
    path(P + "crisis-plan/card.pdf", views.CrisisCard.as_view(), name="crisis_card"),
    path(P + "incidents/new/", views.NewIncident.as_view(), name="new_incident"),
    path(P + "incidents/<uuid:incident_id>/", views.IncidentDetail.as_view(), name="incident"),
    path(P + "safeguarding/<uuid:concern_id>/", views.SafeguardingDetail.as_view(), name="safeguarding"),
    path(P + "complaints/new/", views.NewComplaint.as_view(), name="new_complaint"),
    path(P + "complaints/<uuid:complaint_id>/", views.ComplaintDetail.as_view(), name="complaint"),
    path("risk/", views.ServiceRisk.as_view(), name="service_risk"),
    path(
        "risk/without-crisis-plan/", views_crisis_list.WithoutCrisisPlan.as_view(), name="without_crisis_plan"
    ),
    path("briefing/crisis-plans.json", offline.OfflineCrisisPlans.as_view(), name="offline_crisis_plans"),
]
