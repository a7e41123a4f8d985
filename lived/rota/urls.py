from django.urls import path

from lived.rota import views

app_name = "rota"

P = "people/<uuid:person_id>/who-supports-me/"

urlpatterns = [
    path("me/who-supports-me/", views.MyWhoSupportsMe.as_view(), name="my_who_supports_me"),
    path(P, views.WhoSupportsMe.as_view(), name="who_supports_me"),
    path(P + "change/", views.EditPreferences.as_view(), name="edit_preferences"),
    path(P + "not-to-send/add/", views.AddNotToSend.as_view(), name="add_not_to_send"),
    path(
        P + "not-to-send/<uuid:entry_id>/remove/", views.RemoveNotToSend.as_view(), name="remove_not_to_send"
    ),
    path("staff/my-profile/", views.MyProfile.as_view(), name="my_profile"),
    path("staff/", views.StaffList.as_view(), name="staff_list"),
    path("staff/<uuid:worker_id>/", views.EditStaffProfile.as_view(), name="edit_staff_profile"),
]
