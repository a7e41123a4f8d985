from django.urls import path

from lived.complaints import views

app_name = "complaints"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "complaints/new/", views.NewComplaint.as_view(), name="new_complaint"),
    path(P + "complaints/<uuid:complaint_id>/", views.ComplaintDetail.as_view(), name="complaint"),
]
