"""Find a person by name or NHS number, for a picker: `GET /people/search/?q=…`.

A small fragment, not a page: the NHS.UK checkboxes for the people who match (at most
`MAX_RESULTS`), after the ones already ticked (`chosen`), so a form can swap its list of people for
it as the user types (lived/static/lived/person-picker.js). Only people the user may see
(`Person.objects.visible_to`), optionally at one service; everyone shown gets an access row, as in
the people search. Forms that use it work without JavaScript too: they search on the server with
the same `PersonQuerySet.matching`, always on `visible_to(user)`."""

from __future__ import annotations

import re
import uuid

from django.shortcuts import render

from lived.core.access import Seen, record_list_views
from lived.core.views import PermissionView
from lived.people.models import Person

MAX_RESULTS = 20
MAX_CHOSEN = 200
FIELD_NAME = re.compile(r"^[a-z][a-z_]{0,29}$")


def uuids(values) -> list[uuid.UUID]:
    """The values that are public ids; anything else is ignored (never a 500)."""
    out = []
    for value in values:
        try:
            out.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return out


def search_people(people, query: str, *, chosen=(), limit: int = MAX_RESULTS):
    """(chosen, matches, more): the chosen people still in `people`; up to `limit` others matching
    `query` (none for an empty query); whether more matched. Two queries at most."""
    chosen_ids = uuids(chosen)[:MAX_CHOSEN]
    picked = list(people.filter(public_id__in=chosen_ids).select_related("service")) if chosen_ids else []
    matches, more = [], False
    query = (query or "").strip()[:100]
    if query:
        found = list(
            people.matching(query)
            .exclude(public_id__in=chosen_ids)
            .select_related("service")
            .order_by("family_name", "given_name", "pk")[: limit + 1]
        )
        matches, more = found[:limit], len(found) > limit
    return picked, matches, more


def checkbox_items(picked, matches) -> list[dict]:
    return [
        {"value": str(p.public_id), "text": f"{p.name} ({p.service.name})", "checked": checked}
        for people, checked in ((picked, True), (matches, False))
        for p in people
    ]


class PersonSearch(PermissionView):
    permission = "people.list_people"

    def get(self, request):
        from lived.organisations.models import Service

        people = Person.objects.visible_to(request.user).active()
        service_id = uuids([request.GET.get("service", "")])
        if service_id:
            people = people.filter(service__in=Service.objects.filter(public_id=service_id[0]))
        query = request.GET.get("q", "")
        picked, matches, more = search_people(people, query, chosen=request.GET.getlist("chosen"))
        name = request.GET.get("name", "")
        response = render(
            request,
            "people/search_results.jinja",
            {
                "name": name if FIELD_NAME.match(name) else "people",
                "items": checkbox_items(picked, matches),
                "query": query.strip()[:100],
                "found": len(matches),
                "more": more,
            },
        )
        record_list_views(
            actor=request.user,
            page="people_search",
            seen=[Seen(person=p, parts=["name"]) for p in [*picked, *matches]],
        )
        return response
