"""The jobs app's own scheduled jobs: removing expired files and pruning finished queue rows."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lived.core.conf import lived_settings
from lived.jobs.files import job_files
from lived.jobs.models import Job
from lived.jobs.queue import JobContext, job


@job(max_attempts=3, backoff_seconds=300)
def remove_expired_job_files(context: JobContext, *, on_date: str) -> dict:
    """Delete files made by jobs that finished more than LIVED_JOB_FILES_RETENTION_HOURS ago.
    Idempotent: a file already gone is simply marked as removed."""
    cutoff = timezone.now() - datetime.timedelta(hours=lived_settings().job_files_retention_hours)
    storage = job_files()
    removed = 0
    for job_row in Job.objects.filter(finished_at__lt=cutoff, result__file__isnull=False).exclude(
        result__file=None
    ):
        name = job_row.result["file"]
        if storage.exists(name):
            storage.delete(name)
        job_row.result = {**job_row.result, "file": None, "file_removed_at": timezone.now().isoformat()}
        job_row.save(update_fields=["result", "updated_at"])
        removed += 1
    return {"removed": removed}


@job(max_attempts=3, backoff_seconds=300)
def prune_finished_jobs(context: JobContext, *, on_date: str) -> dict:
    """Forget jobs (and the queue's rows for their attempts) finished more than LIVED_JOBS_KEEP_DAYS
    ago. Files are removed well before (remove_expired_job_files)."""
    cutoff = timezone.now() - datetime.timedelta(days=lived_settings().jobs_keep_days)
    queue_rows, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    old = Job.objects.filter(finished_at__lt=cutoff, status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED])
    storage = job_files()
    for job_row in old:
        name = (job_row.result or {}).get("file") if isinstance(job_row.result, dict) else None
        if name and storage.exists(name):
            storage.delete(name)
    jobs, _ = old.delete()
    return {"queue_rows": queue_rows, "jobs": jobs}
