"""The load benchmark: Lived under gunicorn on PostgreSQL on loopback, at 20 and at 100 simulated staff.

    .venv/bin/python benchmarks/load/run.py                 # both runs, 90 s each
    .venv/bin/python benchmarks/load/run.py --users 20 --seconds 30

What it does, and undoes:
1. Creates the scratch PostgreSQL database lived_p4_load (dropped first if a failed run left it), and
   loads the fictional demo into it (migrate, load_demo, with the development settings: the demo
   refuses production), then with the production settings adds the load's own staff (support
   workers, seniors and managers at Riverside and Harbour House, each with a password hashed by the
   production hasher) and opens a new draft of every agreed plan there for the seniors to edit.
2. collectstatic into a temporary folder, then starts gunicorn with lived/config/gunicorn.conf.py
   (workers from it: 2 x cores + 1) on 127.0.0.1:18400 with the production settings. Only two
   things differ from a real deployment, both because there is no TLS proxy here: the requests carry
   the proxy's X-Forwarded-Proto header themselves, and two-factor is off (the load's staff have no
   authenticator app; a TOTP check is one HMAC at sign-in, not a cost per page).
3. Runs locust headless (benchmarks/load/locustfile.py) at each user count for a bounded time,
   spawning at most 5 users a second, with a hard stop (locust's own --run-time, and a kill if it
   overruns by a minute).
4. Prints requests per second, p50/p95/p99 and errors per page, for the steady phase (every user
   running) and sign-in on its own, checks in the database that no note was saved twice, prints the
   tables as Markdown (for benchmarks/RESULTS.md), stops gunicorn and drops the database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The process helpers the fault runs use too (benchmarks/faults/common.py): one copy of each.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "faults"))
import common  # noqa: E402
from common import admin, in_django, sh  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = str(Path(sys.executable))
BIN = Path(sys.executable).parent
SERVER = os.environ.get("LIVED_LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "lived_p4_load"
PORT = int(os.environ.get("LIVED_LOAD_PORT", "18400"))
PASSWORD = "load-test-password-" + secrets.token_hex(4)  # fictional staff of a scratch database
WORKERS, SENIORS, MANAGERS = 60, 20, 20

PREPARE = r"""
import json, sys
from django.contrib.auth.hashers import make_password
from lived.accounts.models import Role, ServiceRole, User
from lived.organisations.models import Service
from lived.people.models import Person
from lived.plans import services as plan_services
from lived.plans.models import PlanVersion, SupportPlan

password, workers, seniors, managers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
hashed = make_password(password)  # once: the production hasher, the same hash for every load account
names = ["Riverside Supported Living", "Harbour House"]
sites = list(Service.objects.filter(name__in=names).order_by("name"))
assert len(sites) == 2, "the demo services Riverside Supported Living and Harbour House are needed"

def staff(prefix, n, role, both=False):
    made = []
    for i in range(n):
        user = User.objects.create(username=f"{prefix}{i:03d}", password=hashed, first_name=prefix.title(),
                                   last_name=f"Load {i:03d}")
        for service in (sites if both else [sites[i % 2]]):
            ServiceRole.objects.create(user=user, service=service, role=role)
        made.append(user)
    return made

out = {"password": password, "worker": [], "senior": [], "manager": []}
for user in staff("loadworker", workers, Role.SUPPORT_WORKER):
    people = [str(p) for p in Person.objects.visible_to(user).values_list("public_id", flat=True)]
    out["worker"].append({"username": user.username, "people": people})
senior_users = staff("loadsenior", seniors, Role.SENIOR, both=True)
parts = []
for plan in SupportPlan.objects.filter(person__service__in=sites).select_related("person"):
    if not plan.versions.filter(status=PlanVersion.Status.AGREED).exists():
        continue
    draft = plan_services.start_new_draft(actor=senior_users[0], plan=plan, reason="Load test: reviewing")
    for outcome in draft.outcomes.all():
        parts.append(f"/people/{plan.person.public_id}/plan/versions/{draft.number}/outcomes/{outcome.public_id}/")
