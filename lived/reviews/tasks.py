"""Reviews' background jobs. `raise_due_reviews` runs daily from the schedule (lived/jobs/schedule.py);
`manage.py raise_due_reviews` does the same work at once, for catching up by hand."""

import datetime

from lived.jobs.queue import JobContext, job
from lived.reviews.services import schedule_due_reviews


@job(max_attempts=5, backoff_seconds=60)
def raise_due_reviews(context: JobContext, *, on_date: str) -> dict:
    """Raise the scheduled reviews falling due as of `on_date`. Idempotent (each review has a dedupe
    key), so a retry, or a second run for the same day, raises nothing new."""
    return {"raised": schedule_due_reviews(today=datetime.date.fromisoformat(on_date))}
