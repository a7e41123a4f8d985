from django.urls import path

from lived.outcomes import views

app_name = "outcomes"

P = "people/<uuid:person_id>/outcomes/"

urlpatterns = [
    path(P, views.PersonOutcomes.as_view(), name="person_outcomes"),
    path(P + "questionnaires/<slug:code>/", views.CompleteMeasure.as_view(), name="complete_measure"),
    path(P + "self-rating/<uuid:scale_id>/", views.RateSelf.as_view(), name="rate_self"),
    path(
        P + "alerts/<uuid:alert_id>/acknowledge/", views.AcknowledgeAlert.as_view(), name="acknowledge_alert"
    ),
    path(P + "goals/", views.ScoreGoals.as_view(), name="score_goals"),
    path(P + "schedules/new/", views.AddSchedule.as_view(), name="add_schedule"),
    path(P + "health-checks/new/", views.RecordHealthCheck.as_view(), name="record_health_check"),
    path(
        P + "health-checks/<uuid:check_id>/follow-ups/new/", views.AddFollowUp.as_view(), name="add_follow_up"
    ),
    path(P + "follow-ups/<uuid:follow_up_id>/close/", views.CloseFollowUp.as_view(), name="close_follow_up"),
    path(P + "summary.pdf", views.SummaryPdf.as_view(), name="summary_pdf"),
    path("outcomes/", views.ServiceOutcomes.as_view(), name="service_outcomes"),
    path("outcomes/groups/new/", views.NewGroup.as_view(), name="new_group"),
    path("outcomes/groups/<uuid:group_id>/", views.GroupDetail.as_view(), name="group"),
    path("outcomes/scales/new/", views.NewScale.as_view(), name="new_scale"),
]