for i, user in enumerate(senior_users):
    mine = parts[i::len(senior_users)] or [parts[i % len(parts)]]
    out["senior"].append({"username": user.username, "parts": mine})
for user in staff("loadmanager", managers, Role.MANAGER, both=True):
    out["manager"].append({"username": user.username})
out["draft_parts"] = len(parts)
print(json.dumps(out))
"""

COUNTS = r"""
import json
from django.db.models import Count
from lived.notes.models import DailyNote
twice = DailyNote.objects.values("idempotency_key").annotate(n=Count("pk")).filter(n__gt=1).count()
by_load = DailyNote.objects.filter(author__username__startswith="loadworker").count()
print(json.dumps({"notes_by_load": by_load, "keys_saved_twice": twice}))
"""


def base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "SENTRY_"))}
    env["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    return env


def production_env(static_root: str) -> dict:
    return common.production_env(f"{SERVER}/{DATABASE}", static_root)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not listen on {port}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


SIGN_IN = ("GET sign-in page", "POST sign-in")


def summarise(samples: list, phase: str | None, sign_in: bool = False) -> list[dict]:
    chosen = [s for s in samples if (phase is None or s[0] == phase) and (s[1] in SIGN_IN) == sign_in]
    if not chosen:
        return []
    span = max(s[5] for s in chosen) - min(s[5] for s in chosen) or 1.0
    rows = []
    for name in sorted({s[1] for s in chosen}):
        mine = [s for s in chosen if s[1] == name]
        times = [s[2] for s in mine]
        rows.append(
            {
                "name": name,
                "count": len(mine),
                "failures": sum(1 for s in mine if s[4]),
                "rps": len(mine) / span,
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "p99": percentile(times, 99),
                "kb": statistics.mean(s[3] for s in mine) / 1024,
            }
        )
    pages = [s for s in chosen if not s[1].startswith("(")]
    times = [s[2] for s in pages]
    rows.append(
        {
            "name": "**All requests**",
            "count": len(pages),
            "failures": sum(1 for s in pages if s[4]),
            "rps": len(pages) / span,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "kb": statistics.mean(s[3] for s in pages) / 1024 if pages else 0,
        }
    )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| Request | Count | Errors | Req/s | p50 ms | p95 ms | p99 ms | KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['count']} | {r['failures']} | {r['rps']:.1f} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['kb']:.1f} |"
        )
    return "\n".join(lines)


TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int, children: bool = False) -> float:
    """CPU seconds of a process (and of its children it has waited for, if asked)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / TICK


def cpu_by_part(gunicorn: subprocess.Popen | None) -> dict[str, float]:
    """CPU seconds so far of gunicorn (its workers, and the ones replaced), of PostgreSQL (every postgres
    process and the backends it has reaped), and of the whole machine (busy and all)."""
    parts = {"gunicorn": 0.0, "postgres": 0.0}
    if gunicorn is not None:
        parts["gunicorn"] = _proc_cpu(gunicorn.pid, children=True) + sum(
            _proc_cpu(pid) for pid in common.worker_pids(gunicorn)
        )
    for pid in subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split():
        parts["postgres"] += _proc_cpu(int(pid), children=True)
    cpu = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = cpu[3] + cpu[4]
    parts["machine_busy"] = (sum(cpu) - idle) / TICK
    parts["machine_all"] = sum(cpu) / TICK
    return parts


