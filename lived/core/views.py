"""The error pages (404, 403, 500 and "try again" when the database is down), named as handlers in
lived/config/urls.py. No app imports this module: what every app's pages build on is elsewhere in core
(`lived.core.permissions.PermissionView`, `lived.core.nhsuk_forms.add_service_errors`); the base of
pages about one person is `lived.people.access.PersonView`; the service chooser is
`lived.organisations.choice.choose_service`."""

from __future__ import annotations

import sys

from django.shortcuts import render

from lived.core.db_down import UNAVAILABLE, try_again


def page_not_found(request, exception=None):
    return render(request, "core/404.jinja", status=404)


def permission_denied(request, exception=None):
    return render(request, "core/403.jinja", status=403)


def server_error(request):
    # Django calls this while handling the error (from a view or a middleware). If the database is
    # unreachable, the ordinary page would need it too: say "try again" (503) without it.
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return try_again(request)
    return render(request, "core/500.jinja", status=500)


def bad_request(request, exception=None):
    return render(request, "core/400.jinja", status=400)
