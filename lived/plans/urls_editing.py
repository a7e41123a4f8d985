# Stub: the plan-editing helper replaces this module.
from django.urls import path

from lived.core.views import raise_404

urlpatterns = [
    path("people/<uuid:person_id>/plan/", lambda request, person_id: raise_404(), name="plan"),
]
