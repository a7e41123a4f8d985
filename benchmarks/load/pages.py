"""CPU and queries per page, in one process, with the production settings on PostgreSQL: the pages the
load run (benchmarks/load/run.py) asks for, each as the load's own staff see it.

    .venv/bin/python benchmarks/load/pages.py              # 30 timed requests a page
    .venv/bin/python benchmarks/load/pages.py --keep       # leave the database for a second run
    .venv/bin/python benchmarks/load/pages.py --reuse      # use the database --keep left

A load run needs a quiet machine; this does not (it times process CPU, not wall time), so it is the
way to compare code on a machine shared with other work. It builds the same scratch database as the
load run (the demo, the load's staff, drafts to edit), then signs one user of each kind in through
Django's test client and times each page: process CPU per request (median of 30 after 5 warm-up),
the number of queries and the time PostgreSQL took answering them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402
from common import admin, in_django, sh  # noqa: E402

MEASURE = r"""
import gc, json, statistics, sys, time, uuid
from collections import Counter
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lived.accounts.models import User

sys.path.insert(0, sys.argv[4])
from forms import form_with

accounts = json.loads(open(sys.argv[1]).read())
rounds, show = int(sys.argv[2]), sys.argv[3]
HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "localhost", "HTTP_ORIGIN": "https://localhost"}


def client_for(username):
    c = Client(**HEADERS)
    c.force_login(User.objects.get(username=username))
    return c


worker, senior, manager = accounts["worker"][0], accounts["senior"][0], accounts["manager"][0]
w, s, m = client_for(worker["username"]), client_for(senior["username"]), client_for(manager["username"])
record = f"/people/{worker['people'][0]}/notes/record/"
part = senior["parts"][0]


def post_note():
    fields = form_with(w.get(record).content.decode(), "text")["fields"]
    data = {k: v for k, v in fields.items() if k not in ("steps", "actions")}
    data.update(outcome=["note"], text=["Had a cup of tea together."], idempotency_key=[str(uuid.uuid4())])
    return w.post(record, data)


def post_part():
    data = dict(form_with(s.get(part).content.decode(), "version")["fields"])
    data["in_persons_words"] = [data["in_persons_words"][0][:200].rstrip(" x") + " x"]
    return s.post(part, data)


pages = [
    ("GET /briefing/", lambda: w.get("/briefing/"), None),
    ("GET record note page", lambda: w.get(record), None),
    ("POST record note", post_note, "GET record note page"),
    ("GET edit plan part", lambda: s.get(part), None),
    ("POST edit plan part", post_part, "GET edit plan part"),
    ("GET /risk/", lambda: m.get("/risk/"), None),
    ("GET /outcomes/", lambda: m.get("/outcomes/"), None),
    ("GET /people/", lambda: w.get("/people/"), None),
]
results, listed = {}, {}
# Garbage-collector thresholds to compare with Python's own, measured in alternate requests.
variants = [("", gc.get_threshold())]
if sys.argv[5]:
    variants.append((" (gc " + sys.argv[5] + ")", tuple(int(x) for x in sys.argv[5].split(","))))
for name, call, base in pages:
    for _ in range(5):
        assert call().status_code in (200, 302), name
    cpus = {label: [] for label, _ in variants}
    counts, sql = [], []
    for _ in range(rounds):
        for label, threshold in variants:
            gc.set_threshold(*threshold)
            with CaptureQueriesContext(connection) as q:
                start = time.process_time()
                r = call()
                cpu = time.process_time() - start
            assert r.status_code in (200, 302), (name, r.status_code)
            cpus[label].append(cpu * 1000)
            counts.append(len(q.captured_queries))
            sql.append(sum(float(x["time"]) for x in q.captured_queries) * 1000)
    gc.set_threshold(*variants[0][1])
    for label, _ in variants:
        results[name + label] = {
            "cpu_ms": statistics.median(cpus[label]),
            "cpu_mean_ms": statistics.mean(cpus[label]),
            "queries": max(counts),
            "sql_ms": statistics.median(sql),
        }
    if show and show in name:
        listed[name] = [x["sql"][:160] for x in q.captured_queries]
# A POST's row includes the GET that fetched its form: that GET is taken off.
for name, _, base in pages:
    for label, _ in variants if base else ():
        for key in ("cpu_ms", "cpu_mean_ms", "queries", "sql_ms"):
            results[name + label][key] -= results[base + label][key]
print(json.dumps({"results": results, "listed": listed}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database")
    parser.add_argument("--reuse", action="store_true", help="use the database --keep left")
    parser.add_argument("--queries", default="", help="list the queries of the pages whose name has this")
    parser.add_argument("--gc", default="", help="garbage-collector thresholds to compare, e.g. 50000,20,100")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="lived-pages-"))
    env = run.production_env(str(workdir / "static"))
    accounts_file = Path(tempfile.gettempdir()) / "lived-pages-accounts.json"
    try:
        if not (args.reuse and accounts_file.exists()):
            admin(run.SERVER, f'DROP DATABASE IF EXISTS "{run.DATABASE}" WITH (FORCE)')
            admin(run.SERVER, f'CREATE DATABASE "{run.DATABASE}"')
            dev = {**run.base_env(), "DJANGO_SETTINGS_MODULE": "lived.config.settings.dev"}
            dev["PYTHONPATH"] = str(run.ROOT)
            sh([run.PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], dev)
            sh([run.PYTHON, "manage.py", "load_demo"], dev)
            sh([run.PYTHON, "manage.py", "createcachetable"], env)
            staff = (str(run.WORKERS), str(run.SENIORS), str(run.MANAGERS))
            accounts = in_django(run.PREPARE, env, run.PASSWORD, *staff)
            accounts_file.write_text(json.dumps(accounts))
        sh([run.PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        arguments = (str(accounts_file), str(args.rounds), args.queries, str(run.HERE), args.gc)
        measured = in_django(MEASURE, env, *arguments)
        for name, queries in measured["listed"].items():
            print(f"{name}:", *queries, sep="\n  ")
        print("| Page | CPU ms (median) | CPU ms (mean) | Queries | SQL ms |")
        print("|---|---:|---:|---:|---:|")
        for name, r in measured["results"].items():
            cpu = f"{r['cpu_ms']:.1f} | {r['cpu_mean_ms']:.1f}"
            print(f"| {name} | {cpu} | {r['queries']} | {r['sql_ms']:.1f} |")
    finally:
        if not args.keep:
            admin(run.SERVER, f'DROP DATABASE IF EXISTS "{run.DATABASE}" WITH (FORCE)')
            accounts_file.unlink(missing_ok=True)
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
