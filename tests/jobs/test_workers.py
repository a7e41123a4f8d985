"""Real worker processes (`manage.py db_worker`) on PostgreSQL: a worker killed with SIGKILL mid-job
has its job run again by another, with the job's effect once; three workers run twenty jobs, each
exactly once; and the same three queue and run the day's raise_due_reviews once between them.

They use a scratch database of their own, lived_p2_scratch, made and migrated once for this module
and dropped at the end. Skipped when no PostgreSQL answers (CI starts one: .ci/run)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

# One database of their own: the module runs on one test process, not split across them.
pytestmark = [pytest.mark.xdist_group("processes"), pytest.mark.processes]
ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("LIVED_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SCRATCH = "lived_p2_scratch"
ENV = {
    **os.environ,
    "DATABASE_URL": f"{SERVER}/{SCRATCH}",
    "DJANGO_SETTINGS_MODULE": "lived.config.settings.test",
    # Short clocks, so a killed worker's job is found lost in seconds, not minutes.
    "LIVED_JOBS_HEARTBEAT_SECONDS": "1",
    "LIVED_JOBS_LOST_AFTER_SECONDS": "3",
    "LIVED_JOBS_HOUSEKEEPING_SECONDS": "1",
}
ENQUEUE = "from tests.jobs import sample_jobs as s; import json; "


def _admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


class Observer:
    """The test's own view of the scratch database: a fresh connection for each statement, tried again
    if the server drops it. The workers under test hold their own connections; a dropped connection on
    the observing side (a server restart, an administrator's terminate) is not what these tests are
    about, and a long-lived observing connection made one CI run fail in set-up on AdminShutdown."""

    def __init__(self, url: str):
        self.url = url

    def execute(self, sql: str) -> "Rows":
        for attempt in range(5):
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                    cursor = conn.execute(sql)
                    return Rows(cursor.fetchall() if cursor.description else [])
            except psycopg.OperationalError:
                if attempt == 4:
                    raise
                time.sleep(1 + attempt)
        raise AssertionError("unreachable")


class Rows(list):
    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


@pytest.fixture(scope="module")
def scratch():
    try:
        _admin("SELECT 1")
    except psycopg.OperationalError:
        if os.environ.get("CI") == "true":
            pytest.fail("No PostgreSQL server to run worker processes against")  # never skipped in CI
        pytest.skip("No PostgreSQL server to run worker processes against")
    _admin(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
    _admin(f"CREATE DATABASE {SCRATCH}")
    try:
        manage("migrate", "--noinput", "-v", "0")
        yield Observer(ENV["DATABASE_URL"])
    finally:
        _admin(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


@pytest.fixture
def queue_db(scratch):
    """An empty queue for each test."""
    tables = "jobs_jobprogress, jobs_job, django_tasks_database_dbtaskresult, core_auditevent"
    scratch.execute(f"TRUNCATE {tables}")
    return scratch


def manage(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def enqueue(code: str):
    return json.loads(manage("shell", "-c", ENQUEUE + code).strip().splitlines()[-1])


def start_worker(name: str, tmp_path) -> subprocess.Popen:
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.1",
         "--no-startup-delay", "--worker-id", name],
        cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(*workers: subprocess.Popen) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(db, sql: str, wanted, timeout: float = 40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = db.execute(sql).fetchone()[0]
        if value == wanted:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{sql} never became {wanted!r} (last {value!r})")


SAMPLE = "task_path LIKE 'tests.jobs.sample_jobs.%'"


@pytest.fixture(scope="module")
def workers(scratch, tmp_path_factory):
    """Three workers for the module's tests after the killed-worker one (which needs the queue alone)."""
    logs = tmp_path_factory.mktemp("workers")
    started = [start_worker(f"w{i}", logs) for i in range(1, 4)]
    yield started
    stop(*started)


def test_a_worker_killed_mid_job_has_the_job_run_again_by_another_with_its_effect_once(queue_db, tmp_path):
    db = queue_db
    enqueue("print(json.dumps(s.record_then_sleep.enqueue(key='k', label='killed', sleep=60).key))")
    first = start_worker("doomed", tmp_path)
    try:
        # The effect is written and the job is still running (it sleeps): kill the worker there.
        wait_for(db, "SELECT count(*) FROM jobs_jobprogress WHERE done = 1", 1)
        assert db.execute("SELECT status FROM jobs_job WHERE key = 'k'").fetchone()[0] == "running"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        second = start_worker("rescuer", tmp_path)
        try:
            wait_for(db, "SELECT status FROM jobs_job WHERE key = 'k'", "succeeded", timeout=30)
        finally:
            stop(second)
    finally:
        stop(first)
    attempts, last_error = db.execute("SELECT attempts, last_error FROM jobs_job WHERE key = 'k'").fetchone()
    assert attempts == 2 and last_error.startswith("WorkerLost")
    effects = db.execute(
        "SELECT count(*) FROM core_auditevent WHERE object_type = 'tests.sample_effect' AND what = 'killed'"
    ).fetchone()[0]
    assert effects == 1
    rows = db.execute(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE args_kwargs->'args'->>0 ="
        " (SELECT public_id::text FROM jobs_job WHERE key = 'k') ORDER BY enqueued_at"
    ).fetchall()
    assert rows == [("FAILED", ["doomed"]), ("SUCCESSFUL", ["rescuer"])]


def test_worker_processes_run_twenty_jobs_each_exactly_once(queue_db, workers):
    db = queue_db
    enqueue(
        "print(json.dumps([s.record_once.enqueue(key=f'n{i}', label=f'n{i}', sleep=0.1).pk"
        " for i in range(20)]))"
    )
    wait_for(db, f"SELECT count(*) FROM jobs_job WHERE {SAMPLE} AND status = 'succeeded'", 20)
    effects = db.execute(
        "SELECT what, count(*) FROM core_auditevent WHERE object_type = 'tests.sample_effect' GROUP BY what"
    ).fetchall()
    assert sorted(effects) == sorted((f"n{i}", 1) for i in range(20))  # every job's effect, once
    sample_ids = f"SELECT public_id::text FROM jobs_job WHERE {SAMPLE}"
    attempts = db.execute(
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult"
        f" WHERE task_path = 'lived.jobs.queue.run_job' AND args_kwargs->'args'->>0 IN ({sample_ids})"
    ).fetchall()
    assert len(attempts) == 20 and all(len(ids) == 1 for (ids,) in attempts)
    assert len({ids[0] for (ids,) in attempts}) >= 2  # shared between the workers


def test_three_workers_queue_and_run_the_days_raise_due_reviews_once(queue_db, workers):
    db = queue_db  # emptied: every worker's next housekeeping tick (each second) queues it again
    done = "SELECT count(*) FROM jobs_job WHERE key LIKE 'raise_due_reviews:%' AND status = 'succeeded'"
    wait_for(db, done, 1)
    time.sleep(3)  # three more ticks on every worker
    keys = db.execute("SELECT key FROM jobs_job WHERE key LIKE 'raise_due_reviews:%'").fetchall()
    assert len(keys) == 1
    runs = db.execute(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE args_kwargs->'args'->>0 ="
        " (SELECT public_id::text FROM jobs_job WHERE key LIKE 'raise_due_reviews:%')"
    ).fetchone()[0]
    assert runs == 1
