"""Review services: raising is idempotent per trigger, scheduling is idempotent and due on the right
day, completing a review starts the next plan version, check-ins are one a week."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lived.core.models import AuditEvent
from lived.people import services as people_services
from lived.plans.models import PlanVersion
from lived.reviews import services
from lived.reviews.models import AgendaItem, CheckIn, Review
from tests.reviews.factories import AGREED_ON, agreed_plan, at

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)  # a Monday
PLAN_DUE = AGREED_ON + datetime.timedelta(weeks=26)  # 6 July 2026


# raise_review ------------------------------------------------------------------------------------


def test_a_triggered_review_is_due_in_a_week_and_written_to_the_audit_trail(person, senior):
    with at(TODAY):
        review = services.raise_review(
            person=person, trigger=Review.Trigger.CHANGE_IN_CIRCUMSTANCES, details="Moving flat", actor=senior
        )
    assert review.kind == Review.Kind.TRIGGERED
    assert review.status == Review.Status.OPEN
    assert review.due_on == TODAY + datetime.timedelta(days=7)
    assert review.raised_by == senior
    assert AuditEvent.objects.filter(
        object_public_id=review.public_id, person_public_id=person.public_id, action="create"
    ).exists()


@pytest.mark.parametrize("trigger", [Review.Trigger.CRISIS, Review.Trigger.INCIDENT])
def test_crisis_and_incident_reviews_are_due_in_two_days(person, trigger):
    with at(TODAY):
        review = services.raise_review(person=person, trigger=trigger, details="Raised by the incident log")
    assert review.due_on == TODAY + datetime.timedelta(days=2)
    assert review.raised_by is None  # raised automatically


def test_the_owner_is_the_key_worker_unless_the_plan_says_otherwise(person, senior, manager):
    people_services.update_person_details(
        actor=senior,
        person=person,
        data={"key_worker": manager},
        opened_version=person.version,
    )
    person.refresh_from_db()
    review = services.raise_review(person=person, trigger="person_asks", details="Please", actor=None)
    assert review.owner == manager


def test_raising_the_same_trigger_again_adds_to_the_open_review(person, senior, support_worker):
    first = services.raise_review(
        person=person, trigger=Review.Trigger.MISSED_CHECK_IN, details="Missed Monday's call", actor=senior
    )
    again = services.raise_review(
        person=person,
        trigger=Review.Trigger.MISSED_CHECK_IN,
        details="Missed Wednesday's call",
        actor=support_worker,
    )
    assert again == first
    assert Review.objects.filter(person=person).count() == 1
    item = AgendaItem.objects.get(review=first)
    assert item.text == "Missed Wednesday's call"
    assert item.added_by == support_worker
    assert item.in_persons_words is False


def test_a_different_trigger_opens_its_own_review(person):
    a = services.raise_review(person=person, trigger=Review.Trigger.MISSED_CHECK_IN, details="Missed")
    b = services.raise_review(person=person, trigger=Review.Trigger.INCIDENT, details="Fall in the kitchen")
    assert a != b
    assert Review.objects.filter(person=person, status="open").count() == 2


def test_a_more_urgent_repeat_brings_the_review_forward(person):
    with at(TODAY):
        review = services.raise_review(person=person, trigger="person_asks", details="Can we talk")
        services.raise_review(
            person=person,
            trigger="person_asks",
            details="Soon please",
            due_on=TODAY + datetime.timedelta(days=1),
        )
    review.refresh_from_db()
    assert review.due_on == TODAY + datetime.timedelta(days=1)


def test_once_completed_the_same_trigger_opens_a_new_review(person, senior):
    first = services.raise_review(person=person, trigger=Review.Trigger.CRISIS, details="Crisis on Friday")
    services.complete_review(
        actor=senior,
        review=first,
        seen_version=first.version,
        what_is_working="",
        what_is_not_working="",
        decisions="Crisis plan updated",
    )
    second = services.raise_review(person=person, trigger=Review.Trigger.CRISIS, details="Another crisis")
    assert second != first and second.status == Review.Status.OPEN


def test_the_person_asking_twice_keeps_both_in_their_words(person, person_user):
    review = services.raise_review(
        person=person, trigger="person_asks", details="I want to talk about work", actor=person_user
    )
    services.raise_review(person=person, trigger="person_asks", details="And my money", actor=person_user)
    assert review.raised_by_person
    assert list(review.agenda_items.values_list("text", "in_persons_words")) == [("And my money", True)]


@pytest.mark.parametrize(
    ("trigger", "details", "message"),
    [
        ("not-a-trigger", "Something", "Choose what the review is about"),
        ("crisis", "   ", "Say why a review is needed"),
        ("crisis", "x" * 5000, "4000 characters"),
    ],
)
def test_bad_input_to_raise_review_is_refused_and_nothing_is_saved(person, trigger, details, message):
    with pytest.raises(ValidationError, match=message):
        services.raise_review(person=person, trigger=trigger, details=details)
    assert not Review.objects.exists()


def test_an_outcome_review_is_led_by_the_outcomes_review_owner(person, senior, manager, person_user):
    version = agreed_plan(person=person, senior=senior, person_user=person_user, outcome_owner=manager)
    outcome = version.outcomes.get()
    review = services.raise_review(
        person=person,
        trigger=Review.Trigger.FALLING_SELF_RATING,
        details="Anxiety up",
        outcome_key=outcome.key,
    )
    assert review.owner == manager
    assert review.plan == version.plan
    assert review.outcome_key == outcome.key


# schedule_due_reviews ----------------------------------------------------------------------------


def test_nothing_is_raised_fifteen_days_before_the_plan_is_due(agreed_version):
    assert services.schedule_due_reviews(today=PLAN_DUE - datetime.timedelta(days=15)) == 0
    assert not Review.objects.exists()


def test_a_plan_review_is_raised_fourteen_days_before_it_is_due(agreed_version, senior):
    assert services.schedule_due_reviews(today=PLAN_DUE - datetime.timedelta(days=14)) == 1
    review = Review.objects.get()
    assert review.kind == Review.Kind.SCHEDULED and review.trigger == Review.Trigger.SCHEDULED
    assert review.due_on == PLAN_DUE
    assert review.outcome_key is None
    assert review.owner == senior
    assert review.dedupe_key == f"plan:{agreed_version.plan.pk}:{PLAN_DUE.isoformat()}"


def test_running_the_schedule_twice_raises_nothing_new(agreed_version):
    today = PLAN_DUE - datetime.timedelta(days=3)
    assert services.schedule_due_reviews(today=today) == 1
    assert services.schedule_due_reviews(today=today) == 0
    assert services.schedule_due_reviews(today=today + datetime.timedelta(days=5)) == 0
    assert Review.objects.count() == 1


def test_an_overdue_plan_is_raised_with_its_real_due_date(agreed_version):
    services.schedule_due_reviews(today=PLAN_DUE + datetime.timedelta(days=30))
    review = Review.objects.get()
    assert review.due_on == PLAN_DUE
    assert review.is_overdue(PLAN_DUE + datetime.timedelta(days=30))


def test_outcomes_with_their_own_frequency_get_their_own_reviews(person, senior, manager, person_user):
    with at(AGREED_ON):
        version = agreed_plan(
            person=person, senior=senior, person_user=person_user, outcome_weeks=4, outcome_owner=manager
        )
    outcome = version.outcomes.get()
    outcome_due = AGREED_ON + datetime.timedelta(weeks=4)
    assert services.schedule_due_reviews(today=outcome_due - datetime.timedelta(days=15)) == 0
    assert services.schedule_due_reviews(today=outcome_due - datetime.timedelta(days=14)) == 1
    assert services.schedule_due_reviews(today=outcome_due - datetime.timedelta(days=14)) == 0
    review = Review.objects.get()
    assert review.outcome_key == outcome.key
    assert review.owner == manager
    assert review.due_on == outcome_due
    assert review.dedupe_key == f"outcome:{outcome.key}:{outcome_due.isoformat()}"


def test_a_completed_plan_review_restarts_the_clock(agreed_version, senior):
    services.schedule_due_reviews(today=PLAN_DUE)
    review = Review.objects.get()
    completed_on = PLAN_DUE + datetime.timedelta(days=3)
    with at(completed_on):
        services.complete_review(
            actor=senior,
            review=review,
            seen_version=review.version,
            what_is_working="Cooking",
            what_is_not_working="",
            decisions="Keep going",
        )
    next_due = completed_on + datetime.timedelta(weeks=26)
    assert services.schedule_due_reviews(today=next_due - datetime.timedelta(days=15)) == 0
    assert services.schedule_due_reviews(today=next_due - datetime.timedelta(days=14)) == 1
    assert Review.objects.filter(status="open").get().due_on == next_due


def test_archived_people_and_unagreed_plans_get_no_scheduled_reviews(person, senior, manager):
    from lived.plans import services as plan_services

    plan_services.start_plan(actor=senior, person=person)  # a draft only
    assert services.schedule_due_reviews(today=datetime.date(2040, 1, 1)) == 0
    people_services.archive_person(actor=manager, person=person, reason="Moved away")
    assert services.schedule_due_reviews(today=datetime.date(2040, 1, 1)) == 0


# complete, cancel, agenda ------------------------------------------------------------------------


def test_completing_a_review_starts_a_draft_copying_the_last_agreed_version(agreed_version, senior):
    review = services.raise_review(person=agreed_version.plan.person, trigger="person_asks", details="Work")
    with at(TODAY):
        done = services.complete_review(
            actor=senior,
            review=review,
            seen_version=review.version,
            what_is_working="Cooking on Mondays",
            what_is_not_working="Shopping is tiring",
            decisions="Try online shopping",
        )
    assert done.status == Review.Status.COMPLETED
    assert done.completed_by == senior and done.completed_at is not None
    draft = done.resulting_version
    assert draft.status == PlanVersion.Status.DRAFT
    assert draft.number == 2 and draft.based_on == agreed_version
    assert draft.reason_for_change == "Review on 2 March 2026: Try online shopping"
    copied = draft.outcomes.get()
    original = agreed_version.outcomes.get()
    assert copied.key == original.key and copied.pk != original.pk
    assert copied.in_persons_words == original.in_persons_words
    agreed_version.refresh_from_db()
    assert agreed_version.status == PlanVersion.Status.AGREED  # untouched until the draft is agreed


def test_a_review_cannot_be_completed_twice_or_without_decisions(agreed_version, senior):
    review = services.raise_review(person=agreed_version.plan.person, trigger="crisis", details="Crisis")
    with pytest.raises(ValidationError, match="what was decided"):
        services.complete_review(
            actor=senior,
            review=review,
            seen_version=review.version,
            what_is_working="x",
            what_is_not_working="y",
            decisions=" ",
        )
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN
    assert PlanVersion.objects.filter(plan=agreed_version.plan).count() == 1
    services.complete_review(
        actor=senior,
        review=review,
        seen_version=review.version,
        what_is_working="",
        what_is_not_working="",
        decisions="Ok",
    )
    with pytest.raises(ValidationError, match="already been completed"):
        services.complete_review(
            actor=senior,
            review=review,
            seen_version=review.version,
            what_is_working="",
            what_is_not_working="",
            decisions="Again",
        )


def test_completing_a_review_for_someone_without_a_plan_just_records_it(person, senior):
    review = services.raise_review(person=person, trigger="person_asks", details="Hello")
    done = services.complete_review(
        actor=senior,
        review=review,
        seen_version=review.version,
        what_is_working="",
        what_is_not_working="",
        decisions="Start a plan",
    )
    assert done.status == Review.Status.COMPLETED and done.resulting_version is None


def test_cancelling_needs_a_reason_and_keeps_the_review(person, manager):
    review = services.raise_review(person=person, trigger="incident", details="Fall")
    with pytest.raises(ValidationError):
        services.cancel_review(actor=manager, review=review, seen_version=review.version, reason="")
    services.cancel_review(
        actor=manager, review=review, seen_version=review.version, reason="Raised twice by mistake"
    )
    review.refresh_from_db()
    assert review.status == Review.Status.CANCELLED and review.cancelled_reason == "Raised twice by mistake"
    with pytest.raises(ValidationError, match="cancelled"):
        services.add_agenda_item(actor=manager, review=review, text="Late item")


def test_the_persons_own_agenda_items_are_always_their_words(person, person_user, senior):
    review = services.raise_review(person=person, trigger="person_asks", details="Talk")
    mine = services.add_agenda_item(actor=person_user, review=review, text="My job", in_persons_words=False)
    staff = services.add_agenda_item(actor=senior, review=review, text="Rota changes", in_persons_words=False)
    assert mine.in_persons_words is True
    assert staff.in_persons_words is False


# check-ins ---------------------------------------------------------------------------------------


def test_a_check_in_is_one_a_week(person, person_user):
    with at(TODAY + datetime.timedelta(days=2)):
        check_in = services.record_check_in(
            actor=person_user, person=person, what_worked="Cooking", what_didnt="Buses"
        )
        assert check_in.week_starting == TODAY
        assert check_in.in_persons_words and check_in.with_staff is None
        with pytest.raises(ValidationError, match="This week's check-in is already recorded"):
            services.record_check_in(actor=person_user, person=person, what_worked="Again", what_didnt="")
    assert CheckIn.objects.get().what_worked == "Cooking"


def test_staff_record_a_check_in_with_the_person(person, support_worker):
    check_in = services.record_check_in(
        actor=support_worker,
        person=person,
        what_worked="Went swimming",
        what_didnt="",
        week_starting=TODAY,
        in_persons_words=False,
    )
    assert check_in.with_staff == support_worker and check_in.completed_by == support_worker
    assert check_in.in_persons_words is False


@pytest.mark.parametrize(
    ("week", "worked", "message"),
    [
        (TODAY + datetime.timedelta(days=1), "x", "Monday"),
        (TODAY, "", "what worked or what didn't"),
    ],
)
def test_bad_check_ins_are_refused(person, person_user, week, worked, message):
    with pytest.raises(ValidationError, match=message):
        services.record_check_in(
            actor=person_user, person=person, what_worked=worked, what_didnt="", week_starting=week
        )
    assert not CheckIn.objects.exists()
