"""Staff using Lived at once: support workers on the shift briefing recording daily notes, seniors
editing draft support plans, managers on the risk and outcomes pages.

Run by benchmarks/load/run.py (which builds the database, starts gunicorn and reads the results);
by hand:

    LIVED_LOAD_ACCOUNTS=accounts.json LIVED_LOAD_SAMPLES=samples.json \
      locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:18400 --headless -u 20 -r 5 -t 60s

Each simulated user signs in once when it starts (as staff do at the start of a shift) with its own
account; sign-in is reported on its own. Requests go as they would through the TLS proxy in front of
production (X-Forwarded-Proto: https, an Origin header for CSRF), with cookies kept by hand because
they are Secure. Every note carries the form's CSRF token and a fresh idempotency key; one note in
ten is sent twice, as a phone on a bad signal does, and must be saved once.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from forms import form_with  # benchmarks/load/forms.py: locust puts this folder on the path
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

ACCOUNTS = json.loads(open(os.environ["LIVED_LOAD_ACCOUNTS"]).read())
SAMPLES_PATH = os.environ.get("LIVED_LOAD_SAMPLES")
_next = {kind: itertools.count() for kind in ("worker", "senior", "manager")}
_samples: list[tuple[str, str, float, int, bool, float]] = []
_phase = {"name": "ramp"}


_signed_in = itertools.count(1)


def _one_more_signed_in(environment):
    """The steady phase starts when every user has been spawned and has signed in."""
    if next(_signed_in) >= environment.runner.target_user_count:
        _phase["name"] = "steady"


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    failed = exception is not None
    _samples.append((_phase["name"], name, response_time, response_length, failed, time.time()))


@events.quitting.add_listener
def _write(environment, **kwargs):
    if SAMPLES_PATH:
        with open(SAMPLES_PATH, "w") as handle:
            json.dump(_samples, handle)


class Staff(FastHttpUser):
    abstract = True
    # A brisk member of staff: a new page every one to five seconds.
    wait_time = between(1, 5)
    kind = ""

    def on_start(self):
        self.jar: dict[str, str] = {}
        accounts = ACCOUNTS[self.kind]
        self.account = accounts[next(_next[self.kind]) % len(accounts)]
        self.sign_in()
        _one_more_signed_in(self.environment)

    # A browser behind the TLS proxy ---------------------------------------------------------------

    def send(self, method: str, path: str, name: str, expect: tuple[int, ...] = (200,), **kwargs):
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        if method == "POST":
            headers["Origin"] = self.host.replace("http://", "https://")
            # A browser's form body: every value of a field that has several (checkboxes).
            kwargs["data"] = urlencode(kwargs.pop("data"), doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        with self.client.request(
            method, path, name=name, headers=headers, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            for header in response.headers.getlist("set-cookie") if response.headers else []:
                self.jar.update({k: morsel.value for k, morsel in SimpleCookie(header).items()})
            self.client.cookiejar.clear()
            if response.status_code not in expect:
                response.failure(f"{response.status_code} (expected {expect})")
            elif "sign-in" not in path and "Sign in to Lived" in response.text:
                response.failure("signed out")
            else:
                response.success()
            return response

    def problem(self, name: str, message: str):
        """A step that could not be taken counts as an error of the request it stopped."""
        events.request.fire(
            request_type="POST",
            name=name,
            response_time=0,
            response_length=0,
            exception=RuntimeError(message),
            context={},
        )

    def sign_in(self):
        page = self.send("GET", "/accounts/sign-in/", "GET sign-in page")
        form = form_with(page.text, "password")
        data = {"csrfmiddlewaretoken": form["fields"]["csrfmiddlewaretoken"][0]}
        data.update(username=self.account["username"], password=ACCOUNTS["password"])
        self.send("POST", "/accounts/sign-in/", "POST sign-in", expect=(302,), data=data)


class SupportWorker(Staff):
    weight = 6
    kind = "worker"

    @task(3)
    def briefing(self):
        self.send("GET", "/briefing/", "GET /briefing/")

    @task(2)
    def record_note(self):
        person = random.choice(self.account["people"])
        path = f"/people/{person}/notes/record/"
        page = self.send("GET", path, "GET record note page")
        if page.status_code != 200:
            return
        form = form_with(page.text, "text")
        if form is None:
            self.problem("POST record note", "no note form on the page")
            return
        data = {name: values for name, values in form["fields"].items() if name not in ("steps", "actions")}
        data["outcome"] = ["note"]
        data["text"] = [f"Had a cup of tea together and talked about the week ({uuid.uuid4().hex[:6]})."]
        data["idempotency_key"] = [str(uuid.uuid4())]
        self.send("POST", path, "POST record note", expect=(302,), data=data)
        if random.random() < 0.1:  # a phone on a bad signal sends it again: saved once, not twice
            self.send("POST", path, "POST record note (sent again)", expect=(302,), data=data)


class Senior(Staff):
    weight = 2
    kind = "senior"

    @task
    def edit_draft_outcome(self):
        path = random.choice(self.account["parts"])
        page = self.send("GET", path, "GET edit plan part")
        if page.status_code != 200:
            return
        form = form_with(page.text, "version")
        if form is None:
            self.problem("POST edit plan part", "no edit form with a version field")
            return
        data = dict(form["fields"])
        words = re.sub(r" \(checked \w+\)$", "", data["in_persons_words"][0])
        data["in_persons_words"] = [f"{words} (checked {uuid.uuid4().hex[:4]})"]
        # 302: saved. 409: someone else saved this part since the page was opened (by design).
        response = self.send("POST", path, "POST edit plan part", expect=(302, 409), data=data)
        if response.status_code == 409:
            events.request.fire(
                request_type="INFO",
                name="(edit refused: changed by someone else)",
                response_time=0,
                response_length=0,
                exception=None,
                context={},
            )


class Manager(Staff):
    weight = 2
    kind = "manager"

    @task
    def risk(self):
        self.send("GET", "/risk/", "GET /risk/")

    @task
    def outcomes(self):
        self.send("GET", "/outcomes/", "GET /outcomes/")
