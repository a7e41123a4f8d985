"""Reviews for tests: a plan the person has agreed, built through lived.plans.services, and a frozen
clock, shared by the reviews and jobs tests."""

import datetime
import zoneinfo

import time_machine

from lived.plans import services as plan_services
from lived.plans.models import Action, Outcome

LONDON = zoneinfo.ZoneInfo("Europe/London")


# A Monday in winter (GMT), so local dates and UTC agree.
AGREED_ON = datetime.date(2026, 1, 5)


def at(day: datetime.date, hour: int = 10):
    """Travel to a local date (clock frozen)."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON), tick=False
    )


def agreed_plan(*, person, senior, person_user, plan_weeks=26, outcome_weeks=None, outcome_owner=None):
    """The person's plan, agreed by them, with one outcome and one action. Returns the agreed version."""
    draft = plan_services.start_plan(actor=senior, person=person)
    outcome = plan_services.add_part(
        actor=senior,
        model=Outcome,
        parent=draft,
        data={
            "in_persons_words": "I want to cook my own tea twice a week.",
            "life_area": "home",
            "chime_domain": "empowerment",
            "evidence": "Meals cooked, in daily notes",
            "review_frequency_weeks": outcome_weeks,
            "review_owner": outcome_owner,
        },
    )
    plan_services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": "Shop for one meal together", "owner": senior, "frequency": "Mondays"},
    )
    plan_services.update_plan_settings(
        actor=senior, plan=draft.plan, review_frequency_weeks=plan_weeks, review_owner=senior
    )
    return plan_services.record_response(
        actor=person_user, version=draft, agrees=True, persons_words="Yes, that's me", opened_version=1
    )
