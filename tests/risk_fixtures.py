"""Fixtures for the tests of risk, crisis, incidents and complaints: a draft or approved risk plan with
stages, a crisis plan, an incident, a safeguarding concern and a complaint, each made through its
app's services (the data they are made from: tests/<app>/factories.py). A pytest plugin, named in
tests/conftest.py's pytest_plugins, so every folder can ask for them without importing a conftest."""

import pytest
from django.utils import timezone

from lived.complaints import services as complaints_services
from lived.complaints.models import ComplaintTheme
from lived.crisis import services as crisis_services
from lived.incidents import services as incidents_services
from lived.risk import services
from tests.crisis.factories import CRISIS
from tests.incidents.factories import incident_data
from tests.risk.factories import plan_data


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
    return crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))


@pytest.fixture
def incident(person, support_worker):
    return incidents_services.record_incident(actor=support_worker, person=person, data=incident_data())


@pytest.fixture
def concern(person, support_worker):
    incident = incidents_services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(safeguarding_raised=True),
        safeguarding={"category": "financial", "details": "Bank card", "referred_on": None, "reference": ""},
    )
    return incident.safeguarding


@pytest.fixture
def complaint(person, support_worker):
    return complaints_services.record_complaint(
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
