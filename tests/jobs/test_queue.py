"""Jobs on the real queue (django-tasks-db, its real worker loop, in this process): asked for twice
with one key they run once; a job that raises is retried with backoff and its error kept; an attempt
whose worker died is retried; an attempt that is no longer due does nothing."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lived.jobs.models import Job
from lived.jobs.queue import LOST_ERROR, recover_lost_jobs, run_job
from tests.jobs import sample_jobs
from tests.jobs.workers import run_worker

pytestmark = pytest.mark.django_db
S = Job.Status


def later(seconds: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def test_a_job_asked_for_twice_with_the_same_key_is_queued_and_run_once():
    first = sample_jobs.record_once.enqueue(key="report:2026-12-01", label="report")
    second = sample_jobs.record_once.enqueue(key="report:2026-12-01", label="report")
    assert first.pk == second.pk
    run_worker()
    again = sample_jobs.record_once.enqueue(key="report:2026-12-01", label="report")  # once it has run
    run_worker()
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.status == S.SUCCEEDED and first.attempts == 1 and first.result == "report"
    assert sample_jobs.effects("report") == 1
    assert DBTaskResult.objects.count() == 1


def test_a_job_that_keeps_failing_is_retried_with_growing_backoff_then_fails_with_its_error():
    job = sample_jobs.always_fails.enqueue(key="fails", label="pack")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        run_worker()
    job.refresh_from_db()
    assert job.status == S.RETRYING and job.attempts == 1
    assert job.run_after == start + datetime.timedelta(seconds=30)
    assert job.last_error == "RuntimeError: the printer is on fire (pack)"
    assert "Traceback" in job.last_traceback

    with time_machine.travel(start + datetime.timedelta(seconds=29), tick=False):
        run_worker()  # not yet due: nothing runs
    job.refresh_from_db()
    assert job.attempts == 1

    with time_machine.travel(start + datetime.timedelta(seconds=31), tick=False):
        run_worker()
    job.refresh_from_db()
    assert job.status == S.RETRYING and job.attempts == 2
    assert job.run_after == start + datetime.timedelta(seconds=31 + 60)  # doubled

    with time_machine.travel(start + datetime.timedelta(seconds=92), tick=False):
        run_worker()
    job.refresh_from_db()
    assert job.status == S.FAILED and job.attempts == 3 and job.finished_at is not None
    assert job.last_error == "RuntimeError: the printer is on fire (pack)"
    # Each attempt is its own queue row, marked failed with its traceback by the queue.
    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [a.status for a in attempts] == ["FAILED"] * 3
    assert all("the printer is on fire" in a.traceback for a in attempts)


def test_a_job_that_fails_once_succeeds_on_its_second_attempt():
    job = sample_jobs.fails_first_time.enqueue(key="flaky", label="x")
    run_worker()
    with later(31):
        run_worker()
    job.refresh_from_db()
    assert job.status == S.SUCCEEDED and job.attempts == 2 and job.result == "fine"
    assert job.last_error.startswith("ConnectionError")  # kept, for whoever wonders why it took two


def test_a_job_that_gives_up_is_not_retried():
    job = sample_jobs.gives_up.enqueue(key="hopeless", label="x")
    run_worker()
    job.refresh_from_db()
    assert job.status == S.FAILED and job.attempts == 1
    assert job.last_error == "GiveUp: there is nothing to retry"
    assert DBTaskResult.objects.count() == 1


def test_an_attempt_queued_again_by_mistake_does_nothing():
    job = sample_jobs.record_once.enqueue(key="once", label="once")
    run_job.enqueue(str(job.public_id), 1)  # a duplicate of attempt 1
    run_worker()
    job.refresh_from_db()
    assert job.status == S.SUCCEEDED and job.attempts == 1
    assert sample_jobs.effects("once") == 1


def test_an_attempt_whose_worker_died_is_recovered_and_run_again_with_its_effect_once(settings):
    job = sample_jobs.record_then_sleep.enqueue(key="killed", label="killed", sleep=0)
    # A worker claimed attempt 1, wrote the effect, and was killed: the queue row and the job still
    # say "running", and nothing moves the heartbeat on.
    attempt = DBTaskResult.objects.get()
    attempt.claim("dead-worker")
    Job.objects.filter(pk=job.pk).update(status=S.RUNNING, attempts=1, heartbeat_at=timezone.now())
    sample_jobs.AuditEvent.objects.create(object_type=sample_jobs.EFFECT, what="killed", action="create")

    assert recover_lost_jobs() == 0  # the heartbeat is fresh: it may still be running
    with later(settings.LIVED_JOBS_LOST_AFTER_SECONDS + 1):
        assert recover_lost_jobs() == 1
        assert recover_lost_jobs() == 0  # taken once
    job.refresh_from_db()
    attempt.refresh_from_db()
    assert job.status == S.RETRYING and job.last_error == LOST_ERROR
    assert attempt.status == "FAILED" and attempt.exception_class_path == "lived.jobs.queue.WorkerLost"
    with later(settings.LIVED_JOBS_LOST_AFTER_SECONDS + 5):
        run_worker()
    job.refresh_from_db()
    assert job.status == S.SUCCEEDED and job.attempts == 2
    assert sample_jobs.effects("killed") == 1


def test_a_lost_attempt_that_finishes_after_all_does_not_overwrite_the_newer_one(settings):
    job = sample_jobs.record_once.enqueue(key="slow", label="slow")
    Job.objects.filter(pk=job.pk).update(
        status=S.RUNNING, attempts=1, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    recover_lost_jobs()
    from lived.jobs.queue import _attempt_succeeded

    _attempt_succeeded(job.pk, 1, "late")  # the "dead" worker was only slow
    job.refresh_from_db()
    assert job.status == S.RETRYING and job.result is None
