"""The measures of choice, continuity and visits (lived/rota/measures.py) on a small hand-built week
with known answers, and the edge cases: no sessions, no notes, cancelled sessions, a rota not
published, a replaced assignment, corrections, double-ups, several visits a day."""

import datetime

import pytest

from lived.notes.models import DailyNote
from lived.people import services as people_services
from lived.people.models import Person
from lived.rota.measures import measure
from lived.rota.models import SupportSession
from tests.factories import person_data
from tests.rota.measures_factories import (
    MONDAY,
    assign,
    at,
    choose,
    draft_week,
    note,
    published_week,
    session,
    shortfall,
    uncovered,
)

pytestmark = pytest.mark.django_db

SUNDAY = MONDAY + datetime.timedelta(days=6)
TODAY = MONDAY + datetime.timedelta(days=30)


def day(n: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=n)


@pytest.fixture
def ada(service, senior):
    return people_services.create_person(
        actor=senior, data=person_data(service, given_name="Ada", family_name="Kowal", nhs_number="")
    )


def figures_of(result, person):
    return next(f for p, f in result.people if p.pk == person.pk)


def run(service, start=MONDAY, end=SUNDAY, today=TODAY):
    return measure(Person.objects.all(), service, start, end, today=today)


@pytest.fixture
def week(service, person, ada, tom, megan, support_worker):
    """Sam chose Tom then Megan; seven sessions, one cancelled, one not covered. Ada chose no one."""
    rota = published_week(service)
    choose(person, tom, megan)
    s = {}
    # Monday: Tom, on time, 40 minutes.
    s[1] = session(service, person, day(0))
    assign(rota, s[1], tom)
    note(person, tom, day(0), "08:10", "08:50")
    # Tuesday: Tom replaced by another worker (a shortfall), late and 20 minutes.
    s[2] = session(service, person, day(1))
    assign(rota, s[2], tom, replaced=True)
    assign(rota, s[2], support_worker)
    shortfall(rota, s[2])
    note(person, support_worker, day(1), "09:10", "09:30")
    # Wednesday: a 15-minute visit agreed in advance, Megan on the dot at the window's start.
    s[3] = session(service, person, day(2), minutes=15)
    assign(rota, s[3], megan)
    note(person, megan, day(2), "08:00", "08:15")
    # Thursday: Megan was sent, but only Tom wrote a note: missed.
    s[4] = session(service, person, day(3))
    assign(rota, s[4], megan)
    note(person, tom, day(3), "08:05", "08:50")
    # Friday: Tom came, with no times in the note.
    s[5] = session(service, person, day(4))
    assign(rota, s[5], tom)
    note(person, tom, day(4))
    # Saturday: cancelled; never counted.
    s[6] = session(service, person, day(5), status=SupportSession.Status.CANCELLED)
    assign(rota, s[6], tom)
    # Sunday: no one could be sent.
    s[7] = session(service, person, day(6))
    uncovered(rota, s[7])
    # Ada: one visit from Tom, on time.
    s[8] = session(service, ada, day(0), start="10:00", end="10:30", minutes=30)
    assign(rota, s[8], tom)
    note(ada, tom, day(0), "10:30", "11:00")
    return s


def test_each_measure_on_the_hand_built_week(service, person, week, tom, megan, support_worker):
    sam = figures_of(run(service), person)
    assert sam.sessions == 6
    assert (sam.preferred_worker.numerator, sam.preferred_worker.denominator) == (4, 6)
    assert (sam.preferences_met.numerator, sam.preferences_met.denominator) == (5, 6)
    assert (sam.missed.numerator, sam.missed.denominator) == (2, 6)
    assert (sam.short.numerator, sam.short.denominator) == (2, 3)
    assert sam.short_agreed == 1
    assert sam.times_not_recorded == 1
    assert (sam.on_time.numerator, sam.on_time.denominator) == (2, 4)
    assert sam.arrival_not_recorded == 1
    # Tom, the worker who replaced him on Tuesday, and Megan: 3 in 7 days is 12 per 28 days.
    assert sam.continuity.workers == 3
    assert sam.continuity.value == pytest.approx(12.0)
    assert sam.workers == {tom.pk: 2, support_worker.pk: 1, megan.pk: 2}
    assert sam.preferred_worker.text == "4 of 6 (67%)"


