from django.urls import path

from lived.people import views, views_search

app_name = "people"

P = "<uuid:person_id>/"

urlpatterns = [
    path("people/", views.PeopleList.as_view(), name="list"),
    path("people/new/", views.NewPerson.as_view(), name="new"),
    path("people/search/", views_search.PersonSearch.as_view(), name="search"),
    path("people/" + P, views.PersonRecord.as_view(), name="record"),
    path("people/" + P + "details/", views.EditDetails.as_view(), name="edit_details"),
    path("people/" + P + "archive/", views.ArchivePerson.as_view(), name="archive"),
    path("people/" + P + "about-me/", views.AboutMe.as_view(), name="about_me"),
    path("people/" + P + "about-me/add/", views.AddAboutMeEntry.as_view(), name="add_about_me"),
    path("people/" + P + "about-me/<uuid:entry_id>/", views.EditAboutMeEntry.as_view(), name="edit_about_me"),
    path(
        "people/" + P + "about-me/<uuid:entry_id>/remove/",
        views.ArchiveAboutMeEntry.as_view(),
        name="archive_about_me",
    ),
    path(
        "people/" + P + "about-me/<uuid:entry_id>/share/",
        views.ShareStaffSummary.as_view(),
        name="share_staff_summary",
    ),
    path("people/" + P + "changes/", views.AboutMeChanges.as_view(), name="changes"),
    path("people/" + P + "communication/", views.Communication.as_view(), name="communication"),
    path("people/" + P + "communication/edit/", views.EditCommunication.as_view(), name="edit_communication"),
    path("people/" + P + "circle/", views.Circle.as_view(), name="circle"),
    path("people/" + P + "circle/add/", views.AddCircleMember.as_view(), name="add_circle_member"),
    path(
        "people/" + P + "circle/<uuid:member_id>/",
        views.EditCircleMember.as_view(),
        name="edit_circle_member",
    ),
    path(
        "people/" + P + "circle/<uuid:member_id>/remove/",
        views.ArchiveCircleMember.as_view(),
        name="archive_circle_member",
    ),
    path("people/" + P + "sharing/add/", views.AddSharing.as_view(), name="add_sharing"),
    path(
        "people/" + P + "sharing/<uuid:agreement_id>/withdraw/",
        views.WithdrawSharing.as_view(),
        name="withdraw_sharing",
    ),
    path("people/" + P + "sharing/wishes/", views.EditAdvanceWishes.as_view(), name="edit_wishes"),
    path("people/" + P + "sharing/wishes/in-force/", views.WishesInForce.as_view(), name="wishes_in_force"),
    path("people/" + P + "audit/", views.AuditTrail.as_view(), name="audit"),
    path("people/" + P + "who-has-looked/", views.AccessLog.as_view(), name="access_log"),
    path("people/" + P + "sign-in/", views.GiveSignIn.as_view(), name="give_sign_in"),
    path(
        "people/" + P + "circle/<uuid:member_id>/sign-in/",
        views.GiveSignIn.as_view(),
        name="give_member_sign_in",
    ),
    path("me/", views.MyRecord.as_view(), name="me"),
    path("circle/", views.CircleHome.as_view(), name="circle_home"),
    path("circle/" + P, views.CircleSharedView.as_view(), name="circle_shared"),
]
