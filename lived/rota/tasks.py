"""The rota's background jobs. `run_allocation` solves one run of the allocation for a service's week
(lived/rota/allocation.py), with its progress on the planner's page. `generate_sessions` runs daily
from the schedule (lived/jobs/schedule.py) and makes, at every service, the sessions the agreed
plans give for the next SCHEDULED_DAYS days; `manage.py generate_sessions` does the same for one
service at once. Idempotent (each session has a unique generation key), so a retry, or a second run
for the same day, makes nothing new."""

import datetime

from lived.jobs.queue import JobContext, job
from lived.organisations.models import Service
from lived.rota import allocation as allocation_mod
from lived.rota.services import make_sessions_from_plans
from lived.rota.solver.assignment import solve

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


@job(max_attempts=3, backoff_seconds=10)
def run_allocation(context: JobContext, *, allocation_id: str) -> dict:
    """Solve one run of the allocation (lived.rota.allocation) and save its rota. Idempotent: a run
    that is no longer queued or running (an earlier attempt saved it, or a newer run replaced it) is
    left alone, and the rows are saved in one transaction with the run becoming ready."""
    allocation = allocation_mod.mark_running(allocation_id)
    if allocation is None:
        return {"allocation": allocation_id, "saved": False}
    try:
        context.progress(0, 3, "Reading the week's sessions, staff and preferences")
        week = allocation_mod.build_problem(
            allocation.week.service, allocation.week.week_start, published=allocation.based_on
        )
        context.progress(1, 3, f"Finding the best rota for {len(week.sessions)} sessions")
        rota = solve(week.problem, time_limit=allocation.time_limit_seconds, threads=2)
        context.progress(2, 3, "Saving the rota")
        saved = allocation_mod.save_rota(allocation, week, rota)
        context.progress(3, 3, "The rota is ready to check")
    except Exception:
        if context.attempt >= context.job.max_attempts:
            allocation_mod.fail_run(allocation_id, "The allocation could not finish. Run it again.")
        raise
    return {"allocation": allocation_id, "saved": saved, "status": str(rota.status)}
