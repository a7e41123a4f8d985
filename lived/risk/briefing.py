"""What the shift briefing (lived.notes) shows from risk: the contract between the two apps.

`briefing_for(people, since)` returns, keyed by person.pk, what a worker coming on shift needs from
risk plans and incidents. It must use a constant number of queries whatever the number of people.
People with nothing to show may be left out of the dict.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field


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


@dataclass
class RiskBriefing:
    crisis_plan_url: str = ""  # empty when the person has no crisis plan yet
    stages: list[StageLine] = field(default_factory=list)
    incidents: list[IncidentLine] = field(default_factory=list)


def briefing_for(people: Sequence, since: datetime.datetime) -> dict[int, RiskBriefing]:
    return {}
