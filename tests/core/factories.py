"""Core for tests: Python code run in a fresh process with the production settings."""

import os
import subprocess
import sys

from django.conf import settings


def run_with_production_settings(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lived.config.settings.production",
        "SECRET_KEY": "test-only-not-a-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    environment.pop("SENTRY_DSN", None)
    setup = "import django, logging, sentry_sdk; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
