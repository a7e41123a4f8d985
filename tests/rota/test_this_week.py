"""The person's picture of this week from the published rota (C13, issue 14): the count of visits
with people they chose, who is coming to each, and each shortfall's reason in plain words; first
person on their own page, third person for staff; never a not-to-send worker's name or reason, and
never another person's rows."""

import datetime

import pytest
import time_machine

from lived.accounts.models import Role
from lived.rota import services
from lived.rota.this_week import SOMEONE, this_week
from tests.factories import make_user
from tests.rota import published as rows

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 3, 4)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def grace(service):
    return make_user("grace", roles=[Role.SUPPORT_WORKER], service=service)


@pytest.fixture
def chose_tom_and_megan(person, person_user, tom, megan):
    return services.save_preferences(
        actor=person_user,
        person=person,
        preferred=[tom, megan],
        data={"preferred_gender": "", "preferred_language": "", "small_team": True},
        opened_version=1,
    )


@pytest.fixture
def ten_visits(service, person, tom, megan, grace, chose_tom_and_megan):
    """Ten visits from Monday: nine with Tom or Megan, Tuesday's morning with Grace (Tom on leave)."""
    allocation = rows.publish(service, MONDAY)
    visits = []
    for n in range(5):
        day = MONDAY + datetime.timedelta(days=n)
        for start, end in (("08:00", "08:45"), ("18:00", "18:30")):
            visits.append(rows.session(service, person, day, start, end))
    for visit in visits:
        worker = grace if visit.date == TUESDAY and visit.window_start.hour == 8 else tom
        rows.assign(allocation, visit, worker)
    rows.shortfall(allocation, person, visits[2], "Tom is on leave, so Grace is coming.", instead=grace)
    return allocation, visits


def test_nine_of_ten_visits_are_with_people_the_person_chose(ten_visits, person):
    week = this_week(person, MONDAY + datetime.timedelta(days=2), you=True)
    assert week.published and week.total == 10 and week.chosen_count == 9
    assert week.summary(you=True, name="Ada") == "9 of your 10 visits this week are with people you chose."
    tuesday = week.visits[2]
    assert tuesday.coming == ["Grace"] and not tuesday.chosen
    assert tuesday.reasons == ["On Tuesday at 08:00, Tom is on leave, so Grace is coming."]
    assert week.visits[0].coming == ["Tom"] and week.visits[0].chosen


def test_staff_read_it_in_the_third_person(ten_visits, person):
    week = this_week(person, MONDAY, you=False)
    assert week.summary(you=False, name="Ada") == "9 of Ada's 10 visits this week are with people they chose."


def test_nothing_published_and_no_visits_and_no_choices_are_said_plainly(service, person, tom):
    week = this_week(person, MONDAY, you=True)
    assert not week.published
    assert week.summary(you=True, name="Ada").startswith("This week's rota is not ready yet")
    allocation = rows.publish(service, MONDAY)
    assert this_week(person, MONDAY, you=True).summary(you=True, name="Ada") == (
        "There are no visits for you on this week's rota."
    )
    rows.assign(allocation, rows.session(service, person, MONDAY), tom)
    assert this_week(person, MONDAY, you=False).summary(you=False, name="Ada") == (
        "1 visit this week. Ada has not chosen anyone yet."
    )


def test_all_chosen_and_one_chosen(service, person, tom, chose_tom_and_megan):
    allocation = rows.publish(service, MONDAY)
    rows.assign(allocation, rows.session(service, person, MONDAY), tom)
    assert this_week(person, MONDAY, you=True).summary(you=True, name="Ada") == (
        "Your visit this week is with someone you chose."
    )
    rows.assign(allocation, rows.session(service, person, TUESDAY), tom)
    assert this_week(person, MONDAY, you=True).summary(you=True, name="Ada") == (
        "All 2 of your visits this week are with people you chose."
    )


def test_a_double_up_counts_only_when_both_were_chosen(
    service, person, tom, megan, grace, chose_tom_and_megan
):
    allocation = rows.publish(service, MONDAY)
    both = rows.session(service, person, MONDAY, staff=2)
    half = rows.session(service, person, TUESDAY, staff=2)
    rows.assign(allocation, both, tom, megan)
    rows.assign(allocation, half, tom, grace)
    week = this_week(person, MONDAY, you=True)
    assert [v.chosen for v in week.visits] == [True, False]
    assert sorted(week.visits[0].coming) == ["Megan", "Tom"]


def test_an_uncovered_visit_is_listed_and_not_counted_as_chosen(service, person, tom, chose_tom_and_megan):
    allocation = rows.publish(service, MONDAY)
    covered = rows.session(service, person, MONDAY)
    gap = rows.session(service, person, TUESDAY)
    rows.assign(allocation, covered, tom)
    rows.uncovered(allocation, gap)
    week = this_week(person, MONDAY, you=True)
    assert week.total == 2 and week.chosen_count == 1 and week.uncovered_count == 1
    assert week.visits[1].coming == [] and week.visits[1].missing == 1


