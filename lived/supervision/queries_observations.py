"""Reads for observations of practice. An observation is read only through `visible_observations(user)`:
the worker it is about, and seniors and managers at its service. Anyone else gets nothing, so its page
is a 404 for them. The roll-ups count in the database: a fixed number of queries however many
observations there are (tests/supervision/test_observations.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from lived.accounts.models import SENIORS, WRITERS, User
from lived.supervision.models_observations import Observation

F = Observation.Followed
QUARTERS_SHOWN = 5  # this quarter and the four before it: a year's change, and this year's to date


def visible_observations(user):
    """Every observation the user may open: about them, or at a service where they are a senior or
    manager."""
    if not user.is_authenticated:
        return Observation.objects.none()
    return Observation.objects.filter(Q(worker=user) | Q(service_id__in=user.service_ids_with(*SENIORS)))


def observation_for(user, public_id) -> Observation | None:
    return (
        visible_observations(user)
        .filter(public_id=public_id)
        .select_related("service", "person", "observer", "worker", "routine", "action", "plan_version")
        .first()
    )


def observations_about(user) -> list[Observation]:
    """Observations of the user's own practice, newest first."""
    return list(
        visible_observations(user)
        .filter(worker=user)
        .select_related("person", "observer")
        .order_by("-observed_on")
    )


def observations_at(user, service, since: datetime.date) -> list[Observation]:
    """The observations at the service since `since` that the user may open, newest first. One query."""
    return list(
        visible_observations(user)
        .filter(service=service, observed_on__gte=since)
        .select_related("person", "observer", "worker")
        .order_by("-observed_on", "-pk")
    )


def workers_at(service_id: int, *, besides) -> list[User]:
    """Who could be observed at the service: everyone who supports people there, except `besides`."""
    return list(
        User.objects.filter(
            service_roles__service_id=service_id, service_roles__role__in=WRITERS, is_active=True
        )
        .exclude(pk=besides.pk)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters_back(today: datetime.date, count: int = QUARTERS_SHOWN) -> list[datetime.date]:
    """The first day of each of the last `count` quarters, oldest first, ending with this one."""
    starts = [quarter_start(today)]
    for _ in range(count - 1):
        first = starts[-1]
        starts.append(datetime.date(first.year - (first.month == 1), (first.month - 4) % 12 + 1, 1))
    return list(reversed(starts))


def quarter_label(start: datetime.date) -> str:
    return f"{start:%B} to {datetime.date(start.year, start.month + 2, 1):%B %Y}"


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Tally:
    """Observations in one quarter, or of one routine or action, and how many went as agreed."""

    label: str
    observed: int
    followed: int
    routines: int = 0
    routines_followed: int = 0
    choices: int = 0
    consent: int = 0
    is_routine: bool = True

    @property
    def followed_share(self) -> int | None:
        return _share(self.followed, self.observed)

    @property
    def routines_share(self) -> int | None:
        return _share(self.routines_followed, self.routines)

    @property
    def choices_share(self) -> int | None:
        return _share(self.choices, self.observed)

    @property
    def consent_share(self) -> int | None:
        return _share(self.consent, self.observed)


@dataclass(frozen=True)
class ObservationRollup:
    quarters: list[Tally]  # oldest first, this quarter last
    parts: list[Tally]  # each routine or action observed over the quarters shown, most observed first

    @property
    def this_quarter(self) -> Tally:
        return self.quarters[-1]

    @property
    def last_quarter(self) -> Tally:
        return self.quarters[-2]


def observation_rollup(service, today: datetime.date) -> ObservationRollup:
    """Per quarter: observations at the service, how many were followed as agreed (routines on their
    own too), choices offered and consent checked; and per routine or action (by its key, so one
    routine across plan versions). Two queries, however many observations."""
    starts = quarters_back(today)
    at_service = Observation.objects.filter(service=service, observed_on__gte=starts[0])
    per_quarter = {}
    rows = at_service.values("observed_on__year", "observed_on__quarter").annotate(
        observed=Count("pk"),
        followed=Count("pk", filter=Q(followed_as_agreed=True)),
        routines=Count("pk", filter=Q(routine__isnull=False)),
        routines_followed=Count("pk", filter=Q(routine__isnull=False, followed_as_agreed=True)),
        choices=Count("pk", filter=Q(choices_offered=F.YES)),
        consent=Count("pk", filter=Q(consent_checked=F.YES)),
    )
    for row in rows:
        year, quarter = row.pop("observed_on__year"), row.pop("observed_on__quarter")
        per_quarter[datetime.date(year, 3 * quarter - 2, 1)] = row
    quarters = [
        Tally(label=quarter_label(start), **per_quarter.get(start, {"observed": 0, "followed": 0}))
        for start in starts
    ]
    part_rows = (
        at_service.values("part_key")
        .annotate(
            name=Max("part_name"),
            is_routine=Count("pk", filter=Q(routine__isnull=False)),
            observed=Count("pk"),
            followed=Count("pk", filter=Q(followed_as_agreed=True)),
            choices=Count("pk", filter=Q(choices_offered=F.YES)),
            consent=Count("pk", filter=Q(consent_checked=F.YES)),
        )
        .order_by("-observed", "name")
    )
    parts = [
        Tally(
            label=row["name"],
            observed=row["observed"],
            followed=row["followed"],
            choices=row["choices"],
            consent=row["consent"],
            is_routine=bool(row["is_routine"]),
        )
        for row in part_rows
    ]
    return ObservationRollup(quarters, parts)
