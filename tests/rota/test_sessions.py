"""Support sessions (issue 14, item 1): made from the person's agreed plan once and only once, brought
in line when a later agreed plan changes the times, added by hand with clear refusals, audited, and a
week of them on one page in the same queries however many there are."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.models import AuditEvent
from lived.jobs.models import Job
from lived.jobs.schedule import enqueue_scheduled_jobs
from lived.plans import services as plan_services
from lived.plans.models import Routine
from lived.rota import services
from lived.rota.models import Allocation, Assignment, RotaWeek, SupportSession
from lived.rota.services import parse_window, routine_timing
from tests.jobs.workers import run_worker
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db

T = datetime.time
START = datetime.date(2030, 3, 4)  # a Monday, in the future so nothing is "past"
TODAY = datetime.date(2030, 3, 1)


@pytest.fixture
def agreed(person, senior, person_user):
    plan = make_plan(person, senior)
    return agree(plan.draft, person_user)


def _sessions(**filters):
    return list(SupportSession.objects.filter(**filters).order_by("date", "window_start"))


def _generate(actor, service, days=7, start=START):
    return services.generate_sessions(actor, service, start, days, today=TODAY)


# --- reading the plan's times -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8:00 to 8:45", (T(8, 0), T(8, 45))),
        ("08:00–08:45", (T(8, 0), T(8, 45))),
        ("8am to 8.45am", (T(8, 0), T(8, 45))),
        ("1pm to 2pm", (T(13, 0), T(14, 0))),
        ("", None),
        ("mornings", None),
        ("9:00 to 8:00", None),
        ("25:00 to 26:00", None),
    ],
)
def test_arrival_windows_are_read_as_people_write_them(text, expected):
    assert parse_window(text) == expected


def test_the_visit_lasts_from_the_window_to_the_last_timed_step(agreed):
    routine = Routine.objects.get(plan_version=agreed)
    timing = routine_timing(routine)
    # 8:00 to 8:45 to arrive; the tablets step ends at 9:15: 75 minutes.
    assert (timing.start, timing.end, timing.minutes) == (T(8, 0), T(8, 45), 75)


# --- generation --------------------------------------------------------------------------------------


def test_the_morning_routine_gives_a_daily_visit_in_its_window(manager, service, person, agreed):
    result = _generate(manager, service)
    sessions = _sessions(person=person)
    assert result.created == 7 and len(sessions) == 7
    assert [s.date for s in sessions] == [START + datetime.timedelta(days=n) for n in range(7)]
    first = sessions[0]
    assert (first.window_start, first.window_end, first.duration_minutes) == (T(8, 0), T(8, 45), 75)
    assert first.origin == SupportSession.Origin.PLAN
    assert first.plan_version == agreed
    assert first.source_key == Routine.objects.get(plan_version=agreed).key
    assert first.staff_needed == 1 and first.status == SupportSession.Status.PLANNED


def test_making_them_twice_makes_nothing_new(manager, service, person, agreed):
    _generate(manager, service)
    before = list(SupportSession.objects.values_list("pk", "version", "updated_at"))
    audit = AuditEvent.objects.count()
    again = _generate(manager, service)
    assert (again.created, again.updated, again.cancelled, again.unchanged) == (0, 0, 0, 7)
    assert list(SupportSession.objects.values_list("pk", "version", "updated_at")) == before
    assert AuditEvent.objects.count() == audit


def test_an_overlapping_run_adds_only_the_new_days(manager, service, person, agreed):
    _generate(manager, service)
    later = _generate(manager, service, start=START + datetime.timedelta(days=3))
    assert (later.created, later.unchanged) == (3, 4)
    assert SupportSession.objects.count() == 10


def test_each_made_session_is_audited_on_the_persons_record(manager, service, person, agreed):
    _generate(manager, service, days=2)
    rows = AuditEvent.objects.filter(object_type="rota.SupportSession", action=AuditEvent.Action.CREATE)
    assert rows.count() == 2
    row = rows.first()
    assert row.person_public_id == person.public_id
    assert row.after["window"] == "08:00–08:45" and row.after["origin"] == "plan"


def test_people_without_an_agreed_plan_get_nothing(manager, service, person, senior):
    make_plan(person, senior)  # a draft only
    assert _generate(manager, service).created == 0


def test_a_person_at_another_service_is_not_made_sessions_here(
    manager, service, person, agreed, other_person, outsider
):
    plan = make_plan(other_person, outsider)
    agree(plan.draft, outsider)
    _generate(manager, service)
    assert not SupportSession.objects.filter(person=other_person).exists()


def test_a_plan_agreed_later_with_new_times_moves_the_future_sessions(
    manager, service, person, senior, person_user, agreed
):
    _generate(manager, service)
    past = SupportSession.objects.get(person=person, date=START)
    draft = plan_services.start_new_draft(actor=senior, plan=agreed.plan, reason="Ada wants a later start")
    routine = Routine.objects.get(plan_version=draft)
    plan_services.update_part(
        actor=senior, part=routine, data={"arrival_window": "9:30 to 10:15"}, opened_version=routine.version
    )
    second = agree(draft, person_user)
    # The first day has gone by: it is left as it was; the rest move to the new window.
    result = services.generate_sessions(manager, service, START, 7, today=START + datetime.timedelta(days=1))
    assert (result.created, result.updated, result.cancelled) == (0, 6, 0)
    past.refresh_from_db()
    assert (past.window_start, past.plan_version_id) == (T(8, 0), agreed.pk)
    moved = _sessions(person=person, date__gt=START)
    assert {(s.window_start, s.window_end, s.plan_version_id) for s in moved} == {
        (T(9, 30), T(10, 15), second.pk)
    }
    assert SupportSession.objects.count() == 7  # moved, never duplicated
    changed = AuditEvent.objects.filter(object_type="rota.SupportSession", action=AuditEvent.Action.UPDATE)
    assert changed.count() == 6
    assert changed.first().before["window"] == "08:00–08:45"


def test_a_routine_taken_out_of_the_plan_cancels_its_future_sessions(
    manager, service, person, senior, person_user, agreed
):
    _generate(manager, service, days=14)
    draft = plan_services.start_new_draft(actor=senior, plan=agreed.plan, reason="No morning visits")
    routine = Routine.objects.get(plan_version=draft)
    for step in routine.steps.all():
        plan_services.remove_part(actor=senior, part=step)
    plan_services.remove_part(actor=senior, part=routine)
    agree(draft, person_user)
    # A run for one week brings the second week in line too.
    result = _generate(manager, service)
    assert result.cancelled == 14
    assert SupportSession.objects.count() == 14  # kept, never deleted
    for session in SupportSession.objects.all():
        assert session.status == SupportSession.Status.CANCELLED
        assert session.archived_reason == "The agreed plan changed"
        assert session.archived_by == manager


def test_a_support_worker_cannot_make_sessions(support_worker, service, agreed):
    with pytest.raises(Exception, match="senior or manager"):
        _generate(support_worker, service)
    assert not SupportSession.objects.exists()


def test_a_senior_at_another_service_cannot_make_them_here(outsider, service, agreed):
    with pytest.raises(Exception, match="senior or manager"):
        _generate(outsider, service)


@pytest.mark.parametrize("days", [0, 63])
def test_a_run_for_no_days_or_too_many_is_refused(manager, service, agreed, days):
    with pytest.raises(ValidationError):
        _generate(manager, service, days=days)
    assert not SupportSession.objects.exists()


def test_the_command_makes_them_once(manager, service, person, agreed):
    call_command("generate_sessions", "--service", service.name, "--days", "3", "--start", START.isoformat())
    call_command("generate_sessions", "--service", service.name, "--days", "3", "--start", START.isoformat())
    assert SupportSession.objects.count() == 3
    assert (
        AuditEvent.objects.get(
            object_type="rota.SupportSession",
            action=AuditEvent.Action.CREATE,
            object_public_id=_sessions()[0].public_id,
        ).actor_description
        == "Lived (automatic)"
    )


# --- by hand -------------------------------------------------------------------------------------------


def _hand(person=None, **overrides):
    return {
        "person": person,
        "date": START,
        "window_start": T(14, 0),
        "window_end": T(14, 30),
        "duration_minutes": 90,
        "staff_needed": 2,
        "skills": [],
        "what": "Trip to the dentist",
        **overrides,
    }


def test_a_senior_adds_a_double_up_with_a_skill(senior, service, person, medication):
    session = services.add_session(actor=senior, service=service, data=_hand(person, skills=[medication]))
    assert session.origin == SupportSession.Origin.HAND and session.generation_key is None
    assert list(session.skills.all()) == [medication] and session.staff_needed == 2
    row = AuditEvent.objects.get(object_type="rota.SupportSession")
    assert row.person_public_id == person.public_id and row.after["skills"] == ["Medication trained"]


def test_a_shift_for_the_service_has_no_person(manager, service):
    session = services.add_session(actor=manager, service=service, data=_hand(None))
    assert session.person is None
    assert AuditEvent.objects.get(object_type="rota.SupportSession").person_public_id is None


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"window_end": T(13, 0)}, "arrive by"),
        ({"duration_minutes": 0}, "how long"),
        ({"duration_minutes": 24 * 60 + 1}, "how long"),
        ({"staff_needed": 3}, "one or two"),
    ],
)
def test_bad_input_saves_nothing(manager, service, person, overrides, message):
    with pytest.raises(ValidationError, match=f"(?i){message}"):
        services.add_session(actor=manager, service=service, data=_hand(person, **overrides))
    assert not SupportSession.objects.exists()
    assert not AuditEvent.objects.filter(object_type="rota.SupportSession").exists()


def test_a_person_at_another_service_is_refused(manager, service, other_person):
    with pytest.raises(ValidationError, match="Elm House"):
        services.add_session(actor=manager, service=service, data=_hand(other_person))
    assert not SupportSession.objects.exists()


# --- the pages ---------------------------------------------------------------------------------------------


def _week(service, start=START):
    return f"/rota/week/?service={service.public_id}&start={start.isoformat()}"


def test_the_week_shows_each_session_not_yet_assigned(client, manager, service, person, agreed):
    _generate(manager, service)
    client.force_login(manager)
    page = client.get(_week(service)).content.decode()
    assert page.count("Not on a published rota") == 7
    assert "08:00 to 08:45" in page and person.name in page and "1 hour 15 minutes" in page


def test_the_week_shows_who_is_going_from_the_published_rota_only(
    client, manager, service, person, agreed, tom, megan
):
    _generate(manager, service)
    first, second = SupportSession.objects.order_by("date")[:2]
    week = RotaWeek.objects.create(
        service=service, week_start=START - datetime.timedelta(days=START.weekday())
    )
    published = Allocation.objects.create(week=week, status=Allocation.Status.PUBLISHED)
    draft = Allocation.objects.create(week=week, status=Allocation.Status.READY)
    Assignment.objects.create(allocation=published, session=first, worker=tom)
    Assignment.objects.create(allocation=draft, session=second, worker=megan)
    client.force_login(manager)
    page = client.get(_week(service)).content.decode()
    # A draft run is not yet anyone's week: only the published rota names who is going
    assert tom.first_name in page and megan.first_name not in page
    assert page.count("Not on a published rota") == 6


def test_the_button_makes_the_weeks_sessions(client, manager, service, person, agreed):
    client.force_login(manager)
    response = client.post(
        f"/rota/week/make-sessions/?service={service.public_id}", {"start": START.isoformat()}, follow=True
    )
    assert SupportSession.objects.filter(person=person).count() == 7
    assert "7 new sessions" in response.content.decode()
    client.post(f"/rota/week/make-sessions/?service={service.public_id}", {"start": START.isoformat()})
    assert SupportSession.objects.count() == 7


def test_the_week_of_another_service_is_not_found(client, manager, other_service):
    client.force_login(manager)
    assert client.get(_week(other_service)).status_code == 404
    assert (
        client.post(
            f"/rota/week/make-sessions/?service={other_service.public_id}", {"start": START.isoformat()}
        ).status_code
        == 404
    )


def test_adding_by_hand_shows_nhs_errors_and_saves_nothing(client, senior, service, person):
    client.force_login(senior)
    path = f"/rota/sessions/add/?service={service.public_id}&start={START.isoformat()}"
    response = client.post(
        path,
        {
            "person": str(person.public_id),
            "date[day]": "4",
            "date[month]": "3",
            "date[year]": "2030",
            "window_start": "09:00",
            "window_end": "08:00",
            "duration_minutes": "0",
            "staff_needed": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The time to arrive by must be the same as or after the time to arrive from" in page
    assert "Enter how long the session is: 1 minute or more" in page
    assert not SupportSession.objects.exists()
    response = client.post(
        path,
        {
            "person": str(person.public_id),
            "date[day]": "4",
            "date[month]": "3",
            "date[year]": "2030",
            "window_start": "09:00",
            "window_end": "09:30",
            "duration_minutes": "45",
            "staff_needed": "2",
        },
    )
    assert response.status_code == 302
    assert SupportSession.objects.get().staff_needed == 2


def test_adding_for_someone_elses_person_is_not_found(client, senior, service, other_person):
    client.force_login(senior)
    path = f"/rota/sessions/add/?service={service.public_id}&person={other_person.public_id}"
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404


def test_a_posted_person_from_elsewhere_is_choose_from_the_list(client, senior, service, other_person):
    client.force_login(senior)
    response = client.post(
        f"/rota/sessions/add/?service={service.public_id}",
        {"person": str(other_person.public_id), "window_start": "09:00", "window_end": "09:30"},
    )
    assert response.status_code == 400
    assert "Choose someone supported by Elm House" in response.content.decode()
    assert not SupportSession.objects.exists()


def test_the_week_takes_the_same_queries_however_many_sessions(client, manager, service, person, medication):
    client.force_login(manager)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_week(service)).status_code == 200
        return len(ctx)

    for n in range(2):
        services.add_session(
            actor=manager,
            service=service,
            data=_hand(person, skills=[medication], date=START + datetime.timedelta(days=n)),
        )
    small = count()
    for n in range(30):
        services.add_session(
            actor=manager,
            service=service,
            data=_hand(
                None if n % 2 else person, skills=[medication], date=START + datetime.timedelta(days=n % 7)
            ),
        )
    assert count() <= small
    page = client.get(_week(service)).content.decode()
    assert page.count("Not on a published rota") == 32 and "A shift for Elm House" in page


def test_the_daily_job_makes_the_next_fortnight_once(service, person, agreed):
    with time_machine.travel(datetime.datetime(2030, 3, 4, 5, 31, tzinfo=datetime.UTC), tick=False):
        enqueue_scheduled_jobs()
        run_worker()
        enqueue_scheduled_jobs()
        run_worker()
    job = Job.objects.get(key="generate_sessions:2030-03-04")
    assert job.status == Job.Status.SUCCEEDED and job.result["created"] == 14
    assert SupportSession.objects.filter(person=person).count() == 14
