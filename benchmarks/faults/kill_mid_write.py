"""Fault: kill -9 the web worker in the middle of saving a daily note, and in the middle of agreeing a
plan version. Afterwards there must be no partial rows, and the retry must save exactly once.

    .venv/bin/python benchmarks/faults/kill_mid_write.py

How the kill is made to land mid-transaction, every time, with no hook in Lived's code: the script
holds `LOCK TABLE core_auditevent IN EXCLUSIVE MODE` in a transaction of its own. Every service writes
its audit row last, inside its transaction, so the request stops there with its other rows written
but not committed. The script waits until PostgreSQL shows that backend waiting on the lock *and*
holding a row lock on the table it has just written (notes_dailynote, plans_planversion), sends
SIGKILL to the gunicorn worker (the only one: --workers 1), then releases the lock.

Checks: every table's row count is what it was before the request; the note's idempotency key is not
saved; the draft is still a draft and the old version still the agreed one. Then the same request is
sent again (same idempotency key; same opened version) and saved once; and a third time, still once.

Uses a scratch database, lived_p4_faults, on the local server, and port 18410; both are removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from common import Browser, build_site, form_with, gunicorn, worker_pids

SERVER = os.environ.get("LIVED_FAULT_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "lived_p4_faults"
PORT = 18410


def table_counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    ]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def stall_kill_release(conn_url: str, master, send, written_table: str) -> dict:
    """Lock the audit table, send the request in a thread, wait until its backend is stuck on the
    audit insert having written `written_table`, SIGKILL the worker, release. Returns what was seen."""
    seen: dict = {}
    locker = psycopg.connect(conn_url)
    watcher = psycopg.connect(conn_url, autocommit=True)
    try:
        locker.execute("LOCK TABLE core_auditevent IN EXCLUSIVE MODE")
        outcome: dict = {}

        def go():
            try:
                outcome["response"] = send()
            except Exception as error:  # the worker died under the request: what a phone sees
                outcome["error"] = type(error).__name__

        thread = threading.Thread(target=go)
        thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            row = watcher.execute(
                """
                SELECT a.pid, left(a.query, 60) FROM pg_stat_activity a
                WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'
                  AND a.query LIKE 'INSERT INTO "core_auditevent"%%'
                  AND EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                              WHERE l.pid = a.pid AND c.relname = %s AND l.mode = 'RowExclusiveLock')
                """,
                [written_table],
            ).fetchone()
            if row:
                seen["backend"], seen["stuck_on"] = row
                break
            time.sleep(0.05)
        else:
            raise SystemExit("the request never reached its audit insert")
        workers = worker_pids(master)
        assert len(workers) == 1, workers
        seen["worker"] = workers[0]
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(0.5)
        locker.rollback()  # release the lock; the dead client's transaction can only roll back now
        thread.join(timeout=30)
        seen["client"] = outcome.get("error") or f"HTTP {outcome['response'].status_code}"
        deadline = time.monotonic() + 30
        while watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [seen["backend"]]).fetchone():
            if time.monotonic() > deadline:
                raise SystemExit("the killed worker's backend is still there")
            time.sleep(0.1)
        # Wait for gunicorn to start a new worker.
        deadline = time.monotonic() + 30
        while not worker_pids(master) or worker_pids(master) == workers:
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not replace the killed worker")
            time.sleep(0.2)
        time.sleep(2)
    finally:
        locker.close()
        watcher.close()
    return seen


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="lived-faults-"))
    url = f"{SERVER}/{DATABASE}"
    results = []
    try:
        env, made = build_site(SERVER, DATABASE, str(workdir / "static"))
        with gunicorn(env, PORT, 1, workdir / "gunicorn.log") as master:
            base = f"http://127.0.0.1:{PORT}"
            check = psycopg.connect(url, autocommit=True)

            # 1. A daily note.
            worker = Browser(base)
            worker.sign_in("faultworker")
            person = made["people"][0]
            path = f"/people/{person}/notes/record/"
            form = form_with(worker.request("GET", path).text, "idempotency_key")
            data = {k: v for k, v in form.items() if k not in ("steps", "actions")}
            key = str(uuid.uuid4())
            data.update(outcome=["note"], text=["We cooked pasta together."], idempotency_key=[key])
            before = table_counts(check)
            seen = stall_kill_release(
                url, master, lambda: worker.request("POST", path, data=data), "notes_dailynote"
            )
            after = table_counts(check)
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            saved = check.execute(
                "SELECT count(*) FROM notes_dailynote WHERE idempotency_key = %s", [key]
            ).fetchone()[0]
            retry = worker.request("POST", path, data=data)
            once = check.execute(
                "SELECT count(*) FROM notes_dailynote WHERE idempotency_key = %s", [key]
            ).fetchone()[0]
            again = worker.request("POST", path, data=data)
            still = check.execute(
                "SELECT count(*) FROM notes_dailynote WHERE idempotency_key = %s", [key]
            ).fetchone()[0]
            results.append(
                (
                    "Daily note",
                    seen,
                    changed,
                    saved,
                    f"{retry.status_code}, saved {once}",
                    f"{again.status_code}, saved {still}",
                )
            )

            # 2. Agreeing a plan version.
            senior = Browser(base)
            senior.sign_in("faultsenior")
            draft = made["drafts"][0]
            path = f"/people/{draft['person']}/plan/versions/{draft['number']}/respond/"
            form = form_with(senior.request("GET", path).text, "persons_words")
            data = dict(form)
            data.update(agrees=["true"], persons_words=["Yes, that's me. Keep the morning tea."])
            statuses = """
                SELECT v.number, v.status FROM plans_planversion v
                JOIN plans_supportplan p ON p.id = v.plan_id JOIN people_person pe ON pe.id = p.person_id
                WHERE pe.public_id = %s ORDER BY v.number"""
            before = table_counts(check)
            versions_before = check.execute(statuses, [uuid.UUID(draft["person"])]).fetchall()
            seen = stall_kill_release(
                url, master, lambda: senior.request("POST", path, data=data), "plans_planversion"
            )
            after = table_counts(check)
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            versions_after = check.execute(statuses, [uuid.UUID(draft["person"])]).fetchall()
            agreed_audit = """SELECT count(*) FROM core_auditevent WHERE what LIKE '%%: agreed by the person'
                              AND person_public_id = %s"""
            after_kill = check.execute(agreed_audit, [uuid.UUID(draft["person"])]).fetchone()[0]
            retry = senior.request("POST", path, data=data)
            once = check.execute(agreed_audit, [uuid.UUID(draft["person"])]).fetchone()[0] - after_kill
            versions_retry = check.execute(statuses, [uuid.UUID(draft["person"])]).fetchall()
            again = senior.request("POST", path, data=data)
            still = check.execute(agreed_audit, [uuid.UUID(draft["person"])]).fetchone()[0] - after_kill
            results.append(
                (
                    "Agreeing a plan version",
                    seen,
                    changed,
                    f"versions {versions_before} → {versions_after}",
                    f"{retry.status_code}, agreement audited {once}× → {versions_retry}",
                    f"{again.status_code} (already agreed: nothing changed), agreement audited {still}×",
                )
            )
            check.close()
    finally:
        from common import admin

        admin(SERVER, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        "| Write | Killed while | Client saw | Rows changed by the killed request | Saved after the kill "
        "| Retry | Retry again |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, seen, changed, saved, retry, again in results:
        print(
            f"| {name} | worker {seen['worker']} blocked in `{seen['stuck_on']}…` | {seen['client']} | "
            f"{changed or 'none'} | {saved} | {retry} | {again} |"
        )


if __name__ == "__main__":
    main()
