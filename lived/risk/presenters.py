"""What the risk pages show, built here so the views stay thin: the person's "Risk and safety" page
and the service's risk page. Each part about incidents, safeguarding or complaints comes from the app
that holds it (lived.incidents, lived.complaints)."""

from __future__ import annotations

import datetime

from lived.complaints.presenters import theme_chart
from lived.core.language import check_language
from lived.core.weeks import months_back
from lived.incidents.presenters import monthly_charts, weekly_incident_chart
from lived.incidents.queries import last_incident_at, open_safeguarding, restrictive_register
from lived.risk.queries import overdue_risk_plans

# The parts of a plan staff write; never the person's own words (their goal and safety strategies).
STAFF_TEXT_FIELDS = ["risk", "why_proportionate", "contingency", "review_triggers", "escalation"]


def person_risk(person, user, today: datetime.date) -> dict:
    """The "Risk and safety" page of one person a PersonView loaded: their plans (with whether each
    is due for review), decisions, incidents with their weekly chart, complaints, and safeguarding
    concerns for those who may see them."""
    last = last_incident_at(person)
    can_see_safeguarding = user.has_perm("incidents.view_safeguarding", person)
    return {
        "incident_chart": weekly_incident_chart(person, today),
        "plans": [
            (plan, plan.review_due(today, last))
            for plan in person.risk_plans.filter(archived_at__isnull=True)
        ],
        "decisions": list(person.risk_decisions.select_related("decided_by", "plan")[:30]),
        "incidents": list(person.incidents.select_related("restrictive_practice")[:30]),
        "complaints": list(person.complaints.prefetch_related("themes")[:30]),
        "concerns": list(person.safeguarding_concerns.all()) if can_see_safeguarding else [],
        "can_see_safeguarding": can_see_safeguarding,
        "crisis_plan": getattr(person, "crisis_plan", None),
    }


def plan_review_due(plan, person, today: datetime.date) -> str:
    return plan.review_due(today, last_incident_at(person))


def language_flags(plan, person) -> list:
    """Suggestions of kinder words for the staff who write the plan."""
    return check_language(" \n".join(getattr(plan, f) for f in STAFF_TEXT_FIELDS), person=person)


def service_risk(people, today: datetime.date) -> dict:
    """The service's risk page for these people (a visible_to queryset at one service): a year of
    trends, the risk reviews due, open safeguarding concerns and the restrictive-practice register."""
    months = months_back(today)
    return {
        "charts": monthly_charts(people, months),
        "theme_chart": theme_chart(people, months),
        "overdue": overdue_risk_plans(people, today),
        "concerns": list(open_safeguarding(people)),
        "register": list(restrictive_register(people)),
    }
