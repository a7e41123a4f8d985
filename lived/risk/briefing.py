"""What the shift briefing (lived.notes) shows from risk: the contract between the two apps.

`briefing_for(people, since)` returns, keyed by person.pk, what a worker coming on shift needs from
risk plans and incidents: incidents that happened or were recorded since `since`, each with when it
was recorded so the briefing can mark what its reader has not seen yet. It must use a constant number
of queries whatever the number of people. People with nothing to show may be left out of the dict.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse


@dataclass(frozen=True)
class StageLine:
    plan_title: str  # the person's goal, e.g. "Walking to the shop on my own"
    stage: str  # e.g. "Stage 2 of 3: Tom follows at a distance"
    check_in: str  # e.g. "Check-in call when Priya gets back" or ""
    url: str


@dataclass(frozen=True)
class IncidentLine:
    occurred_at: datetime.datetime
    summary: str  # short: type and severity, e.g. "Distress in the kitchen (low)"
    url: str
    recorded_at: datetime.datetime | None = None  # when it was written in Lived
    new_to_you: bool = False  # set by the briefing for its reader: recorded since they last looked


@dataclass
class RiskBriefing:
    crisis_plan_url: str = ""  # empty when the person has no crisis plan yet
    stages: list[StageLine] = field(default_factory=list)
    incidents: list[IncidentLine] = field(default_factory=list)


def briefing_for(people: Sequence, since: datetime.datetime) -> dict[int, RiskBriefing]:
    """Three queries, whatever the number of people: crisis plans, approved plans, recent incidents."""
    from lived.risk.models import CrisisPlan, Incident, RiskPlan

    by_pk = {p.pk: p for p in people}
    if not by_pk:
        return {}
    result: dict[int, RiskBriefing] = {}

    def entry(pk) -> RiskBriefing:
        return result.setdefault(pk, RiskBriefing())

    for person_id in CrisisPlan.objects.filter(person_id__in=by_pk).values_list("person_id", flat=True):
        entry(person_id).crisis_plan_url = reverse("risk:crisis_plan", args=[by_pk[person_id].public_id])
    plans = RiskPlan.objects.filter(
        person_id__in=by_pk, status=RiskPlan.Status.APPROVED, archived_at__isnull=True
    ).order_by("created_at")
    for plan in plans:
        stage = plan.stage
        if stage is None:
            continue
        person = by_pk[plan.person_id]
        entry(plan.person_id).stages.append(
            StageLine(
                plan_title=plan.goal,
                stage=plan.stage_label(),
                check_in=stage.get("check_in", ""),
                url=reverse("risk:plan", args=[person.public_id, plan.public_id]),
            )
        )
    # What happened since, and what was written up since: an incident recorded this morning about
    # last week is news to the next shift too.
    incidents = Incident.objects.filter(
        Q(occurred_at__gte=since) | Q(created_at__gte=since), person_id__in=by_pk
    ).order_by("-occurred_at")
    for incident in incidents:
        person = by_pk[incident.person_id]
        entry(incident.person_id).incidents.append(
            IncidentLine(
                occurred_at=incident.occurred_at,
                summary=incident.summary(),
                url=reverse("risk:incident", args=[person.public_id, incident.public_id]),
                recorded_at=incident.created_at,
            )
        )
    return result
