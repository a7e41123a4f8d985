"""Which of the user's services a page shows, and why: the one rule every service page follows.

It lives in organisations (not core) because it loads `Service`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from lived.organisations.models import Service


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