def test_the_service_totals_pool_everyone(service, week):
    result = run(service)
    totals = result.totals
    assert totals.sessions == 7
    # Ada chose no one and set no preference: she is in neither share's numbers.
    assert (totals.preferred_worker.numerator, totals.preferred_worker.denominator) == (4, 6)
    assert (totals.preferences_met.numerator, totals.preferences_met.denominator) == (5, 6)
    assert (totals.missed.numerator, totals.missed.denominator) == (2, 7)
    assert (totals.on_time.numerator, totals.on_time.denominator) == (3, 5)
    # The mean of Sam's 12 and Ada's 4 (one worker in 7 days).
    assert totals.continuity.value == pytest.approx(8.0)


def test_a_person_with_no_preference_has_nothing_to_count(service, ada, week):
    figures = figures_of(run(service), ada)
    assert figures.preferred_worker.denominator == 0
    assert figures.preferred_worker.text == "None to count"
    assert figures.preferred_worker.percent is None
    assert figures.preferences_met.denominator == 0


def test_a_gender_preference_alone_counts_for_preferences_met_only(service, ada, tom):
    rota = published_week(service)
    choose(ada, preferred_gender="woman")
    sent = session(service, ada, day(0))
    assign(rota, sent, tom)
    shortfall(rota, sent, preference="gender")
    figures = figures_of(run(service), ada)
    assert (figures.preferences_met.numerator, figures.preferences_met.denominator) == (0, 1)
    assert figures.preferred_worker.denominator == 0


def test_no_sessions(service, person):
    figures = figures_of(run(service), person)
    assert figures.sessions == 0
    assert figures.continuity.value is None
    assert figures.continuity.text == "No sessions to count"
    assert figures.missed.text == "None to count"
    assert run(service).totals.continuity.value is None


def test_no_notes_means_every_past_session_was_missed(service, person, tom):
    rota = published_week(service)
    for n in range(3):
        assign(rota, session(service, person, day(n)), tom)
    figures = figures_of(run(service), person)
    assert (figures.missed.numerator, figures.missed.denominator) == (3, 3)
    assert figures.on_time.denominator == 0
    assert figures.short.denominator == 0


def test_a_rota_not_published_is_not_counted(service, person, tom):
    assign(draft_week(service), session(service, person, day(0)), tom)
    assert figures_of(run(service), person).sessions == 0


def test_a_session_added_after_publishing_is_not_counted(service, person, tom):
    published_week(service)
    session(service, person, day(0))
    assert figures_of(run(service), person).sessions == 0


def test_todays_and_future_sessions_are_planned_but_not_yet_visits(service, person, tom):
    rota = published_week(service)
    for n in range(4):
        assign(rota, session(service, person, day(n)), tom)
    figures = figures_of(run(service, today=day(2)), person)
    assert figures.sessions == 4
    assert (figures.missed.numerator, figures.missed.denominator) == (2, 2)


def test_another_services_sessions_are_not_counted(service, other_service, other_person, person, outsider):
    rota = published_week(other_service)
    assign(rota, session(other_service, other_person, day(0)), outsider)
    result = run(service)
    assert result.totals.sessions == 0
    assert other_person.pk not in {p.pk for p, _ in result.people}


def test_a_corrected_note_counts_as_its_correction(service, person, tom):
    rota = published_week(service)
    assign(rota, session(service, person, day(0)), tom)
    first = note(person, tom, day(0), "09:30", "09:40")
    note(person, tom, day(0), "08:05", "08:50", amends=first, amendment_reason="Wrong times")
    figures = figures_of(run(service), person)
    assert (figures.on_time.numerator, figures.on_time.denominator) == (1, 1)
    assert (figures.short.numerator, figures.short.denominator) == (0, 1)


