"""Incidents for tests: an incident as the service records it, and the incident form as a browser
posts it (with a restrictive practice)."""

import datetime

from django.utils import timezone


def incident_data(**overrides):
    data = {
        "type": "distress",
        "severity": "low",
        "is_crisis": False,
        "occurred_at": timezone.now() - datetime.timedelta(hours=2),
        "place": "the kitchen",
        "who_involved": "",
        "what_happened": "Upset after a phone call; settled with time.",
        "crisis_plan_used": "yes",
        "crisis_plan_why": "",
        "police_involved": False,
        "police_details": "",
        "restrictive_practice_used": False,
        "safeguarding_raised": False,
        "learning": "",
        "risk_plan": None,
    }
    data.update(overrides)
    return data


def incident_post(**overrides):
    today = timezone.localdate()
    post = {
        "type": "aggression",
        "severity": "high",
        "occurred_on[day]": today.day,
        "occurred_on[month]": today.month,
        "occurred_on[year]": today.year,
        "occurred_time": "00:01",
        "place": "lounge",
        "what_happened": "Hit out",
        "crisis_plan_used": "yes",
        "restrictive_practice_used": "true",
        "rp_type": "physical",
        "rp_duration": "2",
        "rp_debrief": "Sam said it hurt his wrist.",
    }
    post.update(overrides)
    return post
