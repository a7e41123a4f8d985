from django.urls import path

from lived.supervision import views

app_name = "supervision"

R = "supervision/<uuid:record_id>/"

urlpatterns = [
    path("supervision/", views.Mine.as_view(), name="mine"),
    path("supervision/new/", views.Start.as_view(), name="start"),
    path("supervision/due/", views.Due.as_view(), name="due"),
    path("supervision/themes/", views.Themes.as_view(), name="themes"),
    path(R, views.RecordPage.as_view(), name="record"),
    path(R + "change/", views.EditRecord.as_view(), name="edit"),
    path(R + "my-reflection/", views.EditReflection.as_view(), name="reflection"),
    path(R + "actions/add/", views.AddAction.as_view(), name="add_action"),
    path(R + "actions/<uuid:action_id>/done/", views.MarkActionDone.as_view(), name="action_done"),
    path(R + "sign/", views.Sign.as_view(), name="sign"),
]
