from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from lived.config.views import home
from lived.core.health import Live, Ready
from lived.crisis.offline import service_worker

admin.site.site_header = "Lived administration"
admin.site.site_title = "Lived administration"

urlpatterns = [
    path("", home, name="home"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin): Lived's icon, not a 404.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}lived/favicon.svg")),
    path("sw.js", service_worker),  # open, unnamed: the same script for everyone (lived/crisis/offline.py)
    # For load balancers, open without signing in (lived/core/health.py).
    path("health/live", Live.as_view(), name="health_live"),
    path("health/ready", Ready.as_view(), name="health_ready"),
    path("accounts/", include("lived.accounts.urls")),
    path("", include("lived.people.urls")),
    path("", include("lived.plans.urls")),
    path("", include("lived.reviews.urls")),
    path("", include("lived.notes.urls")),
    path("", include("lived.risk.urls")),
    path("", include("lived.crisis.urls")),
    path("", include("lived.incidents.urls")),
    path("", include("lived.complaints.urls")),
    path("", include("lived.outcomes.urls")),
    path("", include("lived.rota.urls")),
    path("", include("lived.supervision.urls")),
    path("", include("lived.jobs.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "lived.core.views.bad_request"
handler403 = "lived.core.views.permission_denied"
handler404 = "lived.core.views.page_not_found"
handler500 = "lived.core.views.server_error"
