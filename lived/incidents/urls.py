from django.urls import path

from lived.incidents import views

app_name = "incidents"

P = "people/<uuid:person_id>/"

urlpatterns = [
    path(P + "incidents/new/", views.NewIncident.as_view(), name="new_incident"),
    path(P + "incidents/<uuid:incident_id>/", views.IncidentDetail.as_view(), name="incident"),
    path(P + "safeguarding/<uuid:concern_id>/", views.SafeguardingDetail.as_view(), name="safeguarding"),
]
