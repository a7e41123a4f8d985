"""What the shift briefing (lived.notes) shows from outcomes: the contract between the two apps.

`briefing_for(people, since)` returns, keyed by person.pk, short lines a worker coming on shift
should see (an open urgent alert, a questionnaire or health check due). Constant queries whatever
the number of people. People with nothing to show may be left out of the dict.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutcomeLine:
    text: str  # e.g. "Urgent: PHQ-9 answer about self-harm on 3 March — see the crisis plan"
    url: str
    urgent: bool = False


@dataclass
class OutcomesBriefing:
    lines: list[OutcomeLine] = field(default_factory=list)


def briefing_for(people: Sequence, since: datetime.datetime) -> dict[int, OutcomesBriefing]:
    return {}
