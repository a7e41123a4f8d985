"""Jobs used only by the tests: their effects are audit rows, so a double run shows as two rows.

The worker processes in test_workers.py import this module by its dotted path, as they would any job."""

import time
import uuid

from lived.core.models import AuditEvent
from lived.jobs.queue import GiveUp, JobContext, job

EFFECT = "tests.sample_effect"


def effects(label: str) -> int:
    return AuditEvent.objects.filter(object_type=EFFECT, what=label).count()


@job(max_attempts=3, backoff_seconds=30)
def record_once(context: JobContext, *, label: str, sleep: float = 0) -> str:
    """Not idempotent on purpose: every run adds a row, so running twice is seen."""
    AuditEvent.objects.create(object_type=EFFECT, object_public_id=uuid.uuid4(), what=label, action="create")
    time.sleep(sleep)
    return label


@job(max_attempts=3, backoff_seconds=1, backoff_max_seconds=1)
def record_then_sleep(context: JobContext, *, label: str, sleep: float) -> str:
    """Idempotent: the effect is written (and committed) first, once; then the job takes its time, so a
    worker can be killed after the effect and before the job is recorded as done."""
    if not effects(label):
        AuditEvent.objects.create(object_type=EFFECT, what=label, action="create")
    context.progress(1, 2, "effect written")
    if context.attempt == 1:
        time.sleep(sleep)  # long enough to be killed in
    return label


@job(max_attempts=3, backoff_seconds=30, backoff_max_seconds=100)
def always_fails(context: JobContext, *, label: str) -> None:
    raise RuntimeError(f"the printer is on fire ({label})")


@job(max_attempts=3, backoff_seconds=30)
def fails_first_time(context: JobContext, *, label: str) -> str:
    if context.attempt == 1:
        raise ConnectionError("the database went away for a moment")
    return "fine"


@job(max_attempts=5, backoff_seconds=30)
def gives_up(context: JobContext, *, label: str) -> None:
    raise GiveUp("there is nothing to retry")
