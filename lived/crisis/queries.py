"""People without a crisis plan, most in need of one first, each with the reasons in words.

What puts a person near the top, most weight first: being unwell now (their advance sharing wishes
are in force), crises and restrictive practice in the last 90 days, any incident in those 90 days, an
approved risk plan, advance sharing wishes written. One query whatever the number of people.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lived.incidents.models import Incident, RestrictivePractice
from lived.people.models import AdvanceSharingWishes
from lived.risk.models import RiskPlan

RECENT_DAYS = 90
INCIDENTS_COUNTED = 5

# How much each reason counts towards the order of the list.
WEIGHTS = {
    "unwell_now": 40,
    "crises": 20,
    "restrictive": 20,
    # Every incident, up to INCIDENTS_COUNTED of them: many low-level incidents must not outrank being
    # unwell now. Crises and restrictive practice count again on top, without a limit.
    "incidents": 3,
    "approved_plans": 5,
    "wishes_written": 3,
}


@dataclass(frozen=True)
class Gap:
    person: object
    incidents: int  # in the last RECENT_DAYS days
    crises: int
    restrictive: int  # incidents with a restrictive practice
    restraint: int  # of those, physical restraint
    approved_plans: int
    wishes_written: bool
    unwell_now: bool

    @property
    def score(self) -> int:
        return (
            WEIGHTS["unwell_now"] * self.unwell_now
            + WEIGHTS["crises"] * self.crises
            + WEIGHTS["restrictive"] * self.restrictive
            + WEIGHTS["incidents"] * min(self.incidents, INCIDENTS_COUNTED)
            + WEIGHTS["approved_plans"] * self.approved_plans
            + WEIGHTS["wishes_written"] * (self.wishes_written and not self.unwell_now)
        )

    @property
    def reasons(self) -> str:
        """Why the person is on the list, e.g. "2 incidents in the last 90 days, one with restraint;
        unwell now (advance sharing wishes in force)"."""
        parts = []
        if self.incidents:
            words = [f"{_plural(self.incidents, 'incident')} in the last {RECENT_DAYS} days"]
            for n, phrases in (
                (self.crises, CRISIS_WORDS),
                (self.restraint, RESTRAINT_WORDS),
                (self.restrictive - self.restraint, RESTRICTIVE_WORDS),
            ):
                if n:
                    words.append(_share(n, self.incidents, phrases))
            parts.append(", ".join(words))
        if self.unwell_now:
            parts.append("unwell now (advance sharing wishes in force)")
        elif self.wishes_written:
            parts.append("advance sharing wishes written")
        if self.approved_plans:
            parts.append(_plural(self.approved_plans, "approved risk plan"))
        if not parts:
            return f"Nothing recorded in the last {RECENT_DAYS} days that puts them higher on the list"
        text = "; ".join(parts)
        return text[0].upper() + text[1:]


# How to say that some of the incidents were of a kind: (the only incident, one of several, some of
# several, all of several), with {n} for how many and {all} for "both" or "all 3".
CRISIS_WORDS = ("a crisis", "one of them a crisis", "{n} of them crises", "{all} crises")
RESTRAINT_WORDS = ("with restraint", "one with restraint", "{n} with restraint", "{all} with restraint")
RESTRICTIVE_WORDS = (
    "with a restrictive practice",
    "one with a restrictive practice",
    "{n} with restrictive practices",
    "{all} with restrictive practices",
)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _share(n: int, total: int, phrases: tuple[str, str, str, str]) -> str:
    only, one, some, every = phrases
    if total == 1:
        return only
    if n >= total:
        return every.format(all="both" if total == 2 else f"all {total}")
    return one if n == 1 else some.format(n=n)


def _per_person(queryset):
    """A count per person from `queryset`, for use as a subquery (0 when there are none)."""
    counted = queryset.filter(person=OuterRef("pk")).order_by().values("person").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def people_without_crisis_plan(people, *, now: datetime.datetime | None = None) -> list[Gap]:
    """People in `people` (a visible_to queryset) with no crisis plan, most in need of one first, then
    by name. One query."""
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_DAYS)
    recent = Incident.objects.filter(occurred_at__gte=since)
    crisis = Q(is_crisis=True) | Q(type=Incident.Type.CRISIS)
    practices = RestrictivePractice.objects.filter(incident__occurred_at__gte=since)
    wishes = AdvanceSharingWishes.objects.filter(person=OuterRef("pk"))
    rows = (
        people.filter(crisis_plan__isnull=True)
        .select_related("service")
        .annotate(
            n_incidents=_per_person(recent),
            n_crises=_per_person(recent.filter(crisis)),
            n_restrictive=_per_person(practices),
            n_restraint=_per_person(practices.filter(type=RestrictivePractice.Type.PHYSICAL)),
            n_approved=_per_person(
                RiskPlan.objects.filter(status=RiskPlan.Status.APPROVED, archived_at__isnull=True)
            ),
            wishes_written=Exists(wishes.exclude(statement="")),
            unwell_now=Exists(wishes.filter(in_force=True)),
        )
    )
    gaps = [
        Gap(
            person=p,
            incidents=p.n_incidents,
            crises=p.n_crises,
            restrictive=p.n_restrictive,
            restraint=p.n_restraint,
            approved_plans=p.n_approved,
            wishes_written=p.wishes_written,
            unwell_now=p.unwell_now,
        )
        for p in rows
    ]
    return sorted(gaps, key=lambda g: (-g.score, g.person.family_name, g.person.given_name, g.person.pk))


def count_by_service(people) -> dict[int, int]:
    """People with no crisis plan, per service: for the service chooser. One query."""
    rows = people.filter(crisis_plan__isnull=True).values("service_id").annotate(n=Count("pk")).order_by()
    return {r["service_id"]: r["n"] for r in rows}
