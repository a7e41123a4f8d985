"""The allocation in the app (issue 14, items 4, 5 and 10): a service's week read from the records,
solved in the background, saved as assignments, uncovered sessions and shortfalls; overrides with a
reason; publishing against the version the planner saw; re-planning from the published rota; and
every bad input and edge case the issue names."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lived.accounts.models import Role, ServiceRole
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.jobs.models import Job
from lived.jobs.queue import JobContext
from lived.rota import allocation, services, tasks
from lived.rota.models import Allocation, Assignment, RotaWeek, Shortfall, Uncovered
from lived.rota.solver import shifts
from tests.jobs.workers import run_worker
from tests.rota import published as rows
from tests.rota.conftest import _worker
from tests.rota.week import (
    MONDAY,
    TUESDAY,
    _override,
    _run,
    _times,
    _version,
    _visit,
    _who,
    five_morning_visits,
)

pytestmark = pytest.mark.django_db

S = Allocation.Status


@pytest.fixture
def week(manager, service, person, person_user, tom, megan):
    return five_morning_visits(manager, service, person, person_user, tom, megan)


def test_the_run_sends_the_chosen_worker_and_records_the_leave_as_a_shortfall(manager, service, week):
    run = _run(manager, service)
    assert run.status == S.READY and run.solver_status == "optimal"
    assert run.objective is not None and run.bound == run.objective and run.sessions_count == 5
    assert [_who(run, s) for s in week] == [["tom"], ["megan"], ["tom"], ["tom"], ["tom"]]
    (shortfall,) = Shortfall.objects.filter(allocation=run)
    assert shortfall.session == week[1] and shortfall.instead.username == "megan"
    assert shortfall.preference == Shortfall.Preference.PREFERRED_WORKER
    assert "Tom is on leave" in shortfall.reason and "Megan is coming" in shortfall.reason
    rota_week = RotaWeek.objects.get(service=service, week_start=MONDAY)
    assert rota_week.draft == run and rota_week.published is None and rota_week.version == 2
    assert AuditEvent.objects.filter(
        object_public_id=run.public_id, what__startswith="Ran the allocation"
    ).exists()
    assert "best possible" in " ".join(allocation.score_words(run))


def test_a_session_no_one_has_the_skill_for_is_uncovered_and_says_why(
    manager, service, person, week, medication
):
    needs = _visit(manager, service, person, MONDAY + datetime.timedelta(days=5), skills=[medication])
    run = _run(manager, service)
    (gap,) = Uncovered.objects.filter(allocation=run)
    assert gap.session == needs and gap.missing == 1
    assert "lacks the skill" in gap.reason
    assert run.solver_status == "infeasible" and "could not be covered" in run.message


def test_lapsed_training_is_a_reason_too(manager, service, person, tom, megan, medication):
    _times(manager, tom)
    services.save_staff_profile(
        actor=manager,
        worker=tom,
        data={
            "contracted_hours": None,
            "maximum_hours": None,
            "opted_out_of_48_hours": False,
            "home_postcode": "",
        },
        skills={medication: MONDAY},
        opened_version=2,
    )
    _visit(manager, service, person, MONDAY, skills=[medication])
    later = _visit(manager, service, person, MONDAY + datetime.timedelta(days=2), skills=[medication])
    run = _run(manager, service)
    (gap,) = Uncovered.objects.filter(allocation=run)
    assert gap.session == later and "training has lapsed" in gap.reason


def test_a_week_with_no_feasible_rota_names_every_session_and_why(manager, service, person, tom):
    # Tom has no weekly times set: he is not working, so no visit can be covered.
    visits = [_visit(manager, service, person, MONDAY + datetime.timedelta(days=n)) for n in range(3)]
    run = _run(manager, service)
    assert run.status == S.READY and run.solver_status == "infeasible"
    gaps = list(Uncovered.objects.filter(allocation=run))
    assert [g.session for g in gaps] == visits
    assert all("not working then" in g.reason for g in gaps)
    assert not Assignment.objects.filter(allocation=run).exists()


def test_a_week_with_no_sessions_is_ready_and_says_so(manager, service):
    run = _run(manager, service)
    assert run.status == S.READY and run.sessions_count == 0 and "no sessions" in run.message


def test_a_worker_on_the_not_to_send_list_is_never_sent(manager, service, person, person_user, week, megan):
    services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Not for me")
    run = _run(manager, service)
    assert not Assignment.objects.filter(allocation=run, worker=megan).exists()
    (gap,) = Uncovered.objects.filter(allocation=run)
    assert gap.session == week[1] and "on leave" in gap.reason and "asked not to be sent" in gap.reason


def test_a_not_to_send_for_a_worker_at_another_service_is_refused(person_user, person, far_worker):
    with pytest.raises(ValidationError):
        services.add_not_to_send(actor=person_user, person=person, worker=far_worker, reason="x")


def test_a_double_up_needs_two_different_workers(manager, service, person, week):
    both = _visit(manager, service, person, MONDAY, staff=2, start=datetime.time(12))
    run = _run(manager, service)
    assert _who(run, both) == ["megan", "tom"]


def test_last_weeks_workers_come_from_the_published_rota_before(manager, service, person, week, tom, megan):
    run = _run(manager, service)
    next_week = MONDAY + datetime.timedelta(days=7)
    _visit(manager, service, person, next_week)
    assert allocation.build_problem(service, next_week).problem.preferences[str(person.pk)].last_week == set()
    allocation.publish(actor=manager, allocation=run, opened_version=_version(service))
    prefs = allocation.build_problem(service, next_week).problem.preferences[str(person.pk)]
    assert prefs.last_week == {str(tom.pk), str(megan.pk)} and prefs.ranked == (str(tom.pk),)


# --- the job -------------------------------------------------------------------------------------


def test_a_retried_job_writes_nothing_twice(manager, service, week):
    queued = allocation.start_run(
        actor=manager, service=service, week_start=MONDAY, opened_version=1, time_limit=2
    )
    job = Job.objects.get(public_id=queued.job_public_id)
    context = JobContext(job)
    first = tasks.run_allocation(context, allocation_id=str(queued.public_id))
    counts = (Assignment.objects.count(), Shortfall.objects.count(), Uncovered.objects.count())
    again = tasks.run_allocation(context, allocation_id=str(queued.public_id))
    assert first["saved"] is True and again["saved"] is False
    assert (Assignment.objects.count(), Shortfall.objects.count(), Uncovered.objects.count()) == counts


def test_saving_after_an_earlier_attempt_saved_is_refused(manager, service, week):
    run = _run(manager, service)
    built = allocation.build_problem(service, MONDAY)
    rota = shifts.Rota({}, [], [], 0, 0, shifts.Status.OPTIMAL, 0.0)
    assert allocation.save_rota(run, built, rota) is False


def test_the_time_limit_keeps_the_best_found_and_shows_the_gap(manager, service, week, monkeypatch):
    real = tasks.solve

    def at_the_limit(problem, **kwargs):
        rota = real(problem, **kwargs)
        rota.status, rota.bound = shifts.Status.FEASIBLE, rota.objective - 40
        return rota

    monkeypatch.setattr(tasks, "solve", at_the_limit)
    run = _run(manager, service)
    assert run.status == S.READY and run.solver_status == "feasible at time limit"
    words = " ".join(allocation.score_words(run))
    assert "best found at the time limit (2 seconds)" in words and "within" in words
    assert Assignment.objects.filter(allocation=run).count() == 5


def test_a_job_that_gives_up_fails_the_run_and_a_new_run_may_start(manager, service, week, monkeypatch):
    queued = allocation.start_run(
        actor=manager, service=service, week_start=MONDAY, opened_version=1, time_limit=2
    )
    Job.objects.filter(public_id=queued.job_public_id).update(status=Job.Status.FAILED)
    allocation.settle_failed(queued, allocation.job_of(queued))
    queued.refresh_from_db()
    assert queued.status == S.FAILED and queued.message
    again = _run(manager, service)
    assert again.status == S.READY


def test_a_second_run_while_one_is_under_way_is_refused(manager, service, week):
    allocation.start_run(actor=manager, service=service, week_start=MONDAY, opened_version=1, time_limit=2)
    with pytest.raises(ValidationError, match="already running"):
        allocation.start_run(
            actor=manager, service=service, week_start=MONDAY, opened_version=2, time_limit=2
        )


def test_a_week_must_begin_on_a_monday(manager, service):
    with pytest.raises(ValidationError, match="Monday"):
        allocation.start_run(actor=manager, service=service, week_start=TUESDAY, opened_version=1)


def test_a_support_worker_or_a_manager_elsewhere_cannot_run_it(support_worker, outsider, service):
    for who in (support_worker, outsider):
        with pytest.raises(PermissionDenied):
            allocation.start_run(actor=who, service=service, week_start=MONDAY, opened_version=1)
    assert not Allocation.objects.exists()


def test_a_senior_at_the_service_may_plan(senior, manager, service, week):
    assert _run(senior, service).status == S.READY


# --- overriding ----------------------------------------------------------------------------------


def test_an_override_keeps_the_old_row_records_a_shortfall_and_is_audited(manager, service, week, tom, megan):
    run = _run(manager, service)
    before = _version(service)
    new = _override(manager, run, week[0], tom, megan)
    old = Assignment.objects.get(allocation=run, session=week[0], worker=tom)
    assert old.replaced_at is not None and old.replaced_by == manager
    assert new.override_reason == "Megan knows the person well" and _who(run, week[0]) == ["megan"]
    (made,) = Shortfall.objects.filter(allocation=run, session=week[0], by_override=True)
    assert made.instead == megan and "changed by hand" in made.reason
    assert _version(service) == before + 1
    assert AuditEvent.objects.filter(
        object_public_id=new.public_id, what__contains="Megan instead of Tom"
    ).exists()


def test_an_override_back_to_the_chosen_worker_leaves_no_shortfall(manager, service, week, tom, megan):
    run = _run(manager, service)
    # Tuesday: Tom is on leave, so he cannot go; Wednesday: swap Tom for Megan and back again.
    _override(manager, run, week[2], tom, megan)
    _override(manager, run, week[2], megan, tom, reason="Put back")
    assert not Shortfall.objects.filter(allocation=run, session=week[2], instead=megan).exists()
    assert Assignment.objects.filter(allocation=run, session=week[2]).count() == 3


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("leave", "is on leave then"),
        ("not_to_send", "not to send"),
        ("busy", "is at another session then"),
        ("not_working", "is not working then"),
    ],
)
def test_an_override_the_rules_forbid_is_refused_with_why(
    manager, service, person, person_user, week, tom, megan, setup, words
):
    target = week[0]
    if setup == "leave":
        services.add_absence(actor=manager, worker=megan, kind="sickness", starts_on=MONDAY, ends_on=MONDAY)
        words = "is off sick then"
    elif setup == "not_to_send":
        services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Not for me")
    elif setup == "busy":
        _visit(manager, service, None, MONDAY, start=datetime.time(8, 15))
    else:
        target = _visit(manager, service, person, MONDAY, start=datetime.time(5))
    run = _run(manager, service)
    replacing = tom if _who(run, target) == ["tom"] else None
    if setup == "busy":
        # The shift at 8:15 went to Megan: she is at it when the person's visit is.
        assert _who(run, week[0]) == ["tom"]
    version = _version(service)
    with pytest.raises(ValidationError) as refused:
        allocation.override(
            actor=manager,
            allocation=run,
            session=target,
            replacing=replacing,
            worker=megan,
            reason="Try",
            opened_version=version,
        )
    assert words in " ".join(refused.value.messages)
    assert _version(service) == version
    assert not Assignment.objects.filter(allocation=run, override_reason="Try").exists()


def test_an_override_needs_a_reason_and_a_worker_at_the_service(
    manager, service, week, tom, far_worker, megan
):
    run = _run(manager, service)
    with pytest.raises(ValidationError, match="Say why"):
        _override(manager, run, week[0], tom, megan, reason="  ")
    with pytest.raises(ValidationError, match="works at this service"):
        _override(manager, run, week[0], tom, far_worker)


def test_an_override_recomputes_the_weeks_small_team_shortfall(
    manager, service, person, person_user, week, tom, megan
):
    chris, hannah = _worker("chris", service), _worker("hannah", service)
    for worker in (chris, hannah):
        _times(manager, worker)
    services.save_preferences(
        actor=person_user,
        person=person,
        preferred=[tom],
        data={"preferred_gender": "", "preferred_language": "", "small_team": True},
        opened_version=2,
    )
    run = _run(manager, service)

    def small_team():
        return list(Shortfall.objects.filter(allocation=run, preference=Shortfall.Preference.SMALL_TEAM))

    assert small_team() == []
    # Wednesday to Friday by hand: with Monday's Tom, four different workers in the week.
    for day, worker in ((2, chris), (3, hannah), (4, megan)):
        (sent,) = Assignment.objects.filter(allocation=run, session=week[day], replaced_at__isnull=True)
        _override(manager, run, week[day], sent.worker, worker, reason="Cover by hand")
    (row,) = small_team()
    assert row.session is None and row.by_override and "4 different workers" in row.reason
    # Thursday back to Tom: three different workers, a small team again.
    _override(manager, run, week[3], hannah, tom, reason="Put back")
    assert small_team() == []


def test_an_override_away_from_last_weeks_workers_records_it(manager, service, person, week, tom, megan):
    allocation.publish(actor=manager, allocation=_run(manager, service), opened_version=_version(service))
    next_week = MONDAY + datetime.timedelta(days=7)
    visit = _visit(manager, service, person, next_week)
    chris = _worker("chris", service)
    _times(manager, chris)
    run = _run(manager, service, next_week)
    assert _who(run, visit) == ["tom"]
    allocation.override(
        actor=manager,
        allocation=run,
        session=visit,
        replacing=tom,
        worker=chris,
        reason="Tom is needed elsewhere",
        opened_version=_version(service, next_week),
    )
    (row,) = Shortfall.objects.filter(allocation=run, preference=Shortfall.Preference.LAST_WEEK)
    assert row.session is None and "no one who came last week" in row.reason


def test_an_override_fills_an_uncovered_place(manager, service, person, week, tom, megan):
    friday = MONDAY + datetime.timedelta(days=4)
    late = _visit(manager, service, person, friday, start=datetime.time(23))
    run = _run(manager, service)
    assert Uncovered.objects.get(allocation=run, session=late).missing == 1
    services.add_availability(
        actor=manager, worker=megan, weekday=4, start=datetime.time(22), end=datetime.time(23, 59)
    )
    _override(manager, run, late, None, megan, reason="Megan will stay late")
    assert _who(run, late) == ["megan"] and Uncovered.objects.get(allocation=run, session=late).missing == 0


def test_an_override_from_a_stale_page_is_refused(manager, service, week, tom, megan):
    run = _run(manager, service)
    with pytest.raises(StaleEdit):
        allocation.override(
            actor=manager,
            allocation=run,
            session=week[0],
            replacing=tom,
            worker=megan,
            reason="x",
            opened_version=1,
        )


# --- publishing and re-planning ------------------------------------------------------------------


def test_publishing_makes_it_the_weeks_rota(manager, service, week):
    run = _run(manager, service)
    allocation.publish(actor=manager, allocation=run, opened_version=_version(service))
    run.refresh_from_db()
    rota_week = RotaWeek.objects.get(service=service)
    assert run.status == S.PUBLISHED and run.published_by == manager and run.published_at
    assert rota_week.published == run and rota_week.draft is None


def test_a_stale_page_cannot_publish_over_a_newer_run(manager, service, week):
    first = _run(manager, service)
    seen = _version(service)
    second = allocation.start_run(actor=manager, service=service, week_start=MONDAY, opened_version=seen)
    run_worker()
    with pytest.raises(StaleEdit):
        allocation.publish(actor=manager, allocation=first, opened_version=seen)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.SUPERSEDED and second.status == S.READY
    assert RotaWeek.objects.get(service=service).published is None
    with pytest.raises(ValidationError, match="Only the rota being checked"):
        allocation.publish(actor=manager, allocation=first, opened_version=_version(service))


def test_replanning_after_sickness_changes_little_and_says_who_is_affected(
    manager, service, person, week, tom
):
    first = _run(manager, service)
    allocation.publish(actor=manager, allocation=first, opened_version=_version(service))
    thursday = MONDAY + datetime.timedelta(days=3)
    services.add_absence(actor=manager, worker=tom, kind="sickness", starts_on=thursday, ends_on=thursday)
    again = _run(manager, service)
    assert again.based_on == first and again.status == S.READY
    assert [_who(again, s) for s in week] == [["tom"], ["megan"], ["tom"], ["megan"], ["tom"]]
    sessions = {s.pk: s for s in week}
    names = {
        u.pk: u.first_name for u in (tom, *[a.worker for a in Assignment.objects.filter(allocation=again)])
    }
    changes = allocation.changes_from(again, sessions, names)
    assert [c.session for c in changes.rows] == [week[3]]
    assert changes.rows[0].removed == ["Tom"] and changes.rows[0].added == ["Megan"]
    assert changes.people == [person.name] and changes.workers == ["Megan", "Tom"]
    assert AuditEvent.objects.filter(object_public_id=again.public_id, what__startswith="Re-planned").exists()
    allocation.publish(actor=manager, allocation=again, opened_version=_version(service))
    first.refresh_from_db()
    assert first.status == S.SUPERSEDED


def test_a_worker_already_sent_to_another_service_is_busy_then_and_those_hours_count(
    manager, service, person, week, tom, megan, other_service, other_person
):
    # Tom also works at Ash Court, whose published rota sends him there on Monday at 08:00 (HAZ-044)
    ServiceRole.objects.create(user=tom, service=other_service, role=Role.SUPPORT_WORKER)
    elsewhere = rows.publish(other_service, MONDAY)
    rows.assign(elsewhere, rows.session(other_service, other_person, MONDAY, "08:00", "08:45", 45), tom)
    run = _run(manager, service)
    assert _who(run, week[0]) == ["megan"]
    reason = Shortfall.objects.get(allocation=run, session=week[0]).reason
    assert "Tom is at another session" in reason
    with pytest.raises(ValidationError) as refused:
        allocation.override(
            actor=manager,
            allocation=run,
            session=week[0],
            replacing=megan,
            worker=tom,
            reason="Ada asked for Tom",
            opened_version=_version(service),
        )
    assert "is already sent to a session at another service then" in " ".join(refused.value.messages)


def test_hours_at_another_service_count_towards_the_weeks_limits():
    assert allocation._left_after(None, True, 600) is None  # opted out, no maximum: no limit
    assert allocation._left_after(None, False, 600) == 48 * 60 - 600
    assert allocation._left_after(20 * 60, False, 600) == 20 * 60 - 600
    assert allocation._left_after(5 * 60, False, 600) == 0
    assert allocation._left_after(30 * 60, False, 0) == 30 * 60


def test_a_training_day_reads_as_training_not_leave(manager, service, person, week, tom, megan):
    services.add_absence(actor=manager, worker=tom, kind="training", starts_on=MONDAY, ends_on=MONDAY)
    run = _run(manager, service)
    assert _who(run, week[0]) == ["megan"]
    assert "Tom is on a training day" in Shortfall.objects.get(allocation=run, session=week[0]).reason
