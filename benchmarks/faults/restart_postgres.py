"""Fault: restart PostgreSQL under load. The app must recover by itself, and requests during the
outage must get the plain "try again" page (503), never a stack trace or a bare error.

    .venv/bin/python benchmarks/faults/restart_postgres.py

Never touches the shared server: it creates a scratch cluster of its own (pg_createcluster, port
55432, trust on loopback only), loads the demo into it, and drops the cluster at the end. Eight
signed-in staff (threads) open the briefing and record notes without pause; a note that does not get
its "saved" answer is sent again with the same idempotency key until it does, as the phone's outbox
does. After a few seconds the cluster is restarted (`pg_ctlcluster restart -m fast`). Run twice: with
Django's CONN_HEALTH_CHECKS off (as base settings are today) and on. gunicorn runs with
benchmarks/faults/settings_health_checks.py (the production settings with CONN_HEALTH_CHECKS set).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
from common import Browser, build_site, form_with, gunicorn

VERSION = sorted(os.listdir("/etc/postgresql"))[-1]
CLUSTER = "p4fault"
CLUSTER_PORT = 55432
SERVER = f"postgres://postgres@127.0.0.1:{CLUSTER_PORT}"
DATABASE = "lived_p4_restart"
PORT = 18420
THREADS = 8
SECONDS = 30
RESTART_AT = 8
LOGS = Path(os.environ.get("LIVED_FAULT_LOGS", "/tmp/lived-restart-logs"))
OTHER_TITLES: dict[int, str] = {}


def classify(response) -> str:
    if response.status_code in (200, 302):
        return "ok"
    text = response.text
    title = re.search(r"<title>([^<]*)</title>", text)
    OTHER_TITLES[response.status_code] = (title.group(1).strip() if title else text[:80]).strip()
    if "Traceback" in text or "OperationalError" in text:
        return "stack trace"
    if response.status_code == 503 and "not available just now" in text:
        return "503 try again"
    return f"other {response.status_code}"


def signed_in(base: str) -> Browser:
    browser = Browser(base)
    browser.sign_in("faultworker")
    return browser


def staff_loop(browser: Browser, person: str, stop: threading.Event, log: list, keys: list):
    path = f"/people/{person}/notes/record/"
    pending = None
    n = 0
    while not stop.is_set():
        n += 1
        try:
            if pending is None and n % 2:
                response = browser.request("GET", "/briefing/", timeout=10)
                log.append((time.monotonic(), "GET /briefing/", classify(response)))
                continue
            if pending is None:
                page = browser.request("GET", path, timeout=10)
                log.append((time.monotonic(), "GET record note page", classify(page)))
                if page.status_code != 200:
                    continue
                form = form_with(page.text, "idempotency_key")
                pending = {k: v for k, v in form.items() if k not in ("steps", "actions")}
                pending.update(outcome=["note"], text=["Helped with the shopping list."])
                pending["idempotency_key"] = [str(uuid.uuid4())]
                keys.append(pending["idempotency_key"][0])
            response = browser.request("POST", path, data=pending, timeout=10)
            kind = classify(response)
            log.append((time.monotonic(), "POST record note", kind))
            if kind == "ok":
                pending = None
        except Exception as error:
            log.append((time.monotonic(), "request", f"no answer ({type(error).__name__})"))
            time.sleep(0.2)


def cluster(*args: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, *args], check=True)


def one_run(env: dict, made: dict, health_checks: bool, workdir: Path) -> list[str]:
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "benchmarks.faults.settings_health_checks",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "LIVED_FAULT_CONN_HEALTH_CHECKS": "true" if health_checks else "false",
    }
    log: list = []
    keys: list = []
    stop = threading.Event()
    LOGS.mkdir(parents=True, exist_ok=True)
    with gunicorn(env, PORT, 3, LOGS / f"gunicorn-health-checks-{health_checks}.log"):
        base = f"http://127.0.0.1:{PORT}"
        browsers = [signed_in(base) for _ in range(THREADS)]  # before the clock starts
        people = made["people"]
        threads = [
            threading.Thread(target=staff_loop, args=(b, people[i % len(people)], stop, log, keys))
            for i, b in enumerate(browsers)
        ]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(RESTART_AT)
        down = time.monotonic()
        cluster("restart", "-m", "fast")
        up = time.monotonic()
        time.sleep(SECONDS - RESTART_AT)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    with psycopg.connect(f"{SERVER}/{DATABASE}") as conn:
        saved = Counter(
            dict(
                conn.execute(
                    "SELECT idempotency_key::text, count(*) FROM notes_dailynote "
                    "WHERE idempotency_key = ANY(%s::uuid[]) GROUP BY 1",
                    [keys],
                ).fetchall()
            )
        )
    before = Counter(k for t, _, k in log if t < down)
    during = Counter(k for t, _, k in log if down <= t <= up + 1)
    after_ok = [t for t, _, k in log if t > up and k == "ok"]
    recovered = (min(after_ok) - up) if after_ok else float("nan")
    after = Counter(k for t, _, k in log if t > up + 1)
    first_after = sorted((t, k) for t, _, k in log if t > up)[: THREADS * 2]
    once = sum(1 for k in keys if saved.get(k) == 1)
    twice = sum(1 for k in keys if saved.get(k, 0) > 1)
    unsaved = sum(1 for k in keys if k not in saved)
    lines = [
        f"CONN_HEALTH_CHECKS={'on' if health_checks else 'off'}: restart took {up - down:.1f} s "
        f"(at {RESTART_AT} s of {SECONDS} s; {THREADS} staff; gunicorn 3 workers)",
        f"  before: {dict(before)}",
        f"  during the restart (+1 s): {dict(during)}",
        f"  first answers after it: {[k for _, k in first_after]}",
        f"  first success {recovered:.2f} s after the restart finished; afterwards: {dict(after)}",
        f"  notes: {len(keys)} keys sent, {once} saved exactly once, {twice} saved twice, {unsaved} not "
        "saved (a note still being retried when the run stopped)",
        f"  elapsed {time.monotonic() - start:.0f} s; other answers were titled: {OTHER_TITLES}",
    ]
    OTHER_TITLES.clear()
    return lines


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="lived-restart-"))
    subprocess.run(
        ["pg_createcluster", VERSION, CLUSTER, "--port", str(CLUSTER_PORT), "--start-conf", "manual"],
        check=True,
        capture_output=True,
    )
    lines: list[str] = []
    try:
        hba = Path(f"/etc/postgresql/{VERSION}/{CLUSTER}/pg_hba.conf")
        hba.write_text(
            "# Scratch cluster for benchmarks/faults/restart_postgres.py: loopback only, trust.\n"
            "local all postgres peer\nhost all all 127.0.0.1/32 trust\n"
        )
        conf = Path(f"/etc/postgresql/{VERSION}/{CLUSTER}/postgresql.conf")
        conf.write_text(conf.read_text() + "\nlisten_addresses = '127.0.0.1'\n")
        cluster("start")
        env, made = build_site(SERVER, DATABASE, str(workdir / "static"))
        for health_checks in (False, True):
            lines += one_run(env, made, health_checks, workdir)
            for line in lines[-7:]:
                print(line, flush=True)
    finally:
        subprocess.run(["pg_dropcluster", VERSION, CLUSTER, "--stop"], check=False)
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
