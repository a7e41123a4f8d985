"""The rota's background job. `generate_sessions` runs daily from the schedule (lived/jobs/schedule.py)
and makes, at every service, the sessions the agreed plans give for the next SCHEDULED_DAYS days;
`manage.py generate_sessions` does the same for one service at once. Idempotent (each session has a
unique generation key), so a retry, or a second run for the same day, makes nothing new."""

import datetime

from lived.jobs.queue import JobContext, job
from lived.organisations.models import Service
from lived.rota.services import make_sessions_from_plans

# How far ahead the daily run keeps the sessions made: two weeks, what a manager plans a rota over.
SCHEDULED_DAYS = 14


@job(max_attempts=5, backoff_seconds=60)
def generate_sessions(context: JobContext, *, on_date: str) -> dict:
    """Make the next SCHEDULED_DAYS days' sessions from `on_date` at every service, as Lived (automatic)."""
    day = datetime.date.fromisoformat(on_date)
    totals = {"created": 0, "updated": 0, "cancelled": 0}
    services = list(Service.objects.order_by("pk"))
    for done, service in enumerate(services, start=1):
        result = make_sessions_from_plans(None, service, day, SCHEDULED_DAYS, today=day)
        totals["created"] += result.created
        totals["updated"] += result.updated
        totals["cancelled"] += result.cancelled
        context.progress(done, len(services), service.name)
    return totals
