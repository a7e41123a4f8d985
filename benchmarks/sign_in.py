"""Benchmark: the sign-in POST under load, with production's password hasher, against gunicorn.

Run: .venv/bin/python benchmarks/sign_in.py   (or `make bench`; about two minutes)

Makes a scratch PostgreSQL database (BENCH_DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/,
a database named lived_bench_sign_in_<pid>, dropped at the end), migrates it and runs collectstatic
into a temporary folder with the production settings, then for each PBKDF2-HMAC-SHA256 iteration count
(Django 5.2's 1,000,000 and OWASP's 600,000, which production uses) gives 20 staff accounts passwords
hashed at that count, starts gunicorn (2 sync workers, 127.0.0.1:18500) and signs in from 1, 5 and 20
threads at once for a bounded time each. Each thread opens the sign-in page (not timed, for its CSRF
token) and posts it (timed: checking the password, the session, the audit row). Prints the median, p95
and sign-ins per second per level. Everything listens on loopback and stops by itself.

Options: --seconds N per level (default 12), --levels 1,5,20, --iterations 1000000,600000,
--workers 2, --port 18500.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "a long fictional password for benchmarking only"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
USERS = 20

SETTINGS = """
from lived.config.settings.production import *  # noqa: F403
from lived.accounts.hashers import OwaspPBKDF2PasswordHasher


class BenchHasher(OwaspPBKDF2PasswordHasher):
    iterations = {iterations}


PASSWORD_HASHERS = ["bench_settings.BenchHasher"]
"""

MAKE_USERS = """
from django.contrib.auth.hashers import make_password
from lived.accounts.models import User
password = make_password({password!r})
for n in range({users}):
    User.objects.update_or_create(
        username=f"bench{{n}}", defaults={{"password": password, "is_active": True}}
    )
print(password.split("$")[1])
"""


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)


def sign_in_once(port: int, username: str) -> float:
    """Open the sign-in page, then post it; returns the POST's seconds (302 expected)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"X-Forwarded-For": "127.0.0.1"}
    conn.request("GET", "/accounts/sign-in/", headers=headers)
    page = conn.getresponse()
    body = page.read().decode()
    cookies = [c.split(";", 1)[0] for c in page.headers.get_all("Set-Cookie") or []]
    token = TOKEN.search(body).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    headers |= {"Cookie": "; ".join(cookies), "Content-Type": "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    conn.request("POST", "/accounts/sign-in/", body=form, headers=headers)
    answer = conn.getresponse()
    answer.read()
    took = time.perf_counter() - started
    conn.close()
    if answer.status != 302:
        raise RuntimeError(f"sign-in answered {answer.status}")
    return took


def level(port: int, threads: int, seconds: float) -> dict:
    times, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n):
        while time.monotonic() < deadline:
            try:
                took = sign_in_once(port, f"bench{n % USERS}")
            except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                times.append(took)

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.monotonic() - started
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else None
    return {
        "threads": threads,
        "n": len(times),
        "errors": len(errors),
        "median": statistics.median(times) if times else None,
        "p95": p95,
        "per_second": len(times) / wall,
    }


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped: " + server.stderr.read().decode()[-2000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/live")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--levels", default="1,5,20")
    parser.add_argument("--iterations", default="1000000,600000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=18500)
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    server_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/").rstrip("/")
    server_url = server_url.rsplit("/", 1)[0] if server_url.count("/") > 2 else server_url
    database = f"lived_bench_sign_in_{os.getpid()}"

    import psycopg

    admin = psycopg.connect(server_url + "/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{database}"')
    static_root = tempfile.mkdtemp(prefix="lived-bench-static-")
    settings_dir = tempfile.mkdtemp(prefix="lived-bench-settings-")
    results = []
    try:
        base_env = {
            **os.environ,
            "DATABASE_URL": f"{server_url}/{database}",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": static_root,
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "lived.config.settings.production",
        }
        print(f"Migrating {database} and collecting static files …", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput"], base_env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], base_env)
        run([PYTHON, "manage.py", "createcachetable"], base_env)
        for iterations in [int(x) for x in args.iterations.split(",")]:
            Path(settings_dir, "bench_settings.py").write_text(SETTINGS.format(iterations=iterations))
            env = {
                **base_env,
                "DJANGO_SETTINGS_MODULE": "bench_settings",
                "PYTHONPATH": os.pathsep.join([settings_dir, str(ROOT)]),
            }
            made = run(
                [PYTHON, "manage.py", "shell", "-c", MAKE_USERS.format(password=PASSWORD, users=USERS)], env
            ).stdout.split()[-1]
            assert int(made) == iterations, made
            server = subprocess.Popen(
                [
                    str(Path(PYTHON).with_name("gunicorn")),
                    "--bind",
                    f"127.0.0.1:{args.port}",
                    "--workers",
                    str(args.workers),
                    "--timeout",
                    "120",
                    "lived.config.wsgi:application",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                wait_until_up(args.port, server)
                sign_in_once(args.port, "bench0")  # warm both workers' imports
                sign_in_once(args.port, "bench1")
                for threads in levels:
                    row = level(args.port, threads, args.seconds)
                    row["iterations"] = iterations
                    results.append(row)
                    print(
                        f"PBKDF2 {iterations:>9,} iterations, {threads:>2} at once: "
                        f"median {row['median'] * 1000:7.0f} ms, p95 {row['p95'] * 1000:7.0f} ms, "
                        f"{row['per_second']:.2f} sign-ins/s, {row['n']} sign-ins, {row['errors']} errors",
                        flush=True,
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(settings_dir, ignore_errors=True)
    print("\n| PBKDF2 iterations | at once | sign-ins | median | p95 | sign-ins/s | errors |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['iterations']:,} | {r['threads']} | {r['n']} | {r['median'] * 1000:.0f} ms "
            f"| {r['p95'] * 1000:.0f} ms | {r['per_second']:.2f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
