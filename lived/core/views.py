"""Shared view helpers: scoped person lookup with permission, the service chooser, the conflict page,
error pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from lived.core.concurrency import StaleEdit


def add_service_errors(form, error) -> None:
    """A service refused the change (ValidationError): show its messages in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


@dataclass(frozen=True)
class Attention:
    """What needs attention on a service page, counted per service in one aggregate query.

    `count(service_ids)` returns {service pk: count}; the three phrases say it in words, with `{n}`
    for the count: `one` and `many` ("3 handover notes are not read by everyone yet") and `none`
    ("no handover notes are waiting to be read")."""

    count: Callable[[list[int]], dict[int, int]]
    one: str
    many: str
    none: str

    def phrase(self, n: int) -> str:
        if not n:
            return self.none
        return (self.one if n == 1 else self.many).format(n=n)


ALL_SERVICES = "all"


@dataclass
class ServiceChoice:
    """Which of the user's services a page shows, and a sentence saying which and why."""

    services: list  # the user's services for this page, by name
    service: object | None  # the one shown; None when showing all of them, or when there are none
    showing_all: bool
    sentence: str
    links: list[tuple[str, str]]  # (label, href) for each other choice

    @property
    def ids(self) -> set[int]:
        if self.showing_all:
            return {s.pk for s in self.services}
        return {self.service.pk} if self.service else set()

    @property
    def value(self) -> str:
        """The `?service=` value that shows this choice again (for page links and hidden inputs)."""
        if self.showing_all:
            return ALL_SERVICES
        return str(self.service.public_id) if self.service else ""


def choose_service(
    request, *, service_ids=None, attention: Attention | None = None, all_services: bool = False
) -> ServiceChoice:
    """The one rule for pages that show one of the user's services (or all of them).

    An explicit `?service=<public id>` wins; one that is unknown or not the user's is a 404, never a
    silent fallback to another service. Otherwise a page that can show every service together
    (`all_services`) shows all of them; a page that shows one service opens on the one where most
    needs attention (`attention`, one query for every service), ties broken by name. `service_ids`
    are the services this page covers for the user (by default every service they give care at)."""
    from lived.organisations.models import Service

    if service_ids is None:
        service_ids = request.user.care_service_ids()
    services = list(Service.objects.filter(pk__in=service_ids).order_by("name", "pk"))
    wanted = request.GET.get("service", "").strip()
    counts: dict[int, int] = {}
    if attention is not None and services and not (all_services and wanted in ("", ALL_SERVICES)):
        counts = attention.count([s.pk for s in services])

    if wanted == ALL_SERVICES and all_services:
        service, showing_all, sentence = None, True, "Showing all your services."
    elif wanted:
        service = next((s for s in services if str(s.public_id) == wanted), None)
        if service is None:
            raise Http404("No such service among yours")
        showing_all = False
        sentence = f"Showing {service.name}, the service you chose"
        sentence += f", where {attention.phrase(counts.get(service.pk, 0))}." if attention else "."
    elif not services:
        service, showing_all, sentence = None, False, "You do not work at any service."
    elif all_services and len(services) > 1:
        service, showing_all, sentence = None, True, "Showing all your services."
    else:
        # Most needing attention first; `max` keeps the first of equals, and `services` is by name.
        service = max(services, key=lambda s: counts.get(s.pk, 0))
        showing_all = False
        if attention is None:
            sentence = f"Showing {service.name}."
        elif len(services) > 1 and not counts.get(service.pk):
            sentence = (
                f"Showing {service.name}, the first of your services by name: "
                f"at every one of them, {attention.none}."
            )
        else:
            sentence = f"Showing {service.name}, where {attention.phrase(counts.get(service.pk, 0))}."

    def href(value: str) -> str:
        query = request.GET.copy()
        query.pop("page", None)
        query["service"] = value
        return "?" + query.urlencode()

    links = [(s.name, href(str(s.public_id))) for s in services if showing_all or s != service]
    if all_services and len(services) > 1 and not showing_all:
        links.append(("All my services", href(ALL_SERVICES)))
    return ServiceChoice(services, service, showing_all, sentence, links)


class PermissionView(View):
    """A view that needs one `rules` permission with no object."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonView(View):
    """Loads the person through the scoped query (unknown or out of scope → 404), then checks the
    permission against that person (not allowed → 403)."""

    permission: str = ""
    # What an access row says was looked at. Every page about a person that is shown writes one.
    audit_what: str = "Record"

    def dispatch(self, request, *args, **kwargs):
        from lived.core.audit import record_view
        from lived.people.models import Person

        queryset = Person.objects.visible_to(request.user).select_related("service", "key_worker", "user")
        self.person = get_object_or_404(queryset, public_id=kwargs["person_id"])
        if not request.user.has_perm(self.permission, self.person):
            raise PermissionDenied
        self.viewer_is_person = self.person.user_id == request.user.pk
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            record_view(actor=request.user, person=self.person, what=self.audit_what)
        return response

    def render(self, template: str, context: dict | None = None, status: int = 200):
        base = {"person": self.person, "viewer_is_person": self.viewer_is_person}
        return render(self.request, template, {**base, **(context or {})}, status=status)

    def conflict(self, error: StaleEdit, labels: dict[str, str], back_url: str):
        """The second saver sees both versions side by side; nothing is overwritten."""
        from lived.core.audit import record_change
        from lived.core.models import AuditEvent

        record_change(
            actor=self.request.user,
            action=AuditEvent.Action.CONFLICT,
            obj=error.current,
            person_public_id=self.person.public_id,
            what="A stale edit was refused",
        )
        rows = []
        for name, label in labels.items():
            saved = getattr(error.current, name, "")
            if hasattr(saved, "all"):
                saved = ", ".join(str(x) for x in saved.all())
            yours = error.submitted.get(name, "")
            if isinstance(yours, list | tuple) or hasattr(yours, "__iter__") and not isinstance(yours, str):
                yours = ", ".join(str(x) for x in yours)
            rows.append({"label": label, "saved": saved, "yours": yours, "differs": str(saved) != str(yours)})
        return self.render("core/conflict.jinja", {"rows": rows, "back_url": back_url}, status=409)


def page_not_found(request, exception=None):
    return render(request, "core/404.jinja", status=404)


def permission_denied(request, exception=None):
    return render(request, "core/403.jinja", status=403)


def server_error(request):
    from lived.core.db_down import UNAVAILABLE, try_again

    # Django calls this while handling the error (from a view or a middleware). If the database is
    # unreachable, the ordinary page would need it too: say "try again" (503) without it.
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return try_again(request)
    return render(request, "core/500.jinja", status=500)


def bad_request(request, exception=None):
    return render(request, "core/400.jinja", status=400)
