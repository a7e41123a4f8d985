"""manage.py db_worker: django-tasks-db's worker, plus what Lived's jobs need from every worker.

Same options as the library's command (`--help`). Before the first job and then every
LIVED_JOBS_HOUSEKEEPING_SECONDS, from a thread of its own, the worker queues what the schedule says
is due and recovers attempts whose worker died (lived/jobs/schedule.py). Run as many as you like: the
queue gives each attempt to one worker, and each scheduled occurrence is queued once (ADR 0015).

This command takes the library's name on purpose (lived.jobs is listed before django_tasks_db in
INSTALLED_APPS), so the one command a deployment knows runs Lived's worker."""

import os
import threading

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from lived.core.conf import lived_settings
from lived.jobs.schedule import housekeeping


class Command(LibraryWorkerCommand):
    help = "Run a Lived background worker: queued jobs, the daily schedule, and recovery of lost jobs."

    def handle(self, *args, **options):
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not reloading_parent:  # with --reload, only the child process that runs jobs does this
            housekeeping()
            interval = lived_settings().jobs_housekeeping_seconds
            ticker = threading.Thread(target=_every, args=(interval,), name="lived-jobs-timer", daemon=True)
            ticker.start()
        super().handle(*args, **options)


def _every(interval: float) -> None:
    stop = threading.Event()
    while not stop.wait(interval):
        housekeeping()
