"""Crisis plans kept on a worker's phone, for reading where there is no signal (HAZ-037).

The only person data Lived lets a phone keep. Every other page is `Cache-Control: no-store`, and so is
each crisis plan: the copies are not the browser's HTTP cache but Cache Storage, written on purpose by
lived/static/lived/offline-crisis.js from the list below, read by the service worker
(lived/static/lived/sw.js) only when the network fails, kept under the signed-in worker's public id
and deleted when they sign out or someone else signs in.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from lived.core.permissions import PermissionView
from lived.organisations.choice import choose_service
from lived.people.models import Person

# Sent by offline-crisis.js with each crisis plan it saves, so the access row tells a copy kept on the
# phone apart from the worker reading the plan.
OFFLINE_COPY_HEADER = "X-Lived-Purpose"
OFFLINE_COPY_PURPOSE = "offline-copy"
OFFLINE_COPY_AUDIT_WHAT = "Crisis plan (saved on their phone to read without signal)"


def is_offline_copy_request(request) -> bool:
    return request.headers.get(OFFLINE_COPY_HEADER) == OFFLINE_COPY_PURPOSE


class OfflineCrisisPlans(PermissionView):
    """The crisis plans this worker's phone should keep: the people on their briefing (active, at the
    services they give care at, or the one `?service=` names) who have a crisis plan this worker may
    open. Only addresses: the plans themselves are fetched page by page, each through its own checks."""

    permission = "notes.view_briefing"

    def get(self, request):
        choice = choose_service(request, all_services=True)
        people = (
            Person.objects.visible_to(request.user)
            .active()
            .filter(service__in=choice.ids, crisis_plan__isnull=False)
            .select_related("service")
            .order_by("pk")
        )
        urls = [
            reverse("crisis:crisis_plan", args=[person.public_id])
            for person in people
            if request.user.has_perm("crisis.view_crisis_plan", person)
        ]
        return JsonResponse({"user": str(request.user.public_id), "crisis_plans": urls})


def service_worker(request):
    """/sw.js, from the site root so that it may answer for the crisis-plan pages under /people/.
    Open without signing in: it is the same file for everyone and holds no data."""
    with open(finders.find("lived/sw.js"), encoding="utf-8") as script:
        response = HttpResponse(script.read(), content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response
