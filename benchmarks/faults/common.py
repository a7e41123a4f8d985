"""What the fault scripts share: a scratch PostgreSQL database with the demo in it, gunicorn on
loopback with the production settings, and a client that talks to it as a browser behind the TLS
proxy does (X-Forwarded-Proto, Origin, the Secure cookies kept by hand)."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
PASSWORD = "fault-test-password-" + secrets.token_hex(4)  # fictional staff of a scratch database

STAFF = r"""
import json, sys
from lived.accounts.models import Role, ServiceRole, User
from lived.organisations.models import Service
from lived.people.models import Person
from lived.plans import services as plan_services
from lived.plans.models import PlanVersion, SupportPlan

password = sys.argv[1]
site = Service.objects.get(name="Riverside Supported Living")
worker = User.objects.create_user(username="faultworker", password=password)
ServiceRole.objects.create(user=worker, service=site, role=Role.SUPPORT_WORKER)
senior = User.objects.create_user(username="faultsenior", password=password)
ServiceRole.objects.create(user=senior, service=site, role=Role.SENIOR)
people = [str(p) for p in Person.objects.filter(service=site).values_list("public_id", flat=True)]
drafts = []
for plan in SupportPlan.objects.filter(person__service=site).select_related("person"):
    if plan.versions.filter(status=PlanVersion.Status.AGREED).exists():
        draft = plan_services.start_new_draft(actor=senior, plan=plan, reason="Fault test: review")
        if not plan_services.agreement_problems(draft):
            drafts.append({"person": str(plan.person.public_id), "number": draft.number})
print(json.dumps({"people": people, "drafts": drafts}))
"""


def sh(args: list[str], env: dict, timeout: float = 900, **kwargs) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def in_django(script: str, env: dict, *args: str) -> dict:
    bootstrap = "import django, sys; django.setup(); exec(sys.stdin.read())"
    output = sh([PYTHON, "-c", bootstrap, *args], {**env, "PYTHONPATH": str(ROOT)}, input=script)
    return json.loads(output.strip().splitlines()[-1])


def admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def production_env(database_url: str, static_root: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "SENTRY_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="lived.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=static_root,
        LIVED_REQUIRE_TWO_FACTOR="false",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def build_site(server: str, database: str, static_root: str) -> tuple[dict, dict]:
    """A scratch database with the demo and two fault-test staff; collected static files."""
    admin(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin(server, f'CREATE DATABASE "{database}"')
    env = production_env(f"{server}/{database}", static_root)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "lived.config.settings.dev"}
    sh([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], dev)
    sh([PYTHON, "manage.py", "load_demo"], dev)
    sh([PYTHON, "manage.py", "createcachetable"], env)
    sh([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    return env, in_django(STAFF, env, PASSWORD)


@contextmanager
def gunicorn(env: dict, port: int, workers: int, log_path: Path):
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "lived/config/gunicorn.conf.py")]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {process.returncode}: see {log_path}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.3)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def worker_pids(master: subprocess.Popen) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


class Browser:
    """A browser behind the TLS proxy: X-Forwarded-Proto and Origin, Secure cookies kept by hand."""

    def __init__(self, base: str):
        import requests

        self.base = base
        self.http = requests.Session()
        self.http.trust_env = False
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, timeout: float = 30, **kwargs):
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        if method == "POST":
            headers["Origin"] = self.base.replace("http://", "https://")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=timeout, **kwargs
        )
        self.cookies.update({c.name: c.value for c in response.cookies})
        self.http.cookies.clear()
        return response

    def sign_in(self, username: str) -> None:
        page = self.request("GET", "/accounts/sign-in/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if match is None:
            raise SystemExit(f"the sign-in page answered {page.status_code}: {page.text[:300]}")
        token = match.group(1)
        data = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        response = self.request("POST", "/accounts/sign-in/", data=data)
        assert response.status_code == 302, f"sign-in failed: {response.status_code}"


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        if not self.forms or not a.get("name"):
            return
        fields = self.forms[-1]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                fields[a["name"]] = [a.get("value", "")]
        elif tag == "textarea":
            self._textarea = a["name"]
            fields[a["name"]] = [""]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea][0] += data


def form_with(html: str, field: str) -> dict:
    parser = _Forms()
    parser.feed(html)
    found = next((f for f in parser.forms if field in f), None)
    assert found is not None, f"no form with {field} on the page"
    return found