def run_locust(
    users: int,
    seconds: int,
    accounts: Path,
    workdir: Path,
    env: dict,
    gunicorn: subprocess.Popen | None = None,
) -> tuple[list, str, str]:
    samples = workdir / f"samples-{users}.json"
    spawn = min(5, users)
    locust_env = {**env, "LIVED_LOAD_ACCOUNTS": str(accounts), "LIVED_LOAD_SAMPLES": str(samples)}
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--host",
        f"http://127.0.0.1:{PORT}",
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    before, started = cpu_by_part(gunicorn), time.monotonic()
    locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        command, cwd=ROOT, env=locust_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    locust_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    after, wall = cpu_by_part(gunicorn), time.monotonic() - started
    used = {k: after[k] - before[k] for k in before}
    used["locust"] = (locust_after.ru_utime + locust_after.ru_stime) - (
        locust_before.ru_utime + locust_before.ru_stime
    )
    cores = used["machine_all"] / wall
    share = ", ".join(f"{name} {used[name] / wall:.2f}" for name in ("gunicorn", "postgres", "locust"))
    cpu_line = (
        f"CPU over the whole run ({wall:.0f} s, cores busy on average): {share}; the machine "
        f"{used['machine_busy'] / wall:.2f} of {cores:.0f}."
    )
    samples_read = json.loads(samples.read_text()) if samples.exists() else []
    return samples_read, output.decode(errors="replace"), cpu_line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, nargs="*", default=[20, 100])
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--workers", type=int, help="gunicorn workers (else gunicorn.conf.py)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lived-load-"))
    static_root = workdir / "static"
    env = production_env(str(static_root))
    gunicorn = None
    report = [
        f"Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; locust, gunicorn and PostgreSQL all on this machine.",
    ]
    try:
        admin(SERVER, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin(SERVER, f'CREATE DATABASE "{DATABASE}"')
        dev = {**base_env(), "DJANGO_SETTINGS_MODULE": "lived.config.settings.dev", "PYTHONPATH": str(ROOT)}
        print(f"Loading the demo into {DATABASE}", flush=True)
        sh([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], dev)
        sh([PYTHON, "manage.py", "load_demo"], dev)
        sh([PYTHON, "manage.py", "createcachetable"], env)
        sh([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        accounts = in_django(
            PREPARE, {**env, "PYTHONPATH": str(ROOT)}, PASSWORD, str(WORKERS), str(SENIORS), str(MANAGERS)
        )
        accounts_file = workdir / "accounts.json"
        accounts_file.write_text(json.dumps(accounts))
        print(
            f"{WORKERS} support workers, {SENIORS} seniors ({accounts['draft_parts']} draft outcomes to "
            f"edit), {MANAGERS} managers",
            flush=True,
        )

        log = open(workdir / "gunicorn.log", "wb")
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "lived/config/gunicorn.conf.py")]
            + ["--bind", f"127.0.0.1:{PORT}"]
            + (["--workers", str(args.workers)] if args.workers else []),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(PORT, gunicorn)
        time.sleep(2)  # every worker booted
        children = subprocess.run(["pgrep", "-P", str(gunicorn.pid)], capture_output=True, text=True)
        report.append(
            f"gunicorn: {len(children.stdout.split())} sync workers (lived/config/gunicorn.conf.py), "
            "production settings."
        )

        # Warm-up, not reported: every worker imports its views and compiles its templates once.
        run_locust(5, 20, accounts_file, workdir, env)
        for users in args.users:
            print(f"Running {users} users for {args.seconds} s", flush=True)
            samples, output, cpu_line = run_locust(users, args.seconds, accounts_file, workdir, env, gunicorn)
            if not samples:
                print(output)
                raise SystemExit("locust wrote no samples")
            steady = summarise(samples, "steady")
            sign_in = summarise(samples, None, sign_in=True)
            report.append(f"\n#### {users} users, {args.seconds} s (spawning {min(5, users)} a second)\n")
            report.append("Steady phase (every user signed in and working):\n")
            report.append(table(steady))
            report.append("\nSign-in, each user once as it starts (the rate is over the sign-in period):\n")
            report.append(table(sign_in))
            report.append(f"\n{cpu_line} Load average after: {os.getloadavg()[0]:.2f}.")
            failures = sorted({s[1] for s in samples if s[4]})
            if failures:
                report.append("\nRequests with errors: " + ", ".join(failures))

        counts = in_django(COUNTS, {**env, "PYTHONPATH": str(ROOT)})
        report.append(
            f"\nNotes saved by the load: {counts['notes_by_load']}; idempotency keys saved more than once: "
            f"{counts['keys_saved_twice']}."
        )
    finally:
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        try:
            admin(SERVER, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(report))


if __name__ == "__main__":
    main()
