"""Every role × every risk URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from lived.complaints import services as complaints_services
from lived.crisis import services as crisis_services
from lived.incidents import services as incidents_services
from lived.risk import services
from tests.crisis.factories import CRISIS
from tests.incidents.factories import incident_data
from tests.matrix_helpers import CARE, SENIOR_UP, WRITERS, Expect, anonymous_failures, route_failures
from tests.risk.factories import plan_data

pytestmark = pytest.mark.django_db

P = "/people/{o.p}/"
MATRIX = {
    "risk:person_risk": (lambda o: f"/people/{o.p}/risk/", CARE | {"person"}),
    "risk:new_plan": (lambda o: f"/people/{o.p}/risk/plans/new/", WRITERS),
    "risk:plan": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/", CARE | {"person"}),
    "risk:edit_plan": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/edit/", WRITERS),
    "risk:approve_plan": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/approve/", SENIOR_UP),
    "risk:progress_stage": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/stage/", SENIOR_UP),
    "risk:check_in": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/check-in/", WRITERS),
    "risk:manager_review": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/manager-review/", {"manager"}),
    "risk:capacity": (lambda o: f"/people/{o.p}/risk/plans/{o.plan}/capacity/", WRITERS),
    "crisis:crisis_plan": (lambda o: f"/people/{o.p}/crisis-plan/", CARE | {"person"}),
    "crisis:edit_crisis_plan": (lambda o: f"/people/{o.p}/crisis-plan/edit/", WRITERS | {"person"}),
    "crisis:crisis_card": (lambda o: f"/people/{o.p}/crisis-plan/card.pdf", CARE | {"person"}),
    "incidents:new_incident": (lambda o: f"/people/{o.p}/incidents/new/", WRITERS),
    "incidents:incident": (lambda o: f"/people/{o.p}/incidents/{o.incident}/", CARE | {"person"}),
    # Everyone in the team reads a safeguarding concern; a senior or manager closes it.
    "incidents:safeguarding": (
        lambda o: f"/people/{o.p}/safeguarding/{o.concern}/",
        CARE,
        Expect(post_roles=frozenset(SENIOR_UP)),
    ),
    "complaints:new_complaint": (lambda o: f"/people/{o.p}/complaints/new/", WRITERS | {"person"}),
    # The person and the team read a complaint; a senior or manager responds to it.
    "complaints:complaint": (
        lambda o: f"/people/{o.p}/complaints/{o.complaint}/",
        CARE | {"person"},
        Expect(post_roles=frozenset(SENIOR_UP)),
    ),
    "risk:service_risk": (lambda o: "/risk/", CARE | {"outsider"}),
    "crisis:without_crisis_plan": (
        lambda o: "/risk/without-crisis-plan/",
        SENIOR_UP | {"quality_lead", "outsider"},
    ),
    "crisis:offline_crisis_plans": (lambda o: "/briefing/crisis-plans.json", CARE | {"outsider"}),
}


class Objects:
    def __init__(self, person):
        from lived.accounts.models import User

        actor = User.objects.get(username="senior")
        self.p = person.public_id
        self.plan = services.save_risk_plan(actor=actor, person=person, data=plan_data()).public_id
        crisis_services.save_crisis_plan(actor=actor, person=person, data=dict(CRISIS))
        incident = incidents_services.record_incident(
            actor=actor,
            person=person,
            data=incident_data(safeguarding_raised=True),
            safeguarding={"category": "neglect", "details": "", "referred_on": None, "reference": ""},
        )
        self.incident = incident.public_id
        self.concern = incident.safeguarding.public_id
        self.complaint = complaints_services.record_complaint(
            actor=actor,
            person=person,
            data={
                "kind": "complaint",
                "raised_by": "person",
                "received_on": incident.occurred_at.date(),
                "summary": "Late",
            },
        ).public_id


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], Objects(person))
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, users, person, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(person))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_persons_objects_under_this_persons_url_are_not_found(
    client, manager, person, other_person, outsider
):
    other = Objects.__new__(Objects)
    plan = services.save_risk_plan(actor=outsider, person=other_person, data=plan_data())
    incident = incidents_services.record_incident(actor=outsider, person=other_person, data=incident_data())
    client.force_login(manager)
    assert client.get(f"/people/{person.public_id}/risk/plans/{plan.public_id}/").status_code == 404
    assert client.get(f"/people/{person.public_id}/incidents/{incident.public_id}/").status_code == 404
    assert client.get(f"/people/{other_person.public_id}/crisis-plan/").status_code == 404
    del other
