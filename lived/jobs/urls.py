from django.urls import path

from lived.jobs import views

app_name = "jobs"

J = "jobs/<uuid:job_id>/"

urlpatterns = [
    path("jobs/", views.JobList.as_view(), name="list"),
    path("jobs/plan-pack/", views.RequestPlanPack.as_view(), name="plan_pack"),
    path(J, views.JobDetail.as_view(), name="job"),
    path(J + "progress/", views.JobProgressJson.as_view(), name="progress"),
    path(J + "download/", views.DownloadJobFile.as_view(), name="download"),
]
