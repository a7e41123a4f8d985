"""Lived's jobs on Django's tasks framework (django-tasks with the django-tasks-db backend, ADR 0015).

The queue runs each queued attempt once, on one worker, even with many workers (it claims a row
with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite). What it
does not do, this module adds:

- **Idempotent enqueue.** `spec.enqueue(key=…)` makes one `Job` row per key (a unique column); asking
  again with the same key returns that job and queues nothing.
- **Retries with backoff.** An attempt that raises is recorded (the error and traceback stay on the
  job for administrators) and, while attempts remain, a new attempt is queued to run after
  `backoff_seconds × 2^(attempt − 1)` (capped). `GiveUp` ends the job at once.
- **Lost attempts.** While an attempt runs, a heartbeat moves `Job.heartbeat_at` on. A worker killed
  mid-job stops it; `recover_lost_jobs` (run by every worker, ADR 0015) treats an attempt whose
  heartbeat is older than `LIVED_JOBS_LOST_AFTER_SECONDS` as failed, and retries it.
- **One attempt at a time.** Each queued attempt carries its number; one that is no longer the job's
  next (a duplicate, or one recovered as lost) does nothing. A job's effect must still be idempotent,
  because an attempt can die after its effect and before it is recorded as done.
- **Progress.** A job may call `context.progress(done, total, message)`; its page shows it.
"""

from __future__ import annotations

import datetime
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from lived.core.conf import lived_settings
from lived.jobs.models import Job, JobProgress

logger = logging.getLogger("lived.jobs")
S = Job.Status

LOST_ERROR = "WorkerLost: the worker stopped during this attempt (killed, or its machine restarted)"


class GiveUp(Exception):  # noqa: N818 (it says what the job does, not that it is an error)
    """Raise from a job to fail it now, without retrying (retrying cannot help)."""


@dataclass(frozen=True)
class JobContext:
    """Handed to a running job: which job it is, and a way to say how far it has got."""

    job: Job

    @property
    def attempt(self) -> int:
        return self.job.attempts

    def progress(self, done: int, total: int, message: str = "") -> None:
        JobProgress.objects.update_or_create(
            job=self.job, defaults={"done": done, "total": total, "message": message[:200]}
        )
        Job.objects.filter(pk=self.job.pk, status=S.RUNNING).update(heartbeat_at=timezone.now())


@dataclass(frozen=True)
class JobSpec:
    """A Lived job: a module-level function `func(context, **kwargs)` run on the queue with retries.
    Make one with the `job` decorator; its dotted path is what a `Job` row names.

    `on_download(user, job)`, when given, is called each time the file the job made is handed out
    (lived.jobs.views.DownloadJobFile), before it is sent: the app that owns the job writes there
    what a download means to it (the plan pack writes an access row for each person in it), so
    the queue need know nothing of people or plans."""

    func: Callable[..., Any]
    max_attempts: int
    backoff_seconds: float
    backoff_max_seconds: float
    on_download: Callable[[Any, Job], None] | None = None

    @property
    def path(self) -> str:
        return f"{self.func.__module__}.{self.func.__qualname__}"

    def backoff(self, attempt: int) -> datetime.timedelta:
        """How long to wait after failed attempt number `attempt` (1, 2, …) before the next one."""
        seconds = min(self.backoff_seconds * 2 ** (attempt - 1), self.backoff_max_seconds)
        return datetime.timedelta(seconds=seconds)

    def enqueue(self, *, key: str, actor=None, run_after: datetime.datetime | None = None, **kwargs) -> Job:
        """Queue this job once for `key`. Asking again with the same key returns the same job and
        queues nothing, whether it is waiting, running or finished. `kwargs` must be JSON values."""
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    task_path=self.path,
                    key=key,
                    kwargs=kwargs,
                    max_attempts=self.max_attempts,
                    run_after=run_after,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                # In the same transaction: a worker sees the queue row only with its job.
                _queue_attempt(job, 1)
        except IntegrityError:
            return Job.objects.get(key=key)  # asked for at the same moment elsewhere
        return job

    def __call__(self, context: JobContext, **kwargs):
        return self.func(context, **kwargs)


def job(
    *,
    max_attempts: int = 5,
    backoff_seconds: float = 30,
    backoff_max_seconds: float = 3600,
    on_download: Callable[[Any, Job], None] | None = None,
):
    """Make a module-level function a Lived job. The function takes a `JobContext` first."""

    def wrap(func: Callable[..., Any]) -> JobSpec:
        return JobSpec(func, max_attempts, backoff_seconds, backoff_max_seconds, on_download)

    return wrap


def spec_for(job_row: Job) -> JobSpec:
    spec = import_string(job_row.task_path)
    if not isinstance(spec, JobSpec):
        raise GiveUp(f"{job_row.task_path} is not a Lived job")
    return spec


# --- The queue's task: one attempt of one job ------------------------------------------------------


@task()
def run_job(job_id: str, attempt: int) -> None:
    """Run attempt `attempt` of the job, if it is still the one due."""
    job_row = _start(job_id, attempt)
    if job_row is None:
        logger.info("Job %s attempt %s is no longer due; skipped", job_id, attempt)
        return
    with _Heartbeat(job_row.pk):
        try:
            result = spec_for(job_row)(JobContext(job_row), **job_row.kwargs)
        except Exception as exc:
            _attempt_failed(job_row.pk, attempt, exc)
            raise  # the queue's row for this attempt is marked failed too, with the traceback
    _attempt_succeeded(job_row.pk, attempt, result)


