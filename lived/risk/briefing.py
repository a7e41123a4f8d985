"""What the shift briefing (lived.notes) shows from risk: the contract between the two apps. The
incidents come from lived.incidents (its `incident_lines`); this gathers them into the card's risk part.

`briefing_for(people, since)` returns, keyed by person.pk, what a worker coming on shift needs from
risk plans and incidents: incidents that happened or were recorded since `since`, each with when it
was recorded so the briefing can mark what its reader has not seen yet. It must use a constant number
of queries whatever the number of people. People with nothing to show may be left out of the dict.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.urls import reverse

from lived.incidents.briefing import IncidentLine, incident_lines
from lived.people.models import Person
from lived.risk.models import RiskPlan

__all__ = ["IncidentLine", "RiskBriefing", "StageLine", "briefing_for"]


@dataclass(frozen=True)
class StageLine:
    plan_title: str  # the person's goal, e.g. "Walking to the shop on my own"
    stage: str  # e.g. "Stage 2 of 3: Tom follows at a distance"
    check_in: str  # e.g. "Check-in call when Priya gets back" or ""
    url: str


@dataclass
class RiskBriefing:
    crisis_plan_url: str = ""  # empty when the person has no crisis plan yet
    stages: list[StageLine] = field(default_factory=list)
    incidents: list[IncidentLine] = field(default_factory=list)


def briefing_for(people: Sequence, since: datetime.datetime) -> dict[int, RiskBriefing]:
    """Three queries, whatever the number of people: crisis plans, approved plans, recent incidents."""
    by_pk = {p.pk: p for p in people}
    if not by_pk:
        return {}
    result: dict[int, RiskBriefing] = {}

    def entry(pk) -> RiskBriefing:
        return result.setdefault(pk, RiskBriefing())

    # Who has a crisis plan, through the person's own relation: lived.crisis sits above risk.
    with_plan = Person.objects.filter(pk__in=by_pk, crisis_plan__isnull=False).values_list("pk", flat=True)
    for person_id in with_plan:
        entry(person_id).crisis_plan_url = reverse("crisis:crisis_plan", args=[by_pk[person_id].public_id])
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
    for person_id, lines in incident_lines(by_pk, since).items():
        entry(person_id).incidents.extend(lines)
    return result
