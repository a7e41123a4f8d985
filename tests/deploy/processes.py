"""Running Lived as a provider does, for the deployment tests: production settings, collectstatic,
migrate, gunicorn on loopback (each server on 127.0.0.1 on a free port in 18100–18199, stopped by the
test that started it), and a small client that keeps cookies. The scratch PostgreSQL database and the
seeded production site are fixtures in tests/deploy/conftest.py."""

import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
GUNICORN_CONF = str(ROOT / "lived/config/gunicorn.conf.py")
PORTS = range(18100, 18200)
# The server the scratch database is made on (never the databases named lived or test_lived).
POSTGRES_SERVER = os.environ.get("LIVED_DEPLOY_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
PASSWORD = "a-known-test-password-41"  # fictional, for the scratch database only

# Made in the scratch database through the ORM: a support worker and a person at their service.
SEED = """
import json
from lived.accounts.models import Role, ServiceRole, User
from lived.organisations.models import Organisation, Service
from lived.people import services
org = Organisation.objects.create(name="Deploytest Support")
service = Service.objects.create(organisation=org, name="Birch House", type=Service.Type.SUPPORTED_LIVING)
worker = User.objects.create_user(username="deploy_worker", password=%(password)r, first_name="Dee",
                                  last_name="Tester")
ServiceRole.objects.create(user=worker, service=service, role=Role.SUPPORT_WORKER)
senior = User.objects.create_user(username="deploy_senior", password=%(password)r)
ServiceRole.objects.create(user=senior, service=service, role=Role.SENIOR)
import datetime
person = services.create_person(actor=senior, data={"given_name": "Robin", "family_name": "Fictional",
    "date_of_birth": datetime.date(1980, 1, 1), "service": service})
print(json.dumps({"person": str(person.public_id)}))
"""


def postgres_url(name: str) -> str:
    return POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name


def admin_connection():
    import psycopg

    return psycopg.connect(POSTGRES_SERVER, autocommit=True, connect_timeout=5)


def production_env(database_url: str, static_root: str, **extra: str) -> dict[str, str]:
    """The environment of a production process: secrets and hosts set, nothing from the dev shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lived.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=static_root,
        # Staff here have no authenticator app; two-factor has tests of its own (tests/accounts).
        LIVED_REQUIRE_TWO_FACTOR="false",
        GUNICORN_WORKERS="1",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def free_port() -> int:
    ports = list(PORTS)
    random.shuffle(ports)
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 18100–18199")


@contextmanager
def gunicorn(env: dict[str, str], timeout: float = 90):
    """Gunicorn with Lived's config on a free loopback port; yields its base URL; always stopped."""
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [GUNICORN, "-c", GUNICORN_CONF, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def output() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")[-4000:]

    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {process.returncode}:\n{output()}")
            with socket.socket() as probe:
                probe.settimeout(1)
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not listen on {port} within {timeout} s:\n{output()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class Browser:
    """Just enough of a browser behind a TLS proxy: the proxy's X-Forwarded-Proto header, and cookies
    kept by hand (they are Secure, and a client's cookie jar would not send them over plain HTTP)."""

    def __init__(self):
        import requests

        self.http = requests.Session()
        self.http.trust_env = False
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs):
        origin = "/".join(url.split("/", 3)[:3]).replace("http://", "https://")
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method, url, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.cookies.update({c.name: c.value for c in response.cookies})
        self.http.cookies.clear()
        return response

    def get(self, url: str, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs):
        return self.request("POST", url, **kwargs)


def csrf_token(html: str) -> str:
    import re

    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@dataclass
class Site:
    env: dict[str, str]
    static_root: Path
    person: str
