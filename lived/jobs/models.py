"""What Lived keeps about each background job, beside the queue's own rows.

django-tasks (with the django-tasks-db backend) holds one row per *attempt* (`DBTaskResult`) and
runs it once; it knows nothing of retries, idempotency keys or progress. A `Job` is the thing a
person or the schedule asked for: it has a unique key (asking twice gives the same job), counts its
attempts, keeps the last error for administrators, and points at the queue row of its latest attempt.
"""

from django.db import models

from lived.core.models import LivedModel


class Job(LivedModel):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        RETRYING = "retrying", "Failed, will try again"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed, not tried again"

    # The dotted path of the Lived job (a `lived.jobs.queue.JobSpec`): lived.reviews.tasks.raise_due_reviews.
    task_path = models.CharField(max_length=200)
    # Asking for a job with a key that exists gives the existing job: nothing is queued twice.
    key = models.CharField(max_length=200, unique=True)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField()
    run_after = models.DateTimeField(null=True, blank=True)
    # The queue row (django-tasks result id) of the latest attempt.
    task_result_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Moved on every few seconds while an attempt runs: a stale one means the worker died mid-job.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_traceback = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="jobs_status_heartbeat_idx")]

    def __str__(self) -> str:
        return self.key

    @property
    def name(self) -> str:
        return self.task_path.rsplit(".", 1)[-1].replace("_", " ")

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class JobProgress(models.Model):
    """How far a long job has got, written by the job as it goes, read by its progress page."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="progress")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.done} of {self.total}"
