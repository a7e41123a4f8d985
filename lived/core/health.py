"""Health endpoints for load balancers and process managers, open without signing in.

/health/live says the process answers (it touches nothing else). /health/ready says it can do its
work: the database answers, every migration is applied, and the job queue's table can be read. It
is 200 when every check passes and 503 when any fails. Both say nothing else: no versions, hosts or
error text, only each check's name and whether it passed (why a check failed is in the log).
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

logger = logging.getLogger("lived.health")

PASS, FAIL, SKIP = "pass", "fail", "skip"
# The job queue (django-tasks' database backend): the app that holds its table, and its app label.
QUEUE_APP = "django_tasks_db"
QUEUE_LABEL = "django_tasks_database"


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def queue_installed() -> bool:
    return apps.is_installed(QUEUE_APP)


def queue_readable() -> bool:
    apps.get_model(QUEUE_LABEL, "DBTaskResult").objects.exists()
    return True


def run_checks() -> dict[str, str]:
    checks = {"database": database_answers, "migrations": migrations_applied}
    results = {}
    if queue_installed():
        checks["queue"] = queue_readable
    else:
        results["queue_not_installed"] = SKIP
    for name, check in checks.items():
        if results.get("database") == FAIL:
            # The others need the database: asking again would only wait for it again.
            results[name] = FAIL
            continue
        try:
            results[name] = PASS if check() else FAIL
        except Exception:
            # Logged as type and frames only (lived/config/logging.py); the answer says just "fail".
            logger.warning("Health check failed: %s", name, exc_info=True)
            results[name] = FAIL
    return dict(sorted(results.items()))


@method_decorator(never_cache, name="dispatch")
class Live(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@method_decorator(never_cache, name="dispatch")
class Ready(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        checks = run_checks()
        ready = all(result != FAIL for result in checks.values())
        return JsonResponse(
            {"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503
        )
