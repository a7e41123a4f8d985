"""Builders for risk tests: a draft or approved risk plan with stages, a crisis plan, an incident,
a safeguarding concern and a complaint, all made through lived.risk.services."""

import datetime

import pytest
from django.utils import timezone

from lived.risk import services
from lived.risk.models import ComplaintTheme

STAGES = [
    {"title": "Walk together", "to_progress": "Two walks with no stumbles", "check_in": ""},
    {"title": "Follow at a distance", "to_progress": "Four trips", "check_in": "Ring when back"},
    {"title": "Alone with a check-in call", "to_progress": "", "check_in": "Ring the office when back"},
]


def plan_data(**overrides):
    data = {
        "goal": "I want to walk to the shop on my own.",
        "risk": "Falls on the kerb.",
        "options": [
            {"option": "Staff fetch shopping", "reason": "Removes the goal"},
            {"option": "Walk together always", "reason": "Feels watched"},
            {"option": "Staged plan", "reason": "Builds confidence"},
        ],
        "chosen_option": 2,
        "why_proportionate": "Short route; she has capacity; small steps.",
        "safety_strategies": "Good shoes, phone charged.",
        "contingency": "Ring after 30 minutes.",
        "review_triggers": "Change in mobility; confusion; missed check-in.",
        "escalation": "Shift lead, then senior.",
        "stages": STAGES,
    }
    data.update(overrides)
    return data


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


CRISIS = {
    "early_signs": "Stops answering the phone.",
    "what_helps": "Speak slowly. Offer the garden.",
    "contacts": [{"name": "Delroy Green", "relationship": "brother", "phone": "07700 900123"}],
    "avoid": "Do not say calm down.",
    "emergency_when": "Call 999 if someone is hurt.",
    "alternatives_to_admission": "Crisis house.",
    "dependants_and_pets": "Biscuit the cat: Delroy feeds her.",
    "wishes": "Tell Delroy.",
    "written_with_person": True,
}


@pytest.fixture
def risk_plan(person, support_worker):
    return services.save_risk_plan(actor=support_worker, person=person, data=plan_data())


@pytest.fixture
def approved_plan(risk_plan, senior):
    services.approve_risk_plan(
        actor=senior,
        plan=risk_plan,
        seen_version=risk_plan.version,
        why="She chose it",
        with_whom="Sam and family",
    )
    risk_plan.refresh_from_db()
    return risk_plan


@pytest.fixture
def crisis_plan(person, senior):
    return services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))


@pytest.fixture
def incident(person, support_worker):
    return services.record_incident(actor=support_worker, person=person, data=incident_data())


@pytest.fixture
def concern(person, support_worker):
    incident = services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(safeguarding_raised=True),
        safeguarding={"category": "financial", "details": "Bank card", "referred_on": None, "reference": ""},
    )
    return incident.safeguarding


@pytest.fixture
def complaint(person, support_worker):
    return services.record_complaint(
        actor=support_worker,
        person=person,
        data={
            "kind": "complaint",
            "raised_by": "family",
            "received_on": timezone.localdate(),
            "summary": "Late",
        },
        themes=[ComplaintTheme.objects.get(name="timekeeping")],
    )
