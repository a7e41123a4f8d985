"""Incidents raise the reviews they need; restrictive practice is authorised and debriefed;
safeguarding concerns are closed by a senior or manager with an outcome."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lived.incidents import forms
from lived.incidents import services as incidents_services
from lived.incidents.models import Incident, RestrictivePractice
from lived.reviews.models import Review
from lived.risk import services as risk_services
from tests.incidents.factories import incident_data

pytestmark = pytest.mark.django_db


def _at_stage_two(plan, senior):
    risk_services.progress_stage(
        actor=senior, plan=plan, seen_version=plan.version, evidence="e", why="w", with_whom="Sam"
    )
    plan.refresh_from_db()
    return plan


def test_a_crisis_incident_raises_a_post_crisis_review(person, support_worker):
    incidents_services.record_incident(
        actor=support_worker, person=person, data=incident_data(is_crisis=True)
    )
    review = Review.objects.get(person=person, trigger="crisis")
    assert review.details.startswith("Post-crisis review of the crisis plan")


def test_every_incident_raises_a_review_of_the_risk_plan_and_no_step_back(
    approved_plan, senior, support_worker
):
    plan = _at_stage_two(approved_plan, senior)
    incidents_services.record_incident(
        actor=support_worker, person=plan.person, data=incident_data(risk_plan=plan)
    )
    assert Review.objects.filter(person=plan.person, trigger="incident", status="open").exists()
    plan.refresh_from_db()
    assert plan.current_stage == 2


def test_no_risk_plan_no_incident_review(person, support_worker):
    incidents_services.record_incident(actor=support_worker, person=person, data=incident_data())
    assert not Review.objects.filter(trigger="incident").exists()


@pytest.mark.parametrize(
    "restrictive, message",
    [
        (
            {
                "type": "physical",
                "duration_minutes": 2,
                "authorised_by": None,
                "debrief_with_person": "Talked",
            },
            "who authorised",
        ),
        (
            {"type": "physical", "duration_minutes": 2, "authorised_by": "senior", "debrief_with_person": ""},
            "debrief",
        ),
        (
            {
                "type": "physical",
                "duration_minutes": 2,
                "authorised_by": "support_worker",
                "debrief_with_person": "Talked",
            },
            "senior or a manager",
        ),
    ],
)
def test_restrictive_practice_needs_authorisation_and_debrief(
    person, support_worker, users, restrictive, message
):
    if isinstance(restrictive["authorised_by"], str):
        restrictive = {**restrictive, "authorised_by": users[restrictive["authorised_by"]]}
    with pytest.raises(ValidationError, match=message):
        incidents_services.record_incident(
            actor=support_worker,
            person=person,
            data=incident_data(restrictive_practice_used=True),
            restrictive=restrictive,
        )
    assert not Incident.objects.exists() and not RestrictivePractice.objects.exists()


def test_restrictive_practice_goes_on_the_register(person, support_worker, senior):
    incidents_services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(restrictive_practice_used=True),
        restrictive={
            "type": "seclusion",
            "duration_minutes": 10,
            "authorised_by": senior,
            "debrief_with_person": "Sam said it felt frightening.",
        },
    )
    entry = RestrictivePractice.objects.get()
    assert entry.authorised_by == senior and entry.service == person.service


def test_restrictive_practice_without_debrief_through_the_form(client, person, support_worker, senior):
    client.force_login(support_worker)
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
        "rp_authorised_by": str(senior.public_id),
    }
    response = client.post(f"/people/{person.public_id}/incidents/new/", post)
    assert response.status_code == 400
    assert "Record the debrief with the person" in response.content.decode()
    assert not Incident.objects.exists()
    post["rp_debrief"] = "Sam said it hurt his wrist."
    response = client.post(f"/people/{person.public_id}/incidents/new/", post)
    assert response.status_code == 302
    assert RestrictivePractice.objects.get().debrief_with_person == "Sam said it hurt his wrist."


def test_a_support_worker_cannot_be_chosen_to_authorise(client, person, support_worker):
    form = forms.IncidentForm(person=person)
    assert str(support_worker.public_id) not in form.approvers


def test_closing_safeguarding_needs_a_senior_and_an_outcome(concern, support_worker, senior):
    with pytest.raises(PermissionDenied):
        incidents_services.close_safeguarding(actor=support_worker, concern=concern, outcome="Done")
    with pytest.raises(ValidationError):
        incidents_services.close_safeguarding(actor=senior, concern=concern, outcome=" ")
    incidents_services.close_safeguarding(
        actor=senior, concern=concern, outcome="Enquiry closed", reference="LA-1"
    )
    concern.refresh_from_db()
    assert not concern.is_open and concern.reference == "LA-1"
