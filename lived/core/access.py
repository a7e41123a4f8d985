"""Access rows for pages that show many people at once: the shift briefing and the people list.

A page about one person writes its access row through `PersonView` (`record_view`). A page that
shows many people writes one row per person actually shown, in one insert, and says which parts of
that person's record were on the page, so "who has looked at my record" is complete and plain.
See docs/adr/0012-access-rows-for-lists-and-briefings.md.

Repeats are folded: the same viewer seeing the same parts of the same person on the same kind of
page again within the same clock hour writes no new row. Each distinct hour stays visible.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from lived.core.audit import _describe
from lived.core.models import AuditEvent

# The kinds of page, by code: (the audit trail's label, where the person is told they were seen).
PAGES = {
    "briefing": ("Shift briefing", "in the shift briefing"),
    "briefing_agency": ("Summary for agency and new staff", "in the summary for agency and new staff"),
    "people_list": ("People list", "in the list of people we support"),
    "people_search": ("People search", "in a search for people"),
}

# The parts of a record a list page can show, in the order they are told:
# (the audit trail's label, said to the person, said to staff with {name} for the person's name).
PARTS = {
    "name": ("name", "your name", "{name}'s name"),
    "nhs_number": ("NHS number", "your NHS number", "{name}'s NHS number"),
    "age": ("age", "your age", "{name}'s age"),
    "communication": ("communication", "how you communicate", "how {name} communicates"),
    "handover": ("handover", "the handover about you", "the handover about {name}"),
    "risk_plan": ("risk plan stage", "where you are in your risk plan", "where {name} is in their risk plan"),
    "incidents": ("incidents", "recent incidents involving you", "recent incidents involving {name}"),
    "outcomes": (
        "outcomes due",
        "what is due or urgent from your questionnaires and health checks",
        "what is due or urgent from {name}'s questionnaires and health checks",
    ),
    "plan_changed": (
        "plan changed",
        "that your support plan has changed",
        "that {name}'s support plan has changed",
    ),
    "reviews": ("reviews due", "your reviews that are due", "{name}'s reviews that are due"),
    "prompt_cards": ("prompt cards", "your prompt cards", "{name}'s prompt cards"),
    "crisis_plan_link": (
        "crisis plan link",
        "the link to your crisis plan",
        "the link to {name}'s crisis plan",
    ),
}


@dataclass
class Seen:
    """What one page showed of one person: part codes from PARTS and the names of routines shown."""

    person: object
    parts: list[str] = field(default_factory=list)
    routines: list[str] = field(default_factory=list)

    def summary(self, page: str) -> str:
        """The audit trail's words, e.g. "Shift briefing: morning support agreement, handover"."""
        labels = [name.lower() for name in self.routines] + [PARTS[p][0] for p in self.ordered_parts()]
        return f"{PAGES[page][0]}: {', '.join(labels)}"[:200]

    def ordered_parts(self) -> list[str]:
        return [code for code in PARTS if code in self.parts]


def seen_in_people_list(person) -> Seen:
    """What a row of people/list.jinja shows of a person: their name, and NHS number and age if known."""
    parts = ["name"]
    if person.nhs_number:
        parts.append("nhs_number")
    if person.date_of_birth:
        parts.append("age")
    return Seen(person=person, parts=parts)


def _window_start(moment: datetime.datetime) -> datetime.datetime:
    """The start of the clock hour: the folding window (see the ADR for why an hour)."""
    return timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)


def record_list_views(*, actor, page: str, seen: Iterable[Seen]) -> list[AuditEvent]:
    """One access row for each person shown on a list page, saying what of theirs was shown.

    Two queries whatever the number of people (one when everyone was already recorded this hour, none
    when no one was shown): which of them this viewer already saw the same way this hour, then one
    bulk insert of the rest. Rows are only ever inserted, like every audit row."""
    if page not in PAGES:
        raise ValueError(f"Unknown kind of page: {page}")
    wanted = {}
    for item in seen:
        unknown = set(item.parts) - set(PARTS)
        if unknown:
            raise ValueError(f"Unknown parts of a record: {sorted(unknown)}")
        wanted[item.person.public_id] = (item, item.summary(page))
    if not wanted:
        return []
    already = set(
        AuditEvent.objects.filter(
            actor=actor,
            action=AuditEvent.Action.VIEW,
            person_public_id__in=list(wanted),
            at__gte=_window_start(timezone.now()),
        ).values_list("person_public_id", "what")
    )
    description = _describe(actor)
    rows = [
        AuditEvent(
            actor=actor,
            actor_description=description,
            action=AuditEvent.Action.VIEW,
            object_type=item.person._meta.label,
            object_public_id=public_id,
            person_public_id=public_id,
            what=what,
            # For a view row, `after` is what the page showed: the words "who has looked" uses.
            after={"page": page, "parts": item.ordered_parts(), "routines": list(item.routines)},
        )
        for public_id, (item, what) in wanted.items()
        if (public_id, what) not in already
    ]
    return AuditEvent.objects.bulk_create(rows) if rows else []


def _join(things: list[str]) -> str:
    return things[0] if len(things) == 1 else f"{', '.join(things[:-1])} and {things[-1]}"


def when_in_words(value: datetime.datetime) -> str:
    """Words like "Tuesday 1 December at 07:12"; the year is said only when it is not this year."""
    local = timezone.localtime(value)
    year = "" if local.year == timezone.localdate().year else f" {local.year}"
    return f"{local:%A} {local.day} {local:%B}{year} at {local:%H:%M}"


def describe_access(event: AuditEvent, *, person, to_person: bool) -> str:
    """One access row as a plain sentence for "who has looked": to the person ("your morning routine")
    or to staff ("Sam's morning routine"). Rows from pages about one person name the page."""
    own = to_person and event.actor_id is not None and event.actor_id == person.user_id
    who = "You" if own else event.actor_description
    whose = "your" if to_person else f"{person.known_as}'s"
    when = when_in_words(event.at)
    shown = event.after if isinstance(event.after, dict) else {}
    if shown.get("page") not in PAGES:
        return f"{who} opened a page of {whose} record, “{event.what}”, on {when}."
    column = 1 if to_person else 2
    parts = [code for code in PARTS if code in shown.get("parts", [])] or ["name"]
    things = [f"{whose} {name.lower()}" for name in shown.get("routines", [])]
    things += [PARTS[code][column].format(name=person.known_as) for code in parts]
    return f"{who} saw {_join(things)} {PAGES[shown['page']][1]} on {when}."
