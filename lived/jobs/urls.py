from django.urls import path

from lived.jobs import views

app_name = "jobs"

J = "jobs/<uuid:job_id>/"

# /jobs/plan-pack/ (asking for a PDF pack of plans) is a plans page: lived/plans/urls_print.py.

urlpatterns = [
    path("jobs/", views.JobList.as_view(), name="list"),
    path(J, views.JobDetail.as_view(), name="job"),
    path(J + "progress/", views.JobProgressJson.as_view(), name="progress"),
    path(J + "download/", views.DownloadJobFile.as_view(), name="download"),
]
