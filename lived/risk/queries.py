"""Reads for risk plans, each scoped to a person or to people visible to the user. Query counts are
constant whatever the number of people or records (tests/risk/test_views.py).

What the risk pages show of incidents, safeguarding and complaints, lived.incidents and
lived.complaints read (lived.risk.presenters asks them)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from lived.incidents.models import Incident, SafeguardingConcern
from lived.incidents.queries import last_incident_by_person
from lived.organisations.models import Service
from lived.risk.models import RiskPlan


def overdue_risk_plans(people, today: datetime.date) -> list[tuple[RiskPlan, str]]:
    plans = list(
        RiskPlan.objects.filter(person__in=people, archived_at__isnull=True, status=RiskPlan.Status.APPROVED)
        .select_related("person")
        .order_by("next_review_on")
    )
    last = last_incident_by_person(people)
    due = []
    for plan in plans:
        state = plan.review_due(today, last.get(plan.person_id))
        if state:
            due.append((plan, state))
    return due


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
