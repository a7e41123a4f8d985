"""Plan URLs come from two modules so that editing and the printable/person's versions can grow apart."""

from lived.plans.urls_editing import urlpatterns as editing
from lived.plans.urls_print import urlpatterns as printing

app_name = "plans"

urlpatterns = editing + printing
