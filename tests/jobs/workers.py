"""Running queued jobs in a test: a real django-tasks-db worker loop, in this process, against the
test database (the queue tests with separate worker processes are in test_workers.py)."""

from django_tasks_db.management.commands.db_worker import Worker


def run_worker(worker_id: str = "test-worker") -> None:
    """Run every queued attempt that is due now, then stop (the worker's --batch mode).

    The loop runs inside the test's own transaction, so the worker's close_old_connections() (which
    closes a connection that is not in autocommit) would end it on PostgreSQL. Here it is a no-op;
    the real worker processes, connections and all, are tested in test_workers.py."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _worker(worker_id).run()


def _worker(worker_id: str) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
