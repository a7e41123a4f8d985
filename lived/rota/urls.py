from django.urls import path

from lived.rota import views, views_measures, views_my_week, views_planner

app_name = "rota"

P = "people/<uuid:person_id>/who-supports-me/"

urlpatterns = [
    path("me/who-supports-me/", views.MyWhoSupportsMe.as_view(), name="my_who_supports_me"),
    path(P, views.WhoSupportsMe.as_view(), name="who_supports_me"),
    path(P + "change/", views.EditPreferences.as_view(), name="edit_preferences"),
    path(P + "not-to-send/add/", views.AddNotToSend.as_view(), name="add_not_to_send"),
    path(P + "visit-place/", views.EditVisitPlace.as_view(), name="edit_visit_place"),
    path(
        P + "not-to-send/<uuid:entry_id>/remove/", views.RemoveNotToSend.as_view(), name="remove_not_to_send"
    ),
    path("staff/my-profile/", views.MyProfile.as_view(), name="my_profile"),
    path("staff/", views.StaffList.as_view(), name="staff_list"),
    path("staff/<uuid:worker_id>/", views.EditStaffProfile.as_view(), name="edit_staff_profile"),
    path(
        "staff/<uuid:worker_id>/availability/add/", views.AddAvailability.as_view(), name="add_availability"
    ),
    path(
        "staff/<uuid:worker_id>/availability/<uuid:entry_id>/remove/",
        views.RemoveAvailability.as_view(),
        name="remove_availability",
    ),
    path("staff/<uuid:worker_id>/absences/add/", views.AddAbsence.as_view(), name="add_absence"),
    path(
        "staff/<uuid:worker_id>/absences/<uuid:entry_id>/remove/",
        views.RemoveAbsence.as_view(),
        name="remove_absence",
    ),
    path("rota/week/", views.Week.as_view(), name="week"),
    path("rota/week/make-sessions/", views.GenerateSessions.as_view(), name="generate_sessions"),
    path("rota/sessions/add/", views.AddSession.as_view(), name="add_session"),
    # --- allocation: run, check, override, publish (lived/rota/views_planner.py) ---
    path("rota/planner/", views_planner.Planner.as_view(), name="planner"),
    path("rota/planner/run/", views_planner.RunAllocation.as_view(), name="run_allocation"),
    path(
        "rota/planner/runs/<uuid:allocation_id>/",
        views_planner.RunProgress.as_view(),
        name="allocation_progress",
    ),
    path(
        "rota/planner/runs/<uuid:allocation_id>/progress/",
        views_planner.RunProgressJson.as_view(),
        name="allocation_progress_json",
    ),
    path(
        "rota/planner/runs/<uuid:allocation_id>/publish/",
        views_planner.PublishAllocation.as_view(),
        name="publish_allocation",
    ),
    path(
        "rota/planner/runs/<uuid:allocation_id>/sessions/<uuid:session_id>/change/",
        views_planner.OverrideAssignment.as_view(),
        name="override_assignment",
    ),
    # --- a worker's own week and calendar feed (lived/rota/views_my_week.py) ---
    path("rota/my-week/", views_my_week.MyWeekPage.as_view(), name="my_week"),
    path("rota/my-week/calendar/", views_my_week.CalendarFeedPage.as_view(), name="calendar_feed"),
    # No sign-in (calendar apps cannot): the secret in the address is the key (lived/rota/my_week.py).
    path("rota/calendar/<str:secret>.ics", views_my_week.CalendarFile.as_view(), name="calendar_file"),
    # --- measures of choice and continuity (lived/rota/views_measures.py) ---
    path("rota/measures/", views_measures.ServiceMeasures.as_view(), name="service_measures"),
    path(P + "measures/", views_measures.PersonMeasures.as_view(), name="person_measures"),
]
