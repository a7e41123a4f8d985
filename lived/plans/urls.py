"""Plan URLs come from two modules so that editing and the printable/person's versions can grow apart,
and the one page asking for a PDF pack of many people's plans."""

from django.urls import path

from lived.plans.urls_editing import urlpatterns as editing
from lived.plans.urls_print import urlpatterns as printing
from lived.plans.views import pack

app_name = "plans"

urlpatterns = [
    *editing,
    *printing,
    # Under /jobs/, where it has always been: the pack is made by a background job (lived/plans/tasks.py).
    path("jobs/plan-pack/", pack.RequestPlanPack.as_view(), name="plan_pack"),
]
