"""The week the allocation tests plan (shared by test_allocation, test_planner_views and test_travel):
its dates, availability and visits made through the rota's services, the five-visit week with Tom on
leave on Tuesday, and running the allocation in the background and reading who it sends."""

from __future__ import annotations

import datetime

from lived.rota import allocation, services
from lived.rota.models import Allocation, Assignment, RotaWeek
from tests.jobs.workers import run_worker

MONDAY = datetime.date(2030, 3, 4)
TUESDAY = MONDAY + datetime.timedelta(days=1)


def _times(actor, worker, start=datetime.time(7), end=datetime.time(22)):
    for weekday in range(7):
        services.add_availability(actor=actor, worker=worker, weekday=weekday, start=start, end=end)


def _visit(actor, service, person, day, *, skills=(), staff=1, start=datetime.time(8)):
    return services.add_session(
        actor=actor,
        service=service,
        data={
            "person": person,
            "date": day,
            "window_start": start,
            "window_end": (datetime.datetime.combine(day, start) + datetime.timedelta(minutes=45)).time(),
            "duration_minutes": 45,
            "staff_needed": staff,
            "skills": list(skills),
            "what": "Morning visit",
        },
    )


def five_morning_visits(manager, service, person, person_user, tom, megan):
    """Five morning visits for the person, who chose Tom alone; Tom and Megan work every day, and
    Tom is on leave on Tuesday."""
    _times(manager, tom)
    _times(manager, megan)
    services.save_preferences(
        actor=person_user,
        person=person,
        preferred=[tom],
        data={"preferred_gender": "", "preferred_language": "", "small_team": False},
        opened_version=1,
    )
    services.add_absence(actor=manager, worker=tom, kind="leave", starts_on=TUESDAY, ends_on=TUESDAY)
    return [_visit(manager, service, person, MONDAY + datetime.timedelta(days=n)) for n in range(5)]


def _version(service, monday=MONDAY):
    found = RotaWeek.objects.filter(service=service, week_start=monday).first()
    return found.version if found else 1


def _run(actor, service, monday=MONDAY) -> Allocation:
    queued = allocation.start_run(
        actor=actor,
        service=service,
        week_start=monday,
        opened_version=_version(service, monday),
        time_limit=2,
    )
    run_worker()
    queued.refresh_from_db()
    return queued


def _who(run, session):
    return sorted(
        Assignment.objects.filter(allocation=run, session=session, replaced_at__isnull=True).values_list(
            "worker__username", flat=True
        )
    )


def _override(actor, run, session, replacing, worker, reason="Megan knows the person well"):
    return allocation.override(
        actor=actor,
        allocation=run,
        session=session,
        replacing=replacing,
        worker=worker,
        reason=reason,
        opened_version=_version(run.week.service),
    )