def test_replaced_and_cancelled_rows_and_other_weeks_are_left_out(service, person, tom, chose_tom_and_megan):
    from django.utils import timezone

    from lived.rota.models import SupportSession

    allocation = rows.publish(service, MONDAY)
    replaced = rows.session(service, person, MONDAY)
    cancelled = rows.session(service, person, TUESDAY)
    rows.assign(allocation, replaced, tom)[0].__class__.objects.filter(session=replaced).update(
        replaced_at=timezone.now()
    )
    rows.assign(allocation, cancelled, tom)
    SupportSession.objects.filter(pk=cancelled.pk).update(status=SupportSession.Status.CANCELLED)
    next_week = rows.publish(service, MONDAY + datetime.timedelta(days=7))
    rows.assign(next_week, rows.session(service, person, MONDAY + datetime.timedelta(days=7)), tom)
    assert this_week(person, MONDAY, you=True).visits == []


def test_a_not_to_send_worker_is_never_named_nor_their_reason_shown(
    service, person, person_user, tom, megan, grace, chose_tom_and_megan
):
    services.add_not_to_send(actor=person_user, person=person, worker=grace, reason="She rushes me")
    allocation = rows.publish(service, MONDAY)
    visit = rows.session(service, person, MONDAY)
    rows.assign(allocation, visit, grace)  # an override sent her all the same
    rows.shortfall(allocation, person, visit, "Tom is on leave, so Grace is coming.", instead=grace)
    other = rows.session(service, person, TUESDAY)
    rows.assign(allocation, other, megan)
    rows.shortfall(allocation, person, other, "Someone on the not to send list was free.")
    for you in (True, False):
        week = this_week(person, MONDAY, you=you)
        text = repr(week.visits) + repr(week.week_reasons) + week.summary(you=you, name="Ada")
        assert "Grace" not in text and "rushes" not in text and "not to send" not in text.lower()
        assert week.visits[0].coming == [SOMEONE]
        assert "could not arrange someone" in week.visits[0].reasons[0]


def test_another_persons_rows_are_never_read(service, person, other_person, other_service, tom, far_worker):
    theirs = rows.publish(other_service, MONDAY)
    visit = rows.session(other_service, other_person, MONDAY)
    rows.assign(theirs, visit, far_worker)
    rows.shortfall(theirs, other_person, visit, "Faraway is on leave.")
    ours = rows.publish(service, MONDAY)
    rows.assign(ours, rows.session(service, person, TUESDAY), tom)
    week = this_week(person, MONDAY, you=True)
    assert [v.session.person_id for v in week.visits] == [person.pk]
    assert "Faraway" not in repr(week.visits)


def test_a_week_preference_is_shown_once(service, person, tom, chose_tom_and_megan):
    allocation = rows.publish(service, MONDAY)
    rows.assign(allocation, rows.session(service, person, MONDAY), tom)
    reason = "4 different workers this week: a team of 3 could not cover every session."
    rows.shortfall(allocation, person, None, reason, preference="small_team")
    assert this_week(person, MONDAY, you=True).week_reasons == [reason]


def test_the_query_count_is_fixed(ten_visits, person, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        this_week(person, MONDAY, you=True)


def test_the_page_shows_it_to_the_person_and_to_staff(
    client, ten_visits, person, person_user, support_worker
):
    from unittest import mock

    with mock.patch("lived.rota.views.timezone.localdate", return_value=MONDAY):
        client.force_login(person_user)
        mine = client.get("/me/who-supports-me/").content.decode()
        client.force_login(support_worker)
        theirs = client.get(f"/people/{person.public_id}/who-supports-me/").content.decode()
    assert "Who is coming this week" in mine
    assert "9 of your 10 visits this week are with people you chose." in mine
    assert "On Tuesday at 08:00, Tom is on leave, so Grace is coming." in mine
    assert f"9 of {person.known_as}&#39;s 10 visits this week are with people they chose." in theirs


def test_next_weeks_published_rota_reads_as_next_week_and_shows_on_the_page(
    ten_visits, person, person_user, client
):
    # The rota is published the week before: on the Friday before, the person reads next week's
    the_friday_before = MONDAY - datetime.timedelta(days=3)
    assert not this_week(person, the_friday_before, you=True).published
    week = this_week(person, the_friday_before, you=True, weeks_ahead=1)
    assert week.summary(you=True, name="Ada") == "9 of your 10 visits next week are with people you chose."
    with time_machine.travel(datetime.datetime(2030, 3, 1, 12, 0), tick=False):
        client.force_login(person_user)
        html = client.get("/me/who-supports-me/").content.decode()
    assert "Who is coming next week" in html and "Tom is on leave, so Grace is coming." in html
