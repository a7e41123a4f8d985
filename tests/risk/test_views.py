"""Pages: bad input → 400 with the error summary and nothing saved; the crisis plan in the circle view
only when shared; the crisis card; constant query counts for the briefing and the service page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.complaints import services as complaints_services
from lived.complaints.models import Complaint
from lived.crisis import services as crisis_services
from lived.crisis.models import CrisisPlan
from lived.incidents import services as incidents_services
from lived.incidents.models import Incident
from lived.people import services as people_services
from lived.risk import services
from lived.risk.briefing import briefing_for
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan, StageCheckIn
from tests.crisis.factories import CRISIS
from tests.factories import person_data
from tests.incidents.factories import incident_data
from tests.risk.factories import plan_data

pytestmark = pytest.mark.django_db


def _bad(client, user, path, data, model, count=0):
    client.force_login(user)
    response = client.post(path, data)
    assert response.status_code == 400, path
    assert "There is a problem" in response.content.decode(), path
    assert model.objects.count() == count, path


def test_junk_to_every_form_is_a_400_and_saves_nothing(
    client, person, support_worker, senior, manager, approved_plan, crisis_plan, concern, complaint
):
    p = f"/people/{person.public_id}"
    plan = f"{p}/risk/plans/{approved_plan.public_id}"
    junk = {"goal": "", "option_1": "x" * 600, "version": "x"}
    _bad(client, support_worker, f"{p}/risk/plans/new/", junk, RiskPlan, count=1)
    _bad(client, support_worker, f"{plan}/edit/", junk, RiskPlan, count=1)
    _bad(client, senior, f"{plan}/stage/", {"evidence": ""}, RiskDecision, count=1)
    _bad(client, manager, f"{plan}/manager-review/", {"what": ""}, RiskDecision, count=1)
    _bad(client, support_worker, f"{plan}/check-in/", {"status": "maybe"}, StageCheckIn)
    _bad(
        client,
        support_worker,
        f"{plan}/capacity/",
        {"outcome": "lacks", "impairment": "?"},
        CapacityAssessment,
    )
    _bad(
        client,
        support_worker,
        f"{p}/crisis-plan/edit/",
        {"contact_phone_1": "call me", "version": "1"},
        CrisisPlan,
        count=1,
    )
    _bad(
        client,
        support_worker,
        f"{p}/incidents/new/",
        {"type": "war", "occurred_on[day]": "40"},
        Incident,
        count=1,
    )
    _bad(client, senior, f"{p}/safeguarding/{concern.public_id}/", {"outcome": ""}, Complaint, count=1)
    _bad(
        client,
        senior,
        f"{p}/complaints/{complaint.public_id}/",
        {"response": "", "close": "true"},
        Complaint,
        count=1,
    )
    _bad(client, support_worker, f"{p}/complaints/new/", {"kind": "rant"}, Complaint, count=1)
    concern.refresh_from_db()
    assert concern.is_open


def test_a_plan_through_the_pages(client, person, support_worker, senior):
    client.force_login(support_worker)
    post = {
        "goal": "Shop alone",
        "risk": "Falls",
        "option_1": "Stay in",
        "reason_1": "Safe but sad",
        "option_2": "Go alone",
        "reason_2": "What she wants",
        "chosen_option": "1",
        "why_proportionate": "Short route",
        "stage_1": "Together",
        "stage_2": "Alone",
        "check_in_2": "Ring when back",
    }
    response = client.post(f"/people/{person.public_id}/risk/plans/new/", post)
    assert response.status_code == 302
    plan = RiskPlan.objects.get()
    assert plan.options[1] == {"option": "Go alone", "reason": "What she wants"} and plan.chosen_option == 1
    client.force_login(senior)
    url = f"/people/{person.public_id}/risk/plans/{plan.public_id}/"
    seen = {"seen_version": plan.version}
    assert (
        client.post(url + "approve/", {"why": "Chosen with her", "with_whom": "Sam", **seen}).status_code
        == 302
    )
    seen = {"seen_version": plan.version + 1}  # approving made a new version, which the page shows
    assert (
        client.post(
            url + "stage/", {"evidence": "3 walks", "why": "Ready", "with_whom": "Sam", **seen}
        ).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "Alone (current stage)" in page and "Approved" in page


def _people(n, service, senior):
    made = []
    for i in range(n):
        person = people_services.create_person(
            actor=senior, data=person_data(service, given_name=f"P{i}", nhs_number="")
        )
        crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))
        plan = services.save_risk_plan(actor=senior, person=person, data=plan_data())
        services.approve_risk_plan(actor=senior, plan=plan, seen_version=plan.version, why="w", with_whom="p")
        incidents_services.record_incident(actor=senior, person=person, data=incident_data())
        made.append(person)
    return made


def test_briefing_uses_constant_queries(service, senior):
    since = timezone.now() - datetime.timedelta(days=1)
    few = _people(1, service, senior)
    with CaptureQueriesContext(connection) as small:
        result = briefing_for(few, since)
    many = few + _people(4, service, senior)
    with CaptureQueriesContext(connection) as large:
        result = briefing_for(many, since)
    assert len(small) == len(large) == 3
    entry = result[many[-1].pk]
    assert entry.crisis_plan_url.endswith("/crisis-plan/")
    assert entry.stages[0].stage == "Stage 1 of 3: Walk together"
    assert entry.incidents[0].summary == "Distress in the kitchen (low)"
    assert briefing_for([], since) == {}


def test_service_page_uses_constant_queries(client, service, senior, manager):
    _people(1, service, senior)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/risk/").status_code == 200
    _people(4, service, senior)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/risk/")
    assert len(small) == len(large)
    page = response.content.decode()
    assert "Incidents by month" in page and "Show as a table" in page


def test_service_page_shows_overdue_reviews_register_and_open_concerns(
    client, person, manager, senior, approved_plan, concern
):
    incidents_services.record_incident(
        actor=senior,
        person=person,
        data=incident_data(restrictive_practice_used=True),
        restrictive={
            "type": "physical",
            "duration_minutes": 3,
            "authorised_by": senior,
            "debrief_with_person": "Sam said sorry too.",
        },
    )
    client.force_login(manager)
    page = client.get(f"/risk/?service={person.service.public_id}").content.decode()
    assert "Review due now" in page
    assert "Sam said sorry too." in page
    assert "Financial abuse" in page


def test_person_risk_page_uses_constant_queries(
    client, person, senior, support_worker, approved_plan, complaint
):
    client.force_login(senior)
    url = f"/people/{person.public_id}/risk/"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(3):
        incidents_services.record_incident(actor=support_worker, person=person, data=incident_data())
        complaints_services.record_complaint(
            actor=support_worker,
            person=person,
            data={
                "kind": "compliment",
                "raised_by": "family",
                "received_on": timezone.localdate(),
                "summary": "Kind",
            },
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_the_risk_page_charts_morning_incidents_week_by_week(client, person, support_worker, senior):
    """Scenario 2: are mornings getting easier? Incidents per week, mornings apart from the rest."""
    today = timezone.localdate()

    def at(days_ago, hour):
        day = today - datetime.timedelta(days=days_ago)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))

    # The first of the eight weeks (55 to 49 days ago): three morning incidents and one in the
    # evening. This week: one morning.
    for when in [at(50, 8), at(50, 9), at(51, 10), at(51, 19), at(1, 8)]:
        incidents_services.record_incident(
            actor=support_worker, person=person, data=incident_data(occurred_at=when)
        )
    from lived.incidents.queries import weekly_incidents

    weekly = weekly_incidents(person, today)
    assert weekly["mornings"] == [3, 0, 0, 0, 0, 0, 0, 1]
    assert weekly["rest"] == [1, 0, 0, 0, 0, 0, 0, 0]

    client.force_login(senior)
    html = client.get(f"/people/{person.public_id}/risk/").content.decode()
    assert "Incidents each week, last 8 weeks" in html
    assert "Mornings: 3 incidents in the first week, 1 in the last" in html
    assert "<svg" in html and "Show as a table" in html


def test_the_plan_page_suggests_kinder_words_to_staff_but_not_in_the_persons_words(
    client, person, support_worker
):
    plan = services.save_risk_plan(
        actor=support_worker,
        person=person,
        data=plan_data(
            goal="I refused to be walked like a dog.",  # the person's words: left alone
            risk="She absconded twice when staff were late.",
        ),
    )
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/risk/plans/{plan.public_id}/").content.decode()
    assert "Some words could be kinder" in html
    assert "Instead of “absconded”" in html
    assert "Instead of “refused”" not in html


def test_decision_forms_show_their_button_text_not_a_macro(client, senior, manager, risk_plan, approved_plan):
    """The decision template imported the NHS button macro as `button` and was also given a
    `button` variable: the page showed "<Macro 'button'>" where "Approve the plan" belonged."""
    person, plan = approved_plan.person.public_id, approved_plan.public_id
    client.force_login(manager)
    for path, text in [
        (f"/people/{person}/risk/plans/{plan}/approve/", "Approve the plan"),
        (f"/people/{person}/risk/plans/{plan}/stage/", "Move to the next stage"),
        (f"/people/{person}/risk/plans/{plan}/manager-review/", "Record the review"),
    ]:
        page = client.get(path).content.decode()
        assert "Macro" not in page, path
        assert text in page, path
