from django.contrib import admin
from django.urls import include, path

from lived.people.views import home

admin.site.site_header = "Lived administration"
admin.site.site_title = "Lived administration"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("lived.accounts.urls")),
    path("", include("lived.people.urls")),
    path("", include("lived.plans.urls")),
    path("", include("lived.reviews.urls")),
    path("", include("lived.notes.urls")),
    path("", include("lived.risk.urls")),
    path("", include("lived.outcomes.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "lived.core.views.bad_request"
handler403 = "lived.core.views.permission_denied"
handler404 = "lived.core.views.page_not_found"
handler500 = "lived.core.views.server_error"
