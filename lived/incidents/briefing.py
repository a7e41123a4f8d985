"""What the shift briefing shows from incidents (through lived.risk.briefing, which gathers the risk
parts of a briefing card): incidents that happened or were recorded since `since`, each with when it
was recorded so the briefing can mark what its reader has not seen yet. One query whatever the number
of people."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from lived.incidents.models import Incident


@dataclass(frozen=True)
class IncidentLine:
    occurred_at: datetime.datetime
    summary: str  # short: type and severity, e.g. "Distress in the kitchen (low)"
    url: str
    recorded_at: datetime.datetime | None = None  # when it was written in Lived
    new_to_you: bool = False  # set by the briefing for its reader: recorded since they last looked


def incident_lines(by_pk: Mapping, since: datetime.datetime) -> dict[int, list[IncidentLine]]:
    """person pk → their incidents since `since`, newest first, for the people in `by_pk` (pk → person)."""
    lines: dict[int, list[IncidentLine]] = {}
    # What happened since, and what was written up since: an incident recorded this morning about
    # last week is news to the next shift too.
    incidents = Incident.objects.filter(
        Q(occurred_at__gte=since) | Q(created_at__gte=since), person_id__in=by_pk
    ).order_by("-occurred_at")
    for incident in incidents:
        person = by_pk[incident.person_id]
        lines.setdefault(incident.person_id, []).append(
            IncidentLine(
                occurred_at=incident.occurred_at,
                summary=incident.summary(),
                url=reverse("incidents:incident", args=[person.public_id, incident.public_id]),
                recorded_at=incident.created_at,
            )
        )
    return lines
