"""Pages: bad input → 400 with the error summary and nothing saved; out-of-scope people → 404; a
self-report-only rating submitted by staff is refused; the item-9 alert is shown to the key worker and
the manager with the crisis-plan link, on the person's page and on /outcomes/; acknowledgement; PDF;
constant queries on /outcomes/."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.outcomes import services
from lived.outcomes.models import (
    GoalScore,
    HealthCheck,
    HealthFollowUp,
    MeasureResponse,
    MeasureSchedule,
    OutcomeGroup,
    SelfRating,
    SelfRatingScale,
    UrgentAlert,
)
from lived.people import services as people_services
from tests.factories import person_data
from tests.outcomes.factories import all_answers, full_check

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def base(person):
    return f"/people/{person.public_id}/outcomes/"


def test_the_person_completes_a_gad7_on_their_own_account(client, person, person_user):
    client.force_login(person_user)
    data = {f"gad7_{n}": "1" for n in range(1, 8)}
    response = client.post(base(person) + "questionnaires/gad7/", data)
    assert response.status_code == 302
    saved = MeasureResponse.objects.get()
    assert saved.total == 7 and saved.mode == "own_account" and saved.completed_by == person_user
    page = client.get(base(person)).content.decode()
    assert "Your outcomes and health" in page and "GAD-7 total" in page


def test_staff_record_how_a_questionnaire_was_completed(client, person, support_worker):
    client.force_login(support_worker)
    data = {f"gad7_{n}": "0" for n in range(1, 8)} | {"mode": "with_staff"}
    assert client.post(base(person) + "questionnaires/gad7/", data).status_code == 302
    assert MeasureResponse.objects.get().mode == "with_staff"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {f"gad7_{n}": "1" for n in range(1, 7)} | {"mode": "with_staff"},  # item 7 missing
        {f"gad7_{n}": "4" for n in range(1, 8)} | {"mode": "with_staff"},  # out of range
        {f"gad7_{n}": "x" for n in range(1, 8)} | {"mode": "with_staff"},
        {f"gad7_{n}": "1" for n in range(1, 8)} | {"mode": "on_behalf"},  # not allowed for GAD-7
        {f"gad7_{n}": "1" for n in range(1, 8)},  # staff must say how
    ],
)
def test_bad_questionnaire_answers_are_refused(client, person, support_worker, data):
    client.force_login(support_worker)
    response = client.post(base(person) + "questionnaires/gad7/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not MeasureResponse.objects.exists()


def test_an_unknown_questionnaire_is_404(client, person, support_worker):
    client.force_login(support_worker)
    assert client.get(base(person) + "questionnaires/swemwbs/").status_code == 404


def test_a_measure_for_someone_outside_my_services_is_404(client, other_person, support_worker):
    client.force_login(support_worker)
    data = {f"gad7_{n}": "1" for n in range(1, 8)} | {"mode": "with_staff"}
    assert client.post(base(other_person) + "questionnaires/gad7/", data).status_code == 404
    assert not MeasureResponse.objects.exists()


def test_a_self_report_submitted_by_staff_is_refused(client, person, person_user, support_worker, scale):
    client.force_login(support_worker)
    response = client.post(base(person) + f"self-rating/{scale.public_id}/", {"value": "3"})
    assert response.status_code == 400
    assert "own account" in response.content.decode()
    assert not SelfRating.objects.exists()
    client.force_login(person_user)
    for bad in ("", "11", "-1", "three"):
        response = client.post(base(person) + f"self-rating/{scale.public_id}/", {"value": bad})
        assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not SelfRating.objects.exists()
    assert client.post(base(person) + f"self-rating/{scale.public_id}/", {"value": "3"}).status_code == 302
    assert SelfRating.objects.get().mode == "own_account"


def test_a_self_report_only_questionnaire_is_refused_for_staff(client, person, support_worker, monkeypatch):
    import dataclasses

    from lived.outcomes.measures import scoring

    own_only = dataclasses.replace(scoring.MEASURES["gad7"], modes=("own_account",))
    monkeypatch.setitem(scoring.MEASURES, "gad7", own_only)
    client.force_login(support_worker)
    data = {f"gad7_{n}": "1" for n in range(1, 8)}
    response = client.post(base(person) + "questionnaires/gad7/", data)
    assert response.status_code == 400 and "own account" in response.content.decode()
    assert not MeasureResponse.objects.exists()
    with pytest.raises(Exception, match="own account"):
        services.complete_measure(
            actor=support_worker, person=person, measure_code="gad7", answers=data, mode="with_staff"
        )


def test_item_9_alert_is_shown_to_the_key_worker_and_manager_with_the_crisis_plan(
    client, key_worked_person, person_user, support_worker, manager, quality_lead
):
    person = key_worked_person
    client.force_login(person_user)
    data = {f"phq9_{n}": "0" for n in range(1, 9)} | {"phq9_9": "1"}
    response = client.post(base(person) + "questionnaires/phq9/", data, follow=True)
    assert "Your crisis plan" in response.content.decode()
    alert = UrgentAlert.objects.get()
    crisis = f"/people/{person.public_id}/crisis-plan/"
    for user in (support_worker, manager):
        client.force_login(user)
        page = client.get(base(person)).content.decode()
        assert "Urgent" in page and crisis in page and "Acknowledge this alert" in page
        service_page = client.get("/outcomes/").content.decode()
        assert "Urgent" in service_page and crisis in service_page
    client.force_login(quality_lead)  # sees it but does not acknowledge
    page = client.get(base(person)).content.decode()
    assert crisis in page and "Acknowledge this alert" not in page
    assert client.get(base(person) + f"alerts/{alert.public_id}/acknowledge/").status_code == 403
    # The key worker acknowledges: junk first, then what was done.
    client.force_login(support_worker)
    url = base(person) + f"alerts/{alert.public_id}/acknowledge/"
    assert client.post(url, {"action_taken": ""}).status_code == 400
    assert (
        client.post(url, {"action_taken": "Talked with Sam today; went through the crisis plan."}).status_code
        == 302
    )
    alert.refresh_from_db()
    assert alert.acknowledged_by == support_worker and "crisis plan" in alert.action_taken
    assert "Urgent alerts not yet acknowledged" in client.get("/outcomes/").content.decode()
    assert crisis not in client.get("/outcomes/").content.decode()


def test_an_alert_under_another_persons_url_is_404(client, person, other_person, outsider, senior):
    response = services.complete_measure(
        actor=outsider,
        person=other_person,
        measure_code="phq9",
        answers=all_answers("phq9", phq9_9=1),
        mode="with_staff",
    )
    client.force_login(senior)
    assert client.get(base(person) + f"alerts/{response.alert.public_id}/acknowledge/").status_code == 404


def test_health_check_form_computes_bmi_and_refuses_junk(client, person, support_worker):
    client.force_login(support_worker)
    url = base(person) + "health-checks/new/"
    junk = {
        "checked_on[day]": "40",
        "checked_on[month]": "13",
        "checked_on[year]": "2026",
        "done_by": "",
        "height_cm": "tall",
        "systolic": "999",
        "glucose_test": "blood",
    }
    response = client.post(url, junk)
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    good = {
        "checked_on[day]": str(TODAY.day),
        "checked_on[month]": str(TODAY.month),
        "checked_on[year]": str(TODAY.year),
        "done_by": "Elm Surgery",
        "height_cm": "180",
        "weight_kg": "81",
        "systolic": "400",
    }
    assert client.post(url, good).status_code == 400  # systolic out of range (service check)
    assert not HealthCheck.objects.exists()
    good["systolic"], good["diastolic"] = "120", "80"
    assert client.post(url, good).status_code == 302
    assert str(HealthCheck.objects.get().bmi) == "25.0"


def test_follow_up_forms(client, person, support_worker, senior):
    check = services.record_health_check(actor=senior, person=person, data=full_check())
    client.force_login(support_worker)
    url = base(person) + f"health-checks/{check.public_id}/follow-ups/new/"
    assert client.post(url, {"what": "", "owner": "nobody"}).status_code == 400
    assert not HealthFollowUp.objects.exists()
    ok = {
        "what": "Repeat BP",
        "owner": str(senior.public_id),
        "due_on[day]": "1",
        "due_on[month]": "1",
        "due_on[year]": "2030",
    }
    assert client.post(url, ok).status_code == 302
    follow_up = HealthFollowUp.objects.get()
    close = base(person) + f"follow-ups/{follow_up.public_id}/close/"
    assert client.post(close, {"outcome": ""}).status_code == 400
    assert client.post(close, {"outcome": "Done"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "closed"


def test_schedule_and_goals_forms_refuse_junk(client, person, support_worker):
    client.force_login(support_worker)
    response = client.post(base(person) + "schedules/new/", {"measure_code": "swemwbs", "every_weeks": "0"})
    assert response.status_code == 400 and not MeasureSchedule.objects.exists()
    ok = {
        "measure_code": "phq9",
        "every_weeks": "6",
        "first_due[day]": "1",
        "first_due[month]": "1",
        "first_due[year]": "2030",
    }
    assert client.post(base(person) + "schedules/new/", ok).status_code == 302
    response = client.post(base(person) + "goals/", {})
    assert response.status_code == 400 and not GoalScore.objects.exists()


def test_group_and_scale_forms_refuse_junk(client, senior, person):
    client.force_login(senior)
    assert client.post("/outcomes/groups/new/", {"name": ""}).status_code == 400
    assert client.post("/outcomes/scales/new/", {"name": "", "low": "5", "high": "2"}).status_code == 400
    assert not OutcomeGroup.objects.exists() and not SelfRatingScale.objects.exists()
    service_id = str(person.service.public_id)
    ok = {
        "service": service_id,
        "name": "Hope",
        "question": "How hopeful do you feel?",
        "kind": "rating",
        "low": "0",
        "high": "10",
        "higher_is_better": "true",
    }
    assert client.post("/outcomes/scales/new/", ok).status_code == 302
    group = {
        "name": "Spring course",
        "service": service_id,
        "members": [str(person.public_id)],
        "starts_on[day]": "1",
        "starts_on[month]": "1",
        "starts_on[year]": "2026",
        "ends_on[day]": "1",
        "ends_on[month]": "4",
        "ends_on[year]": "2026",
    }
    response = client.post("/outcomes/groups/new/", group)
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_the_summary_pdf(client, person, person_user, scale):
    services.record_self_rating(actor=person_user, person=person, scale=scale, value=4)
    client.force_login(person_user)
    response = client.get(base(person) + "summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _add_people(service, senior, n):
    for i in range(n):
        p = people_services.create_person(
            actor=senior, data=person_data(service, given_name=f"Q{i}", nhs_number="", user=None)
        )
        r = services.complete_measure(
            actor=senior,
            person=p,
            measure_code="phq9",
            answers=all_answers("phq9", phq9_9=1),
            mode="with_staff",
        )
        assert r.alert
        services.add_schedule(
            actor=senior,
            person=p,
            measure_code="gad7",
            every_weeks=4,
            first_due=TODAY - datetime.timedelta(days=2),
        )
        check = services.record_health_check(
            actor=senior, person=p, data=full_check(checked_on=TODAY - datetime.timedelta(days=400))
        )
        services.add_follow_up(
            actor=senior, person=p, health_check=check, what="BP", owner=senior, due_on=TODAY
        )


def test_service_page_queries_do_not_grow_with_the_caseload(client, service, senior):
    client.force_login(senior)
    _add_people(service, senior, 1)
    client.get("/outcomes/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/outcomes/").status_code == 200
    _add_people(service, senior, 5)
    with CaptureQueriesContext(connection) as more:
        page = client.get("/outcomes/").content.decode()
    assert page.count("Q4") >= 1
    assert len(few) == len(more)


def test_the_person_sees_their_own_health_checks_and_follow_ups(client, person, person_user, senior):
    check = services.record_health_check(
        actor=senior, person=person, data=full_check(checked_on=TODAY - datetime.timedelta(days=400))
    )
    services.add_follow_up(
        actor=senior, person=person, health_check=check, what="Repeat BP", owner=senior, due_on=TODAY
    )
    client.force_login(person_user)
    page = client.get(base(person)).content.decode()
    assert "Your physical health checks" in page
    assert "Overdue" in page and "Repeat BP" in page and "25.0" in page  # 72.3 kg / 1.7² → BMI 25.0
    assert "Record a physical health check" not in page


def test_dialog_on_own_account_stores_more_help_by_code(client, person, person_user):
    from lived.outcomes.measures import get_measure

    codes = get_measure("dialog").item_codes
    client.force_login(person_user)
    page = client.get(base(person) + "questionnaires/dialog/").content.decode()
    assert (
        "How satisfied are you with your friendships?" in page and "Do you want more help with this?" in page
    )
    data = {c: "5" for c in codes} | {f"help_{c}": "no" for c in codes} | {"help_dialog_job": "yes"}
    del data["help_dialog_safety"]
    assert client.post(base(person) + "questionnaires/dialog/", data).status_code == 400
    data["help_dialog_safety"] = "no"
    assert client.post(base(person) + "questionnaires/dialog/", data).status_code == 302
    saved = MeasureResponse.objects.get()
    assert saved.more_help["dialog_job"] is True and saved.more_help["dialog_safety"] is False
    assert saved.subscores == {"quality_of_life": 5.0, "treatment_satisfaction": 5.0}


def test_a_group_with_no_members_compares_the_whole_service(
    client, service, senior, person, person_user, scale
):
    day = TODAY - datetime.timedelta(days=20)
    for value, when in ((8, day), (5, TODAY)):
        services.record_self_rating(actor=person_user, person=person, scale=scale, value=value, rated_on=when)
    group = services.create_group(
        actor=senior, service=service, name="Whole service", starts_on=day, ends_on=TODAY, members=[]
    )
    client.force_login(senior)
    page = client.get(f"/outcomes/groups/{group.public_id}/").content.decode()
    assert "8.00" in page and "5.00" in page and "-37.5%" in page
