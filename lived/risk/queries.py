"""Reads for risk, each scoped to a person or to people visible to the user. Query counts are constant
whatever the number of people or records (tests/risk/test_queries.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from lived.organisations.models import Service
from lived.risk.models import (
    Complaint,
    ComplaintTheme,
    Incident,
    RestrictivePractice,
    RiskPlan,
    SafeguardingConcern,
)


def last_incident_at(person) -> datetime.datetime | None:
    return Incident.objects.filter(person=person).aggregate(last=Max("occurred_at"))["last"]


def months_back(today: datetime.date, count: int = 12) -> list[datetime.date]:
    first = today.replace(day=1)
    months = []
    year, month = first.year, first.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _by_month(queryset, field: str, months) -> list[int]:
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


def service_trends(people, today: datetime.date) -> dict:
    """Counts by month for the last 12 months for these people (a visible_to queryset)."""
    months = months_back(today)
    incidents = Incident.objects.filter(person__in=people)
    start = months[0]
    theme_rows = (
        Complaint.objects.filter(person__in=people, kind=Complaint.Kind.COMPLAINT, received_on__gte=start)
        .annotate(month=TruncMonth("received_on"))
        .values("month", "themes__name")
        .annotate(n=Count("pk"))
    )
    themes: dict[str, dict] = defaultdict(dict)
    for row in theme_rows:
        if row["themes__name"] is None:
            continue
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        themes[row["themes__name"]][month.replace(day=1)] = row["n"]
    theme_order = [t.name for t in ComplaintTheme.objects.all()]
    return {
        "months": months,
        "incidents": _by_month(incidents, "occurred_at", months),
        "police": _by_month(incidents.filter(police_involved=True), "occurred_at", months),
        "restraint": _by_month(
            RestrictivePractice.objects.filter(person__in=people, type=RestrictivePractice.Type.PHYSICAL),
            "occurred_at",
            months,
        ),
        "restrictive": _by_month(
            RestrictivePractice.objects.filter(person__in=people), "occurred_at", months
        ),
        "safeguarding": _by_month(SafeguardingConcern.objects.filter(person__in=people), "raised_at", months),
        "themes": [
            (name, [themes[name].get(m, 0) for m in months]) for name in theme_order if name in themes
        ],
    }


def overdue_risk_plans(people, today: datetime.date) -> list[tuple[RiskPlan, str]]:
    plans = list(
        RiskPlan.objects.filter(person__in=people, archived_at__isnull=True, status=RiskPlan.Status.APPROVED)
        .select_related("person")
        .order_by("next_review_on")
    )
    last = dict(
        Incident.objects.filter(person__in=people)
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .values_list("person_id", "last")
    )
    due = []
    for plan in plans:
        state = plan.review_due(today, last.get(plan.person_id))
        if state:
            due.append((plan, state))
    return due


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
    first_day = today - datetime.timedelta(days=7 * weeks - 1)
    starts = [first_day + datetime.timedelta(days=7 * n) for n in range(weeks)]
    mornings, rest = [0] * weeks, [0] * weeks
    since = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    for occurred_at in person.incidents.filter(occurred_at__gte=since).values_list("occurred_at", flat=True):
        local = timezone.localtime(occurred_at)
        index = (local.date() - first_day).days // 7
        if 0 <= index < weeks:
            (mornings if local.time() < MORNING_ENDS else rest)[index] += 1
    return {"starts": starts, "mornings": mornings, "rest": rest}


def attention_by_service(people, today: datetime.date) -> dict[int, int]:
    """Per service: risk decisions due for review (as `overdue_risk_plans` decides) plus open
    safeguarding concerns, for these people. One aggregate query for every service."""
    incidents = Incident.objects.filter(person_id=OuterRef("person_id"))
    due = RiskPlan.objects.filter(
        person__in=people, archived_at__isnull=True, status=RiskPlan.Status.APPROVED
    ).filter(
        Q(next_review_on__lte=today)
        | Q(Exists(incidents), last_manager_review_at__isnull=True)
        | Q(Exists(incidents.filter(occurred_at__gt=OuterRef("last_manager_review_at"))))
    )
    concerns = SafeguardingConcern.objects.filter(person__in=people, closed_at__isnull=True)

    def per_service(rows):
        rows = rows.filter(person__service_id=OuterRef("pk")).order_by().values("person__service_id")
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)

    services = Service.objects.filter(pk__in=people.order_by().values("service_id"))
    rows = services.annotate(plans=per_service(due), concerns=per_service(concerns))
    return {r.pk: r.plans + r.concerns for r in rows}
