"""Scoped reads for outcomes. Person pages read through the person already reached by PersonView;
service pages start from `Person.objects.visible_to(user)`. Constant queries whatever the caseload."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from lived.core.conf import lived_settings
from lived.outcomes.measures import MEASURES
from lived.outcomes.models import (
    HealthCheck,
    HealthFollowUp,
    MeasureResponse,
    MeasureSchedule,
    OutcomeGroup,
    SelfRating,
    SelfRatingScale,
    UrgentAlert,
    one_year_after,
)
from lived.people.models import Person


def due_soon_days() -> int:
    return lived_settings().health_check_due_soon_days


def visible_people(user, service_ids=None) -> QuerySet[Person]:
    people = Person.objects.visible_to(user).active()
    if service_ids is not None:
        people = people.filter(service_id__in=service_ids)
    return people


def staff_service_ids(user) -> set[int]:
    return set(user.care_service_ids()) if user.is_authenticated else set()


# --- health check status ----------------------------------------------------------------------------


@dataclass
class HealthStatus:
    person: Person
    last_complete: datetime.date | None
    due_on: datetime.date | None  # None: never had a complete check (due now)
    state: str  # "overdue", "due_soon", "up_to_date", "none"

    @property
    def label(self) -> str:
        return {
            "overdue": "Overdue",
            "due_soon": "Due soon",
            "up_to_date": "Up to date",
            "none": "No complete check recorded",
        }[self.state]


def latest_parts(checks) -> list[tuple[str, HealthCheck | None]]:
    """For each part of the annual check, the latest check that recorded it (each part has its own
    date and who did it: bloods at the GP and weight at home may be weeks apart)."""
    ordered = sorted(checks, key=lambda c: (c.checked_on, c.pk or 0), reverse=True)
    return [(part, next((c for c in ordered if c.has_part(part)), None)) for part in HealthCheck.PARTS]


def health_status(person, checks, today: datetime.date) -> HealthStatus:
    """The annual check is complete when every part has been recorded; it is due again 12 months
    after the oldest of those latest parts (for one full check on one day: 12 months after it).
    "Due soon" within 30 days (setting)."""
    parts = latest_parts(checks)
    if any(check is None for _, check in parts):
        return HealthStatus(person, None, None, "none")
    last = min(check.checked_on for _, check in parts)
    due = one_year_after(last)
    if due < today:
        state = "overdue"
    elif due <= today + datetime.timedelta(days=due_soon_days()):
        state = "due_soon"
    else:
        state = "up_to_date"
    return HealthStatus(person, last, due, state)


def service_health_statuses(people: QuerySet[Person], today: datetime.date) -> list[HealthStatus]:
    """Two queries: the people, and every health check of theirs."""
    people_list = list(
        people.select_related("service", "key_worker").order_by("service__name", "family_name")
    )
    by_person: dict[int, list] = {p.pk: [] for p in people_list}
    for check in HealthCheck.objects.filter(person__in=people):
        by_person[check.person_id].append(check)
    return [health_status(p, by_person[p.pk], today) for p in people_list]


def open_alerts(people: QuerySet[Person]) -> QuerySet[UrgentAlert]:
    return (
        UrgentAlert.objects.filter(person__in=people, acknowledged_at__isnull=True)
        .select_related("person__service", "person__key_worker", "response")
        .order_by("created_at")
    )


def due_schedules(people: QuerySet[Person], today: datetime.date) -> QuerySet[MeasureSchedule]:
    return (
        MeasureSchedule.objects.filter(person__in=people, archived_at__isnull=True, next_due__lte=today)
        .select_related("person__service")
        .order_by("next_due", "pk")
    )


def open_follow_ups(people: QuerySet[Person]) -> QuerySet[HealthFollowUp]:
    return (
        HealthFollowUp.objects.filter(person__in=people, status=HealthFollowUp.Status.OPEN)
        .select_related("person__service", "owner")
        .order_by("due_on", "pk")
    )


def groups_for(user) -> QuerySet[OutcomeGroup]:
    return OutcomeGroup.objects.filter(
        service_id__in=staff_service_ids(user), archived_at__isnull=True
    ).select_related("service")


def scales_for_service(service_id) -> QuerySet[SelfRatingScale]:
    return SelfRatingScale.objects.filter(service_id=service_id, archived_at__isnull=True)


# --- group comparisons ------------------------------------------------------------------------------


@dataclass
class DomainComparison:
    name: str
    n: int
    mean_start: float | None
    mean_end: float | None
    higher_is_better: bool

    @property
    def percent_change(self) -> float | None:
        if self.mean_start in (None, 0) or self.mean_end is None:
            return None
        return round((self.mean_end - self.mean_start) / self.mean_start * 100, 1)

    @property
    def direction(self) -> str:
        if self.mean_start is None or self.mean_end is None or self.mean_end == self.mean_start:
            return "No change"
        better = (self.mean_end > self.mean_start) == self.higher_is_better
        return "Better" if better else "Worse"


def _start_end(values: list[tuple[datetime.date, float]]):
    values.sort(key=lambda v: v[0])
    return values[0][1], values[-1][1]


def group_comparison(group: OutcomeGroup, members: list[Person]) -> list[DomainComparison]:
    """For each self-rating scale of the group's service and each measure, the people with a value at
    the start and a later one by the end of the group's dates: n, mean at start, mean at end. A
    person's start is their first value in the period, their end their last (they need two)."""
    member_ids = [m.pk for m in members]
    ratings: dict[tuple[int, int], list] = {}
    scales = {}
    for rating in SelfRating.objects.filter(
        person_id__in=member_ids, rated_on__gte=group.starts_on, rated_on__lte=group.ends_on
    ).select_related("scale"):
        scales[rating.scale_id] = rating.scale
        ratings.setdefault((rating.scale_id, rating.person_id), []).append((rating.rated_on, rating.value))
    measures: dict[tuple[str, int], list] = {}
    for response in MeasureResponse.objects.filter(
        person_id__in=member_ids, completed_on__gte=group.starts_on, completed_on__lte=group.ends_on
    ):
        measures.setdefault((response.measure_code, response.person_id), []).append(
            (response.completed_on, float(response.total))
        )
    out = []
    for scale in sorted(scales.values(), key=lambda s: s.name):
        pairs = [_start_end(v) for (sid, _), v in ratings.items() if sid == scale.pk and len(v) >= 2]
        out.append(_compare(scale.name, pairs, scale.higher_is_better))
    for code, measure in MEASURES.items():
        pairs = [_start_end(v) for (c, _), v in measures.items() if c == code and len(v) >= 2]
        if pairs:
            out.append(_compare(measure.name, pairs, measure.higher_is_better))
    return out


def _compare(name, pairs, higher_is_better) -> DomainComparison:
    if not pairs:
        return DomainComparison(name, 0, None, None, higher_is_better)
    n = len(pairs)
    return DomainComparison(
        name,
        n,
        round(sum(p[0] for p in pairs) / n, 2),
        round(sum(p[1] for p in pairs) / n, 2),
        higher_is_better,
    )


def due_for_person(person, today: datetime.date) -> list[MeasureSchedule]:
    """Questionnaires due today or overdue for one person (for a prompt on /me/). One query."""
    return list(
        MeasureSchedule.objects.filter(person=person, archived_at__isnull=True, next_due__lte=today).order_by(
            "next_due"
        )
    )
