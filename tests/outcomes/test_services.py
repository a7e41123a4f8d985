"""Services: answers stored by code with who and how, self-report only refused for staff, the
idempotent item-9 alert, acknowledgement, schedules, health checks (BMI, due dates), follow-ups,
groups and the shift-briefing contract (constant queries)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.outcomes import services
from lived.outcomes.briefing import briefing_for
from lived.outcomes.models import HealthCheck, MeasureResponse, SelfRating, UrgentAlert
from lived.outcomes.queries import group_comparison, health_status
from lived.people import services as people_services
from tests.factories import person_data
from tests.outcomes.factories import all_answers, full_check

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_answers_are_stored_by_code_with_who_and_how(person, person_user):
    response = services.complete_measure(
        actor=person_user, person=person, measure_code="gad7", answers=all_answers("gad7", 2)
    )
    response.refresh_from_db()
    assert response.answers == {f"gad7_{n}": 2 for n in range(1, 8)}
    assert (response.total, response.band, response.mode) == (Decimal("14.00"), "Moderate", "own_account")
    assert response.completed_by == person_user
    assert AuditEvent.objects.filter(object_public_id=response.public_id, action="create").exists()


def test_staff_complete_with_the_person_and_it_is_recorded(person, support_worker):
    response = services.complete_measure(
        actor=support_worker,
        person=person,
        measure_code="phq9",
        answers=all_answers("phq9"),
        mode="with_staff",
    )
    assert response.mode == "with_staff" and response.completed_by == support_worker


def test_on_behalf_is_refused_where_the_measure_does_not_allow_it(person, support_worker):
    with pytest.raises(ValidationError):
        services.complete_measure(
            actor=support_worker,
            person=person,
            measure_code="phq9",
            answers=all_answers("phq9"),
            mode="on_behalf",
        )
    assert not MeasureResponse.objects.exists()


def test_a_self_report_only_rating_entered_by_staff_is_refused(person, support_worker, scale):
    with pytest.raises(ValidationError, match="own account"):
        services.record_self_rating(actor=support_worker, person=person, scale=scale, value=3)
    assert not SelfRating.objects.exists()


def test_the_person_rates_themself(person, person_user, scale):
    rating = services.record_self_rating(actor=person_user, person=person, scale=scale, value=3)
    assert rating.mode == "own_account"
    for bad in (-1, 11, "x", None):
        with pytest.raises(ValidationError):
            services.record_self_rating(actor=person_user, person=person, scale=scale, value=bad)
    assert SelfRating.objects.count() == 1


def test_a_scale_from_another_service_is_refused(other_person, outsider, scale):
    with pytest.raises(ValidationError):
        services.record_self_rating(actor=outsider, person=other_person, scale=scale, value=3)


def test_missing_or_out_of_range_answers_save_nothing(person, person_user):
    answers = all_answers("phq9")
    del answers["phq9_9"]
    with pytest.raises(ValidationError):
        services.complete_measure(actor=person_user, person=person, measure_code="phq9", answers=answers)
    with pytest.raises(ValidationError):
        services.complete_measure(
            actor=person_user, person=person, measure_code="phq9", answers=all_answers("phq9", phq9_1=4)
        )
    assert not MeasureResponse.objects.exists()


def test_item_9_above_zero_raises_one_urgent_alert_whatever_the_total(key_worked_person, person_user):
    response = services.complete_measure(
        actor=person_user,
        person=key_worked_person,
        measure_code="phq9",
        answers=all_answers("phq9", phq9_9=1),
    )
    assert response.total == 1
    alert = UrgentAlert.objects.get()
    assert alert.response == response and alert.is_open and alert.item_code == "phq9_9"
    # Idempotent: raising again for the same questionnaire does not add another.
    services.raise_alert(response=response, item_code="phq9_9")
    assert UrgentAlert.objects.count() == 1
    services.complete_measure(
        actor=person_user, person=key_worked_person, measure_code="phq9", answers=all_answers("phq9")
    )
    assert UrgentAlert.objects.count() == 1


def test_acknowledging_records_who_when_and_what(person, person_user, support_worker):
    response = services.complete_measure(
        actor=person_user, person=person, measure_code="phq9", answers=all_answers("phq9", phq9_9=2)
    )
    with pytest.raises(ValidationError):
        services.acknowledge_alert(actor=support_worker, alert=response.alert, action_taken="  ")
    alert = services.acknowledge_alert(
        actor=support_worker, alert=response.alert, action_taken="Talked today"
    )
    assert (
        alert.acknowledged_by == support_worker
        and alert.acknowledged_at
        and alert.action_taken == "Talked today"
    )
    with pytest.raises(ValidationError, match="already"):
        services.acknowledge_alert(actor=support_worker, alert=alert, action_taken="Again")


def test_completing_a_scheduled_measure_moves_it_on(person, person_user, senior):
    schedule = services.add_schedule(
        actor=senior,
        person=person,
        measure_code="gad7",
        every_weeks=4,
        first_due=TODAY - datetime.timedelta(days=3),
    )
    services.complete_measure(
        actor=person_user, person=person, measure_code="gad7", answers=all_answers("gad7")
    )
    schedule.refresh_from_db()
    assert schedule.next_due == TODAY + datetime.timedelta(weeks=4)
    with pytest.raises(ValidationError):
        services.add_schedule(
            actor=senior, person=person, measure_code="nope", every_weeks=4, first_due=TODAY
        )


def test_bmi_is_computed_and_stored(person, support_worker):
    check = services.record_health_check(actor=support_worker, person=person, data=full_check())
    check.refresh_from_db()
    assert check.bmi == Decimal("25.0")  # 72.3 / 1.7² = 25.017
    assert check.is_complete


def test_bad_health_check_values_save_nothing(person, support_worker):
    for bad in (
        {"systolic": 400},
        {"height_cm": Decimal("10")},
        {"glucose_test": ""},
        {"done_by": ""},
        {"checked_on": TODAY + datetime.timedelta(days=1)},
    ):
        with pytest.raises(ValidationError):
            services.record_health_check(actor=support_worker, person=person, data=full_check(**bad))
    assert not HealthCheck.objects.exists()


@pytest.mark.parametrize(
    ("days_ago", "state"),
    [
        (100, "up_to_date"),
        (365 - 31, "up_to_date"),
        (365 - 30, "due_soon"),
        (365, "due_soon"),
        (366, "overdue"),
    ],
)
def test_health_check_due_twelve_months_after_the_last_complete_one(person, days_ago, state):
    today = datetime.date(2026, 6, 1)
    check = HealthCheck(person=person, **full_check(checked_on=today - datetime.timedelta(days=days_ago)))
    assert health_status(person, [check], today).state == state


def test_an_incomplete_check_does_not_count(person):
    check = HealthCheck(person=person, **full_check(cholesterol=None))
    assert check.missing == ["cholesterol"]
    assert health_status(person, [check], TODAY).state == "none"


def test_follow_ups_open_and_close(person, support_worker):
    check = services.record_health_check(actor=support_worker, person=person, data=full_check())
    follow_up = services.add_follow_up(
        actor=support_worker,
        person=person,
        health_check=check,
        what="Repeat BP",
        owner=support_worker,
        due_on=TODAY,
    )
    closed = services.close_follow_up(actor=support_worker, follow_up=follow_up, outcome="Done: 118/78")
    assert closed.status == "closed" and closed.closed_by == support_worker


def test_goal_scores_and_gas(person, senior):
    from lived.outcomes.presenters import gas_history

    class FakeOutcome:
        def __init__(self, key, words):
            self.key, self.in_persons_words, self.chime_domain = key, words, "hope"
            self.plan_version = type("V", (), {"plan": type("P", (), {"person_id": person.pk})()})()

    import uuid

    a, b = FakeOutcome(uuid.uuid4(), "Cook for myself"), FakeOutcome(uuid.uuid4(), "See my sister")
    services.score_goals(actor=senior, person=person, scores=[(a, 1, 1), (b, 1, 1)])
    history = gas_history(list(person.goal_scores.all()))
    assert history[-1][1] == 62.40
    with pytest.raises(ValidationError):
        services.score_goals(actor=senior, person=person, scores=[(a, 1, 3)])


def test_group_comparison_means_and_change(service, senior, person, person_user, scale):
    other = people_services.create_person(
        actor=senior, data=person_data(service, given_name="Bo", nhs_number="", user=None)
    )
    scale.allow_with_staff = True
    scale.save()
    start, end = TODAY - datetime.timedelta(days=60), TODAY - datetime.timedelta(days=1)
    for who, values in ((person, (8, 4)), (other, (6, 4))):
        for value, day in zip(values, (start, end), strict=True):
            services.record_self_rating(
                actor=senior, person=who, scale=scale, value=value, rated_on=day, mode="with_staff"
            )
    group = services.create_group(
        actor=senior,
        service=service,
        name="Term",
        starts_on=start - datetime.timedelta(days=1),
        ends_on=TODAY,
        members=[person, other],
    )
    [row] = group_comparison(group, [person, other])
    assert (row.n, row.mean_start, row.mean_end, row.percent_change, row.direction) == (
        2,
        7.0,
        4.0,
        -42.9,
        "Better",
    )


def _people_with_alerts_and_due(service, senior, n):
    people = []
    for i in range(n):
        p = people_services.create_person(
            actor=senior, data=person_data(service, given_name=f"P{i}", nhs_number="", user=None)
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
        services.record_health_check(
            actor=senior, person=p, data=full_check(checked_on=TODAY - datetime.timedelta(days=400))
        )
        people.append(p)
    return people


def test_briefing_shows_alerts_due_measures_and_checks_in_constant_queries(service, senior):
    small = _people_with_alerts_and_due(service, senior, 1)
    since = timezone.now() - datetime.timedelta(hours=12)
    with CaptureQueriesContext(connection) as few:
        result = briefing_for(small, since)
    lines = result[small[0].pk].lines
    assert lines[0].urgent and "/crisis-plan/" in lines[0].url
    assert any("GAD-7 overdue" in line.text for line in lines)
    assert any("health check overdue" in line.text for line in lines)
    many = small + _people_with_alerts_and_due(service, senior, 4)
    with CaptureQueriesContext(connection) as more:
        result = briefing_for(many, since)
    assert len(result) == 5
    assert len(few) == len(more) == 3
    assert briefing_for([], since) == {}


def test_a_self_rating_getting_worse_three_times_running_asks_for_a_review(person, person_user, scale):
    from lived.reviews.models import Review

    day = TODAY - datetime.timedelta(days=30)
    for value in (2, 3, 5):
        services.record_self_rating(actor=person_user, person=person, scale=scale, value=value, rated_on=day)
        day += datetime.timedelta(days=7)
    assert not Review.objects.exists()  # two rises only
    services.record_self_rating(actor=person_user, person=person, scale=scale, value=7, rated_on=day)
    review = Review.objects.get()
    assert review.trigger == "falling_self_rating" and "2, 3, 5, 7" in review.details
    # Still falling: the same open review gets the details on its agenda, not a second review.
    services.record_self_rating(actor=person_user, person=person, scale=scale, value=8, rated_on=day)
    assert Review.objects.count() == 1


def test_an_improving_or_flat_self_rating_asks_for_nothing(person, person_user, scale):
    from lived.reviews.models import Review

    for n, value in enumerate((8, 6, 6, 7)):
        services.record_self_rating(
            actor=person_user,
            person=person,
            scale=scale,
            value=value,
            rated_on=TODAY - datetime.timedelta(days=30 - n),
        )
    assert not Review.objects.exists()


def test_due_for_person_lists_only_due_and_overdue(person, senior):
    from lived.outcomes.queries import due_for_person

    services.add_schedule(actor=senior, person=person, measure_code="phq9", every_weeks=4, first_due=TODAY)
    services.add_schedule(
        actor=senior,
        person=person,
        measure_code="gad7",
        every_weeks=4,
        first_due=TODAY + datetime.timedelta(days=1),
    )
    assert [s.measure_code for s in due_for_person(person, TODAY)] == ["phq9"]


def test_parts_done_on_different_days_complete_the_check(person, support_worker):
    from lived.outcomes.queries import latest_parts

    bloods = TODAY - datetime.timedelta(days=300)
    weight = TODAY - datetime.timedelta(days=200)
    services.record_health_check(
        actor=support_worker,
        person=person,
        data=full_check(checked_on=bloods, done_by="Elm Surgery", height_cm=None, weight_kg=None),
    )
    assert health_status(person, list(person.health_checks.all()), TODAY).state == "none"
    only_weight = {
        k: None for k in ("systolic", "diastolic", "glucose_value", "cholesterol", "alcohol_units")
    }
    services.record_health_check(
        actor=support_worker,
        person=person,
        data=full_check(
            checked_on=weight, done_by="Support worker", glucose_test="", smoking="", **only_weight
        ),
    )
    checks = list(person.health_checks.all())
    status = health_status(person, checks, TODAY)
    # Due 12 months after the oldest latest part (the bloods), not after the weight.
    from lived.outcomes.models import one_year_after

    assert status.state == "up_to_date" and status.due_on == one_year_after(bloods)
    assert status.last_complete == bloods
    parts = dict(latest_parts(checks))
    assert parts["BMI"].done_by == "Support worker" and parts["cholesterol"].done_by == "Elm Surgery"
