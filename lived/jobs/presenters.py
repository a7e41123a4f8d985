"""What the jobs pages show, in words."""

from django.urls import reverse
from django.utils.html import format_html

from lived.core.presenters import datetime_long
from lived.jobs.models import Job


def job_rows(jobs) -> list[list[dict]]:
    rows = []
    for job in jobs:
        link = reverse("jobs:job", args=[job.public_id])
        rows.append(
            [
                {"html": format_html('<a href="{}">{}</a>', link, job.name)},
                {"text": job.get_status_display()},
                {"text": f"{job.attempts} of {job.max_attempts}"},
                {"text": when(job)},
                {"text": job.last_error or "None"},
            ]
        )
    return rows


def when(job: Job) -> str:
    if job.status == Job.Status.RETRYING and job.run_after:
        return f"Next try {datetime_long(job.run_after)}"
    if job.finished_at:
        return f"Finished {datetime_long(job.finished_at)}"
    if job.started_at:
        return f"Started {datetime_long(job.started_at)}"
    return f"Asked for {datetime_long(job.created_at)}"


def progress_of(job: Job) -> dict:
    """done, total, percent and a sentence, for the bar and for screen readers."""
    progress = getattr(job, "progress", None)  # None when the job has not reported any
    done, total = (progress.done, progress.total) if progress else (0, 0)
    if job.status == Job.Status.SUCCEEDED:
        sentence = "Finished."
        total = total or 1
        done = total
    elif job.status == Job.Status.FAILED:
        sentence = "It failed and will not be tried again."
    elif job.status == Job.Status.RETRYING:
        sentence = "It failed and will be tried again shortly."
    elif progress and progress.total:
        sentence = progress.message or f"{done} of {total} done."
    else:
        sentence = "Waiting to start." if job.status == Job.Status.WAITING else "Starting."
    percent = round(100 * done / total) if total else 0
    finished = job.is_finished
    return {"done": done, "total": total, "percent": percent, "sentence": sentence, "finished": finished}
