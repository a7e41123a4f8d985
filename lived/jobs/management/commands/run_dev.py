"""manage.py run_dev [ADDRESS:PORT]: the development server and a background worker together, so on a
laptop `make run` is all there is. The worker stops when the server stops (Ctrl+C)."""

import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(BaseCommand):
    help = "Run the development server with a background worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The server's reloader runs this command again in a child process: one worker is enough.
            call_command("runserver", options["addrport"])
            return
        # Without --reload: a reloading worker is two processes, and stopping one could leave the other.
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "2"]
        )
        self.stdout.write(f"Background worker started (process {worker.pid}).")
        # Stopped from outside (an editor's stop button): stop the worker too, as for Ctrl+C.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", options["addrport"])
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
            self.stdout.write("Background worker stopped.")
