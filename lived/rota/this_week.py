"""The person's picture of this week, from the published rota (C13): who is coming to each visit,
how many of the visits are with people they chose, and, for each preference the rota could not meet,
why in plain words ("On Tuesday, Tom is on leave, so Grace is coming.").

Only this person's rows are read. A worker on the person's not-to-send list is never named here,
and no reason is shown that names one or speaks of the list: the page is read by support workers,
who never learn who is on it (lived/rota/rules.py). Such a line is replaced by a plain one.

A visit counts as "with people you chose" when everyone coming is one of the workers the person
chose (a double-up with one chosen worker and one other does not count)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from lived.core.weeks import week_start
from lived.rota.models import (
    Assignment,
    NotToSend,
    PreferredWorker,
    RotaWeek,
    Shortfall,
    SupportSession,
    Uncovered,
)
from lived.rota.queries import short_names

SOMEONE = "someone from the team"
# Sentences that start with one of these words read on after "On Tuesday, " in lower case.
_LOWER_AFTER_DAY = {"The", "A", "An", "No", "Every", "Nobody", "Someone", "There"}


@dataclass
class Visit:
    session: SupportSession
    coming: list[str]  # first names of who is coming (a not-to-send worker as SOMEONE)
    chosen: bool  # everyone coming is someone the person chose
    missing: int = 0  # workers still to find (the rota could not cover it)
    reasons: list[str] = field(default_factory=list)  # why a preference was not met, plain words

    @property
    def day_text(self) -> str:
        d = self.session.date
        return f"{d:%A} {d.day} {d:%B}"


@dataclass
class ThisWeek:
    start: datetime.date
    published: bool
    has_choices: bool  # the person has chosen at least one worker
    visits: list[Visit]
    week_reasons: list[str]  # preferences about the whole week (a small team, last week's worker)
    label: str = "this week"  # or "next week": the person's page shows next week once it is published

    @property
    def total(self) -> int:
        return len(self.visits)

    @property
    def chosen_count(self) -> int:
        return sum(1 for v in self.visits if v.chosen)

    @property
    def uncovered_count(self) -> int:
        return sum(1 for v in self.visits if v.missing)

    def summary(self, *, you: bool, name: str) -> str:
        """One plain sentence: first person when the person reads it, third person for staff."""
        your, they = ("your", "you") if you else (f"{name}'s", "they")
        if not self.published:
            rota = f"{self.label.capitalize()}'s rota"
            return (
                f"{rota} is not ready yet. You will see who is coming here when it is."
                if you
                else f"{rota} is not published yet, so {name}'s visits are not shown."
            )
        if not self.total:
            return f"There are no visits for {'you' if you else name} on {self.label}'s rota."
        s = "s" if self.total != 1 else ""
        if not self.has_choices:
            chose = "You have" if you else f"{name} has"
            return f"{self.total} visit{s} {self.label}. {chose} not chosen anyone yet."
        if self.chosen_count == self.total:
            if self.total == 1:
                return f"{your.capitalize()} visit {self.label} is with someone {they} chose."
            return f"All {self.total} of {your} visits {self.label} are with people {they} chose."
        verb = "is" if self.chosen_count == 1 else "are"
        visits = f"{self.chosen_count} of {your} {self.total} visit{s} {self.label}"
        return f"{visits} {verb} with people {they} chose."


def _mentions(text: str, names: set[str]) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names if n)


def _on_day(session: SupportSession | None, reason: str) -> str:
    reason = reason.strip()
    if session is None or not reason:
        return reason
    first, _, rest = reason.partition(" ")
    if first in _LOWER_AFTER_DAY:
        reason = first.lower() + (" " + rest if rest else "")
    return f"On {session.date:%A} at {session.window_start:%H:%M}, {reason}"


def this_week(person, today: datetime.date, *, you: bool, weeks_ahead: int = 0) -> ThisWeek:
    """The person's visits on this week's published rotas (or, with `weeks_ahead`, a later week's),
    in time order. Six queries."""
    start = week_start(today) + datetime.timedelta(weeks=weeks_ahead)
    label = (
        "this week" if weeks_ahead == 0 else "next week" if weeks_ahead == 1 else f"the week of {start:%d %B}"
    )
    allocation_ids = list(
        RotaWeek.objects.filter(week_start=start, published__isnull=False).values_list(
            "published_id", flat=True
        )
    )
    chosen_ids = set(
        PreferredWorker.objects.filter(preferences__person=person).values_list("worker_id", flat=True)
    )
    if not allocation_ids:
        return ThisWeek(start, False, bool(chosen_ids), [], [], label)
    live = {
        "allocation_id__in": allocation_ids,
        "session__person": person,
        "session__status": SupportSession.Status.PLANNED,
        "session__archived_at__isnull": True,
    }
    assignments = list(
        Assignment.objects.filter(replaced_at__isnull=True, **live)
        .select_related("session", "worker")
        .order_by("session__date", "session__window_start", "session__pk", "pk")
    )
    uncovered = list(Uncovered.objects.filter(**live).select_related("session"))
    shortfalls = list(
        Shortfall.objects.filter(allocation_id__in=allocation_ids, person=person)
        .select_related("session", "instead")
        .order_by("session__date", "session__window_start", "pk")
    )
    barred = list(NotToSend.objects.filter(person=person, archived_at__isnull=True).select_related("worker"))
    barred_ids = {entry.worker_id for entry in barred}
    barred_names = {entry.worker.first_name for entry in barred} | {
        entry.worker.get_full_name() for entry in barred
    }
    names = short_names([a.worker for a in assignments])

    def plain(reason: str) -> str:
        if _mentions(reason, barred_names) or re.search(r"not[ -]to[ -]send", reason, re.IGNORECASE):
            return (
                "We could not arrange someone you chose for this visit."
                if you
                else f"We could not arrange someone {person.known_as} chose for this visit."
            )
        return reason

    visits: dict[int, Visit] = {}
    for assignment in assignments:
        session = assignment.session
        visit = visits.setdefault(session.pk, Visit(session, [], True))
        if assignment.worker_id in barred_ids:
            visit.coming.append(SOMEONE)
        else:
            visit.coming.append(names[assignment.worker_id])
        if assignment.worker_id not in chosen_ids:
            visit.chosen = False
    for gap in uncovered:
        visit = visits.setdefault(gap.session_id, Visit(gap.session, [], False))
        visit.missing = max(visit.missing, gap.missing)
        visit.chosen = visit.chosen and gap.missing == 0
    week_reasons = []
    for shortfall in shortfalls:
        line = plain(shortfall.reason)
        if shortfall.session_id is None:
            if line not in week_reasons:
                week_reasons.append(line)
        elif shortfall.session_id in visits:
            visit = visits[shortfall.session_id]
            line = _on_day(shortfall.session, line)
            if line not in visit.reasons:
                visit.reasons.append(line)
    ordered = sorted(visits.values(), key=lambda v: (v.session.date, v.session.window_start, v.session.pk))
    return ThisWeek(start, True, bool(chosen_ids), ordered, week_reasons, label)
