"""Find a person by name or NHS number, for a picker: `GET /people/search/?q=…`.

A small fragment, not a page: the NHS.UK checkboxes for the people who match (at most
`SEARCH_MAX_RESULTS`), after the ones already ticked (`chosen`), so a form can swap its list of people for
it as the user types (lived/static/lived/person-picker.js). Only people the user may see
(`Person.objects.visible_to`), optionally at one service; everyone shown gets an access row, as in
the people search. Forms that use it work without JavaScript too: they search on the server with
the same `PersonQuerySet.matching`, always on `visible_to(user)`. The search rule itself (what matches,
the ticked ones kept, order and limits) is `lived.people.queries.search_people`."""

from __future__ import annotations

import re

from django.shortcuts import render

from lived.core.access import Seen, record_list_views
from lived.core.permissions import PermissionView
from lived.people.models import Person
from lived.people.queries import at_service, search_people, search_text

FIELD_NAME = re.compile(r"^[a-z][a-z_]{0,29}$")


def checkbox_items(picked, matches) -> list[dict]:
    return [
        {"value": str(p.public_id), "text": f"{p.name} ({p.service.name})", "checked": checked}
        for people, checked in ((picked, True), (matches, False))
        for p in people
    ]


class PersonSearch(PermissionView):
    permission = "people.list_people"

    def get(self, request):
        people = at_service(Person.objects.visible_to(request.user).active(), request.GET.get("service", ""))
        query = request.GET.get("q", "")
        picked, matches, more = search_people(people, query, chosen=request.GET.getlist("chosen"))
        name = request.GET.get("name", "")
        response = render(
            request,
            "people/search_results.jinja",
            {
                "name": name if FIELD_NAME.match(name) else "people",
                "items": checkbox_items(picked, matches),
                "query": search_text(query),
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
