"""Every role × every risk URL: allowed → 200 (or a redirect), not allowed → 403, someone else's
person → 404, never 500. tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from lived.risk import services
from tests.risk.conftest import CRISIS, incident_data, plan_data
from tests.test_permission_matrix import CARE, SENIOR_UP, WRITERS, role_failures

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
    "risk:crisis_plan": (lambda o: f"/people/{o.p}/crisis-plan/", CARE | {"person"}),
    "risk:edit_crisis_plan": (lambda o: f"/people/{o.p}/crisis-plan/edit/", WRITERS | {"person"}),
    "risk:crisis_card": (lambda o: f"/people/{o.p}/crisis-plan/card.pdf", CARE | {"person"}),
    "risk:new_incident": (lambda o: f"/people/{o.p}/incidents/new/", WRITERS),
    "risk:incident": (lambda o: f"/people/{o.p}/incidents/{o.incident}/", CARE | {"person"}),
    "risk:safeguarding": (lambda o: f"/people/{o.p}/safeguarding/{o.concern}/", CARE),
    "risk:new_complaint": (lambda o: f"/people/{o.p}/complaints/new/", WRITERS | {"person"}),
    "risk:complaint": (lambda o: f"/people/{o.p}/complaints/{o.complaint}/", CARE | {"person"}),
    "risk:service_risk": (lambda o: "/risk/", CARE | {"outsider"}),
}


class Objects:
    def __init__(self, person):
        from lived.accounts.models import User

        actor = User.objects.get(username="senior")
        self.p = person.public_id
        self.plan = services.save_risk_plan(actor=actor, person=person, data=plan_data()).public_id
        services.save_crisis_plan(actor=actor, person=person, data=dict(CRISIS))
        incident = services.record_incident(
            actor=actor,
            person=person,
            data=incident_data(safeguarding_raised=True),
            safeguarding={"category": "neglect", "details": "", "referred_on": None, "reference": ""},
        )
        self.incident = incident.public_id
        self.concern = incident.safeguarding.public_id
        self.complaint = services.record_complaint(
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
    build, allowed = MATRIX[url_name]
    path = build(Objects(person))
    person_scoped = str(person.public_id) in path
    failures = role_failures(client, users, path, allowed, person_scoped)
    assert not failures, f"{url_name} {path}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, users, person, url_name):
    build, _ = MATRIX[url_name]
    response = client.get(build(Objects(person)))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response.url


def test_another_persons_objects_under_this_persons_url_are_not_found(
    client, manager, person, other_person, outsider
):
    other = Objects.__new__(Objects)
    plan = services.save_risk_plan(actor=outsider, person=other_person, data=plan_data())
    incident = services.record_incident(actor=outsider, person=other_person, data=incident_data())
    client.force_login(manager)
    assert client.get(f"/people/{person.public_id}/risk/plans/{plan.public_id}/").status_code == 404
    assert client.get(f"/people/{person.public_id}/incidents/{incident.public_id}/").status_code == 404
    assert client.get(f"/people/{other_person.public_id}/crisis-plan/").status_code == 404
    del other
