from django.urls import path

from lived.notes import views

app_name = "notes"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "notes/", views.PersonNotes.as_view(), name="person_notes"),
    path("briefing/", views.Briefing.as_view(), name="briefing"),
]
