"""Reads for incidents, restrictive practice and safeguarding, each scoped to a person or to people
visible to the user. Query counts are constant whatever the number of people or records
(tests/risk/test_views.py)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lived.core.weeks import RollingWeeks
from lived.incidents.models import Incident, RestrictivePractice, SafeguardingConcern


def last_incident_at(person) -> datetime.datetime | None:
    return Incident.objects.filter(person=person).aggregate(last=Max("occurred_at"))["last"]


def last_incident_by_person(people) -> dict[int, datetime.datetime]:
    """person pk → when their last incident happened, for these people (a visible_to queryset)."""
    return dict(
        Incident.objects.filter(person__in=people)
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .values_list("person_id", "last")
    )


def by_month(queryset, field: str, months) -> list[int]:
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    rows = (
        queryset.filter(**{f"{field}__gte": start})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[month.replace(day=1)] = row["n"]
    return [counts.get(m, 0) for m in months]


def monthly_trends(people, months: list[datetime.date]) -> dict[str, list[int]]:
    """Counts by month (`months`, oldest first) for these people (a visible_to queryset)."""
    incidents = Incident.objects.filter(person__in=people)
    return {
        "incidents": by_month(incidents, "occurred_at", months),
        "police": by_month(incidents.filter(police_involved=True), "occurred_at", months),
        "restraint": by_month(
            RestrictivePractice.objects.filter(person__in=people, type=RestrictivePractice.Type.PHYSICAL),
            "occurred_at",
            months,
        ),
        "restrictive": by_month(RestrictivePractice.objects.filter(person__in=people), "occurred_at", months),
        "safeguarding": by_month(SafeguardingConcern.objects.filter(person__in=people), "raised_at", months),
    }


def open_safeguarding(people):
    return SafeguardingConcern.objects.filter(person__in=people, closed_at__isnull=True).select_related(
        "person"
    )


def restrictive_register(people, limit: int = 50):
    return RestrictivePractice.objects.filter(person__in=people).select_related(
        "person", "authorised_by", "incident"
    )[:limit]


MORNING_ENDS = datetime.time(12, 0)


def weekly_incidents(person, today: datetime.date, weeks: int = 8) -> dict:
    """One person's incidents per week for the last `weeks` weeks, split into mornings (before noon,
    local time) and the rest of the day: scenario 2's "are mornings getting easier?". One query."""
    run = RollingWeeks(today, weeks)
    mornings, rest = run.zeros(), run.zeros()
    moments = person.incidents.filter(occurred_at__gte=run.since).values_list("occurred_at", flat=True)
    for occurred_at in moments:
        index = run.index(occurred_at)
        if index is not None:
            (mornings if timezone.localtime(occurred_at).time() < MORNING_ENDS else rest)[index] += 1
    return {"starts": run.starts, "mornings": mornings, "rest": rest}
