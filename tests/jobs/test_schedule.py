"""The schedule queues each day's raise_due_reviews once, whatever the number of workers (each worker
runs the same housekeeping; the key "raise_due_reviews:<date>" is unique), and the job raises reviews."""

import datetime
import zoneinfo

import pytest
import time_machine

from lived.jobs.models import Job
from lived.jobs.schedule import enqueue_scheduled_jobs, housekeeping
from lived.reviews.models import Review
from tests.jobs.workers import run_worker
from tests.reviews.factories import agreed_plan

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def review_jobs():
    return sorted(Job.objects.filter(key__startswith="raise_due_reviews:").values_list("key", flat=True))


def test_every_worker_asking_queues_raise_due_reviews_once_a_day_at_six():
    day = datetime.date(2026, 12, 1)
    for _worker in range(4):  # four workers' housekeeping at 05:59: yesterday's run, once
        housekeeping(at(day, 5, 59))
    assert review_jobs() == ["raise_due_reviews:2026-11-30"]
    for _worker in range(4):
        housekeeping(at(day, 6, 0))
        housekeeping(at(day, 23, 59))
    assert review_jobs() == ["raise_due_reviews:2026-11-30", "raise_due_reviews:2026-12-01"]


def test_the_scheduled_job_raises_due_reviews_once_however_often_it_runs(person, senior, person_user):
    with time_machine.travel(at(datetime.date(2026, 1, 5), 10), tick=False):
        agreed_plan(person=person, senior=senior, person_user=person_user, plan_weeks=4)
    due_day = datetime.date(2026, 2, 2) - datetime.timedelta(days=14)
    with time_machine.travel(at(due_day, 6, 1), tick=False):
        (job,) = [j for j in enqueue_scheduled_jobs() if j.key.startswith("raise_due_reviews")]
        run_worker()
        enqueue_scheduled_jobs()
        run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"raised": 1}
    assert Review.objects.filter(person=person, kind=Review.Kind.SCHEDULED).count() == 1
