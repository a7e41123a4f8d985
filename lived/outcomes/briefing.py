"""What the shift briefing (lived.notes) shows from outcomes: the contract between the two apps.

`briefing_for(people, since)` returns, keyed by person.pk, short lines a worker coming on shift
should see (an open urgent alert, a questionnaire or health check due). Constant queries whatever
the number of people (three: open alerts, due schedules, health checks). People with nothing to show
may be left out of the dict.

Open urgent alerts are shown whatever `since` is: an alert stays on every briefing until someone
acknowledges it. An alert raised since `since` and already acknowledged is still shown, saying who
acknowledged it, so the next shift knows it happened. Alert lines carry when they were raised so the
briefing can mark what its reader has not seen yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lived.core.presenters import date_long, datetime_long
from lived.outcomes.measures import get_measure
from lived.outcomes.models import HealthCheck, MeasureSchedule, UrgentAlert
from lived.outcomes.queries import health_status


@dataclass(frozen=True)
class OutcomeLine:
    text: str  # e.g. "Urgent: PHQ-9 answer about self-harm on 3 March — see the crisis plan"
    url: str
    urgent: bool = False
    recorded_at: datetime.datetime | None = None  # when an alert was raised; None for what is due
    new_to_you: bool = False  # set by the briefing for its reader: raised since they last looked


@dataclass
class OutcomesBriefing:
    lines: list[OutcomeLine] = field(default_factory=list)


def briefing_for(people: Sequence, since: datetime.datetime) -> dict[int, OutcomesBriefing]:
    people = list(people)
    if not people:
        return {}
    by_pk = {p.pk: p for p in people}
    today = timezone.localdate()
    out: dict[int, OutcomesBriefing] = {}

    def add(person_pk, line):
        out.setdefault(person_pk, OutcomesBriefing()).lines.append(line)

    alerts = (
        UrgentAlert.objects.filter(person_id__in=by_pk)
        .filter(Q(acknowledged_at__isnull=True) | Q(created_at__gte=since))
        .select_related("response", "acknowledged_by")
        .order_by("-created_at")
    )
    for alert in alerts:
        person = by_pk[alert.person_id]
        measure = get_measure(alert.response.measure_code)
        answer = f"{measure.name} answer about self-harm on {date_long(alert.response.completed_on)}"
        if alert.is_open:
            text = f"Urgent: {answer}, not yet acknowledged. See the crisis plan."
        else:
            text = (
                f"{answer}, acknowledged by {alert.acknowledged_by.display_name} on "
                f"{datetime_long(alert.acknowledged_at)}. See the crisis plan."
            )
        add(
            alert.person_id,
            OutcomeLine(
                text=text,
                url=reverse("crisis:crisis_plan", args=[person.public_id]),
                urgent=alert.is_open,
                recorded_at=alert.created_at,
            ),
        )
    for schedule in MeasureSchedule.objects.filter(
        person_id__in=by_pk, archived_at__isnull=True, next_due__lte=today
    ):
        person = by_pk[schedule.person_id]
        measure = get_measure(schedule.measure_code)
        state = "overdue since" if schedule.next_due < today else "due"
        add(
            schedule.person_id,
            OutcomeLine(
                text=f"{measure.name if measure else schedule.measure_code} {state} "
                f"{date_long(schedule.next_due)}",
                url=reverse("outcomes:person_outcomes", args=[person.public_id]),
            ),
        )
    checks: dict[int, list] = {pk: [] for pk in by_pk}
    for check in HealthCheck.objects.filter(person_id__in=by_pk):
        checks[check.person_id].append(check)
    for pk, person in by_pk.items():
        status = health_status(person, checks[pk], today)
        if status.state in ("overdue", "due_soon"):
            when = "overdue since" if status.state == "overdue" else "due on"
            add(
                pk,
                OutcomeLine(
                    text=f"Annual physical health check {when} {date_long(status.due_on)}",
                    url=reverse("outcomes:person_outcomes", args=[person.public_id]),
                ),
            )
    return out
