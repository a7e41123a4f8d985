"""Work that runs on a timer, defined in code, and queued by the workers themselves.

Every worker (`manage.py db_worker`, ADR 0015) calls `housekeeping()` when it starts and then every
LIVED_JOBS_HOUSEKEEPING_SECONDS: it queues each entry's latest occurrence under the key
"<name>:<date>" and recovers attempts whose worker died. The key is unique, so however many workers
do this at once, each occurrence is queued (and so run) once. Nothing else has to be started: no
cron, no separate scheduler process.

Only the latest occurrence is queued: a worker that was stopped for three days queues today's
run, not three. Each job here catches up by itself (raising due reviews raises everything due).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string

from lived.jobs.models import Job
from lived.jobs.queue import recover_lost_jobs

logger = logging.getLogger("lived.jobs")


@dataclass(frozen=True)
class Daily:
    """Run the job at `path` once a day at `at` (local time, Europe/London), with `on_date`."""

    name: str
    path: str
    at: datetime.time

    def latest_occurrence(self, now: datetime.datetime) -> datetime.date:
        local = timezone.localtime(now)
        return local.date() if local.time() >= self.at else local.date() - datetime.timedelta(days=1)

    def key(self, day: datetime.date) -> str:
        return f"{self.name}:{day.isoformat()}"


SCHEDULE = [
    # Scheduled reviews 14 days before they fall due (lived/reviews), before the early shift.
    Daily("raise_due_reviews", "lived.reviews.tasks.raise_due_reviews", datetime.time(6, 0)),
    # The next 14 days' support sessions from the agreed plans (lived/rota), before the early shift.
    Daily("generate_sessions", "lived.rota.tasks.generate_sessions", datetime.time(5, 30)),
    # Files made by jobs (plan PDF packs) are removed once their retention period is over.
    Daily("remove_expired_job_files", "lived.jobs.tasks.remove_expired_job_files", datetime.time(2, 30)),
    # The queue's own rows for finished attempts are pruned after LIVED_JOBS_KEEP_DAYS.
    Daily("prune_finished_jobs", "lived.jobs.tasks.prune_finished_jobs", datetime.time(2, 45)),
]


def enqueue_scheduled_jobs(now: datetime.datetime | None = None) -> list[Job]:
    """Queue the latest occurrence of every schedule entry, once each (see the module docstring)."""
    now = now or timezone.now()
    jobs = []
    for entry in SCHEDULE:
        day = entry.latest_occurrence(now)
        jobs.append(import_string(entry.path).enqueue(key=entry.key(day), on_date=day.isoformat()))
    return jobs


def housekeeping(now: datetime.datetime | None = None) -> None:
    """What every worker does on its timer. Never raises: a worker must outlive a database blip."""
    try:
        recovered = recover_lost_jobs(now)
        if recovered:
            logger.warning("Recovered %s job attempt(s) whose worker had stopped", recovered)
        enqueue_scheduled_jobs(now)
    except Exception:
        logger.exception("Job housekeeping failed; trying again at the next tick")
