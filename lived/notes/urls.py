from django.urls import path

from lived.notes import views

app_name = "notes"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "notes/", views.PersonNotes.as_view(), name="person_notes"),
    path(P + "notes/record/", views.RecordNote.as_view(), name="record"),
    path(P + "notes/<uuid:note_id>/correct/", views.CorrectNote.as_view(), name="correct"),
    path(P + "notes/kept-on-phone/discard/", views.DiscardKept.as_view(), name="discard_kept"),
    path(P + "handover/", views.AddHandover.as_view(), name="add_handover"),
    path(P + "handover/read/", views.ConfirmHandover.as_view(), name="confirm_handover"),
    path("briefing/", views.Briefing.as_view(), name="briefing"),
    path("briefing/handover/", views.UnreadHandover.as_view(), name="unread_handover"),
    path("notes/language/", views.LanguageReport.as_view(), name="language_report"),
    path("notes/plans-in-use/", views.PlanUse.as_view(), name="plan_use"),
]