def test_a_double_up_is_visited_when_either_worker_writes(service, person, tom, megan):
    rota = published_week(service)
    sent = session(service, person, day(0), staff_needed=2)
    assign(rota, sent, tom)
    assign(rota, sent, megan)
    note(person, megan, day(0), "08:20", "09:05")
    figures = figures_of(run(service), person)
    assert (figures.missed.numerator, figures.missed.denominator) == (0, 1)
    assert figures.continuity.workers == 2


def test_one_note_is_one_visit_matched_to_the_nearest_session(service, person, tom):
    """Tom is sent morning and evening and writes only about the evening: the morning is missed,
    the evening is on time."""
    rota = published_week(service)
    assign(rota, session(service, person, day(0), start="08:00", end="08:45"), tom)
    assign(rota, session(service, person, day(0), start="18:00", end="18:45"), tom)
    note(person, tom, day(0), "18:10", "18:50")
    figures = figures_of(run(service), person)
    assert (figures.missed.numerator, figures.missed.denominator) == (1, 2)
    assert (figures.on_time.numerator, figures.on_time.denominator) == (1, 1)


def test_a_late_visit_written_up_after_midnight_is_the_evenings(service, person, tom):
    rota = published_week(service)
    assign(rota, session(service, person, day(0), start="23:00", end="23:45"), tom)
    written = note(person, tom, day(1), written="00:20")
    DailyNote.objects.filter(pk=written.pk).update(
        arrived_at=at(day(0), "23:40"), left_at=at(day(1), "00:15")
    )
    figures = figures_of(run(service), person)
    assert (figures.missed.numerator, figures.missed.denominator) == (0, 1)
    assert (figures.on_time.numerator, figures.on_time.denominator) == (1, 1)
    assert (figures.short.numerator, figures.short.denominator) == (0, 1)


def test_an_arrival_outside_the_window_is_not_on_time(service, person, tom):
    rota = published_week(service)
    assign(rota, session(service, person, day(0)), tom)
    assign(rota, session(service, person, day(1)), tom)
    note(person, tom, day(0), "07:55", "08:40")
    note(person, tom, day(1), "08:45", "09:30")
    figures = figures_of(run(service), person)
    # 07:55 is early; 08:45 is the window's last minute, so on time.
    assert (figures.on_time.numerator, figures.on_time.denominator) == (1, 2)


def test_continuity_is_per_28_days_over_blocks(service, person, tom, megan):
    first = published_week(service)
    assign(first, session(service, person, day(0)), tom)
    assign(first, session(service, person, day(1)), megan)
    fifth = published_week(service, MONDAY + datetime.timedelta(days=28))
    assign(fifth, session(service, person, day(28)), tom)
    # 35 days: the first 28 had two workers, the last 7 had one (4 per 28 days): the mean is 3.
    figures = figures_of(run(service, end=day(34), today=day(60)), person)
    assert figures.continuity.value == pytest.approx(3.0)
    assert figures.continuity.workers == 2
    # Over 28 days exactly, two workers are two.
    assert figures_of(run(service, end=day(27), today=day(60)), person).continuity.value == 2


def test_an_archived_person_without_sessions_is_left_out(service, person, ada, senior):
    Person.objects.filter(pk=ada.pk).update(archived_at=at(day(0), "09:00"))
    assert [p.pk for p, _ in run(service).people] == [person.pk]


def test_the_queries_do_not_grow_with_people_or_sessions(
    service, person, ada, tom, django_assert_num_queries
):
    rota = published_week(service)
    assign(rota, session(service, person, day(0)), tom)
    with django_assert_num_queries(9):
        run(service)
    for n in range(6):
        for who in (person, ada):
            sent = session(service, who, day(n), start="12:00", end="12:30")
            assign(rota, sent, tom)
            note(who, tom, day(n), "12:05", "12:40")
            shortfall(rota, sent)
    choose(ada, tom)
    with django_assert_num_queries(9):
        run(service)
