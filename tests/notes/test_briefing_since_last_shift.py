"""The next shift sees what happened since it last worked (HAZ-035): incidents, plan changes and
urgent alerts on the briefing go back to the start of the reader's last shift, or 24 hours, whichever
is longer, and stay marked "New to you" until the reader has opened the briefing since."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from lived.incidents import services as incidents_services
from lived.notes.shifts import since_last_worked, window
from lived.outcomes import services as outcomes_services
from lived.plans.services import confirm_read
from tests.incidents.factories import incident_data
from tests.notes.factories import note_data
from tests.outcomes.factories import all_answers
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def moment(day, hour, minute=0):
    """Day 1 is Tuesday 1 December 2026 (GMT, so local and UTC agree)."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


def at(day, hour, minute=0):
    return time_machine.travel(moment(day, hour, minute), tick=False)


def briefing(client, user):
    client.force_login(user)
    response = client.get("/briefing/")
    assert response.status_code == 200
    return response.content.decode()


def line(page, text):
    """The paragraph of the briefing that holds `text`, or None."""
    found = re.search(r"<p[^>]*>(?:(?!</p>).)*" + re.escape(text) + r"(?:(?!</p>).)*</p>", page, re.S)
    return found.group(0) if found else None


CRISIS = "Mental health crisis in the lounge (high)"


def crisis_at_19_15_on_day_1(person, senior):
    with at(1, 19, 25):
        return incidents_services.record_incident(
            actor=senior,
            person=person,
            data=incident_data(
                type="crisis",
                severity="high",
                is_crisis=True,
                occurred_at=moment(1, 19, 15),
                place="the lounge",
            ),
        )


def test_a_crisis_at_19_15_is_on_the_next_early_briefing_for_a_worker_who_worked_the_early_shift(
    client, support_worker, senior, person
):
    with at(1, 7, 30):
        assert CRISIS not in briefing(client, support_worker)  # they worked the early shift on day 1
    crisis_at_19_15_on_day_1(person, senior)
    with at(2, 7, 30):
        page = briefing(client, support_worker)
    assert "New to you" in line(page, CRISIS)
    assert "the start of your last shift here, the early shift" in page


def test_a_crisis_at_19_15_is_on_the_next_early_briefing_for_a_worker_who_has_never_opened_it(
    client, manager, senior, person
):
    crisis_at_19_15_on_day_1(person, senior)
    with at(2, 7, 30):
        page = briefing(client, manager)
    assert "New to you" in line(page, CRISIS)
    assert "24 hours back" in page


def test_once_seen_the_crisis_still_shows_within_24_hours_but_is_no_longer_new(
    client, support_worker, senior, person
):
    crisis_at_19_15_on_day_1(person, senior)
    with at(2, 7, 30):
        briefing(client, support_worker)
    with at(2, 10, 0):
        later = briefing(client, support_worker)
    assert line(later, CRISIS) and "New to you" not in line(later, CRISIS)
    with at(2, 20, 0):  # more than 24 hours on, and they have worked a shift since
        assert CRISIS not in briefing(client, support_worker)


def test_an_incident_written_up_late_is_new_to_the_next_shift(client, support_worker, senior, person):
    with at(1, 7, 30):
        briefing(client, support_worker)
    with at(2, 6, 0):  # written up this morning, about three days ago
        incidents_services.record_incident(
            actor=senior,
            person=person,
            data=incident_data(occurred_at=moment(1, 6, 0) - datetime.timedelta(days=2)),
        )
    with at(2, 7, 30):
        page = briefing(client, support_worker)
    assert "New to you" in line(page, "Distress in the kitchen (low)")


def test_the_last_note_a_worker_recorded_stands_for_the_shift_they_worked(
    client, support_worker, senior, person
):
    from lived.notes import services as notes_services

    with at(1, 6, 10):  # near the end of the night shift that began at 21:30 the evening before
        notes_services.record_note(actor=support_worker, person=person, data=note_data(text="Slept"))
    with at(2, 7, 30):
        page = briefing(client, support_worker)
    assert "the start of your last shift here, the night shift" in page


def test_a_plan_change_at_19_15_shows_until_read_and_then_says_it_was_read(
    client, support_worker, senior, person, person_user
):
    with at(1, 12, 0):
        plan = make_plan(person, senior)
    with at(1, 19, 15):
        version = agree(plan.draft, person_user)
    with at(2, 7, 30):
        page = briefing(client, support_worker)
    assert "Not read by you yet" in line(page, "Plan changed")
    with at(2, 7, 40):
        confirm_read(user=support_worker, version=version)
    with at(2, 10, 0):
        later = briefing(client, support_worker)
    assert "You have read the changes" in line(later, "Plan changed")


def test_an_urgent_alert_acknowledged_in_the_evening_is_on_the_morning_briefing_and_new_until_seen(
    client, support_worker, senior, person, person_user
):
    with at(1, 19, 15):
        response = outcomes_services.complete_measure(
            actor=person_user, person=person, measure_code="phq9", answers=all_answers("phq9", phq9_9=1)
        )
    with at(1, 19, 40):
        outcomes_services.acknowledge_alert(
            actor=senior, alert=response.alert, action_taken="Talked it through"
        )
    with at(2, 7, 30):
        page = briefing(client, support_worker)
    alert = line(page, "acknowledged by Senior Tester")
    assert alert and "New to you" in alert
    with at(2, 10, 0):
        later = briefing(client, support_worker)
    alert = line(later, "acknowledged by Senior Tester")
    assert alert and "New to you" not in alert


def test_an_open_urgent_alert_stays_on_the_briefing_and_is_new_until_seen(
    client, support_worker, person, person_user
):
    with at(1, 7, 30):
        briefing(client, support_worker)
    with at(1, 19, 15):
        outcomes_services.complete_measure(
            actor=person_user, person=person, measure_code="phq9", answers=all_answers("phq9", phq9_9=1)
        )
    with at(3, 7, 30):  # two days on: open alerts never drop off
        first = briefing(client, support_worker)
    with at(3, 9, 0):
        again = briefing(client, support_worker)
    assert "New to you" in line(first, "not yet acknowledged")
    assert "New to you" not in line(again, "not yet acknowledged")


def test_a_worker_back_from_leave_gets_at_most_14_days():
    with at(20, 7, 30):
        since, because = since_last_worked(window("early", datetime.date(2026, 12, 20)), moment(1, 8))
    assert since == moment(6, 7, 30) and "14 days" in because