def _queue_attempt(job_row: Job, attempt: int) -> None:
    queued = run_job.using(run_after=job_row.run_after) if job_row.run_after else run_job
    result = queued.enqueue(str(job_row.public_id), attempt)
    job_row.task_result_id = str(result.id)
    job_row.save(update_fields=["task_result_id", "updated_at"])


def _locked(pk=None, public_id=None) -> Job | None:
    lookup = {"pk": pk} if pk is not None else {"public_id": public_id}
    return Job.objects.select_for_update().filter(**lookup).first()


def _start(job_id: str, attempt: int) -> Job | None:
    with transaction.atomic():
        job_row = _locked(public_id=job_id)
        due = job_row is not None and job_row.status in (S.WAITING, S.RETRYING)
        if not due or job_row.attempts != attempt - 1:
            return None
        now = timezone.now()
        job_row.status, job_row.attempts = S.RUNNING, attempt
        job_row.started_at = job_row.heartbeat_at = now
        job_row.save(update_fields=["status", "attempts", "started_at", "heartbeat_at", "updated_at"])
    return job_row


def _attempt_succeeded(pk: int, attempt: int, result) -> None:
    with transaction.atomic():
        job_row = _locked(pk=pk)
        if job_row is None or job_row.status != S.RUNNING or job_row.attempts != attempt:
            return  # recovered as lost meanwhile: the newer attempt owns the job now
        job_row.status, job_row.finished_at, job_row.result = S.SUCCEEDED, timezone.now(), result
        job_row.save(update_fields=["status", "finished_at", "result", "updated_at"])


def _attempt_failed(pk: int, attempt: int, exc: BaseException | None, error: str = "") -> None:
    with transaction.atomic():
        job_row = _locked(pk=pk)
        if job_row is None or job_row.status != S.RUNNING or job_row.attempts != attempt:
            return
        _record_failure(job_row, exc, error)


def _record_failure(job_row: Job, exc: BaseException | None, error: str = "") -> None:
    """Within a transaction holding the job's row: keep the error, then retry or give up."""
    now = timezone.now()
    if exc is not None:
        job_row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        job_row.last_traceback = "".join(traceback.format_exception(exc))
    else:
        job_row.last_error, job_row.last_traceback = error, ""
    give_up = isinstance(exc, GiveUp) or job_row.attempts >= job_row.max_attempts
    # The log names the kind of error only: an exception's text can quote a row's values (a database
    # error does), which may be personal data. The whole error stays on the job row for administrators.
    kind = type(exc).__name__ if exc is not None else "error"
    if give_up:
        job_row.status, job_row.finished_at, job_row.run_after = S.FAILED, now, None
        logger.error("Job %s (%s) failed for good: %s", job_row.key, job_row.task_path, kind)
    else:
        job_row.status = S.RETRYING
        job_row.run_after = now + spec_for(job_row).backoff(job_row.attempts)
        logger.warning(
            "Job %s attempt %s failed, trying again after %s: %s",
            job_row.key,
            job_row.attempts,
            job_row.run_after.isoformat(),
            kind,
        )
    job_row.save(
        update_fields=["status", "finished_at", "run_after", "last_error", "last_traceback", "updated_at"]
    )
    if not give_up:
        _queue_attempt(job_row, job_row.attempts + 1)


class _Heartbeat:
    """Moves the running job's heartbeat on every LIVED_JOBS_HEARTBEAT_SECONDS, from a thread of its
    own (the job itself may be busy for minutes). Stops with the attempt, or with the process."""

    def __init__(self, pk: int):
        self.pk = pk
        self.interval = lived_settings().jobs_heartbeat_seconds
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"lived-job-heartbeat-{pk}", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join(timeout=self.interval + 5)

    def _beat(self):
        try:
            while not self.stopped.wait(self.interval):
                Job.objects.filter(pk=self.pk, status=S.RUNNING).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("Heartbeat for job %s stopped", self.pk)
        finally:
            connection.close()  # this thread's own connection


# --- Attempts whose worker died ----------------------------------------------------------------------


def recover_lost_jobs(now: datetime.datetime | None = None) -> int:
    """Attempts still 'running' whose heartbeat stopped (their worker was killed): record each as a
    failed attempt and retry the job (or fail it, when no attempts are left). Safe with many workers
    at once: each lost job is taken by one of them. Returns how many were recovered."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=lived_settings().jobs_lost_after_seconds)
    recovered = 0
    with transaction.atomic():
        running = Job.objects.select_for_update(skip_locked=True).filter(status=S.RUNNING)
        lost = running.filter(heartbeat_at__lt=cutoff)
        for job_row in lost:
            # The queue's row for the dead attempt would otherwise say "running" for ever.
            DBTaskResult.objects.filter(id=job_row.task_result_id, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="lived.jobs.queue.WorkerLost",
                traceback=LOST_ERROR,
            )
            _record_failure(job_row, None, LOST_ERROR)
            recovered += 1
    return recovered
