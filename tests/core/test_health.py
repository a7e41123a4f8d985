"""/health/live and /health/ready answer a load balancer without sign-in, say only which checks
passed, are never cached, are not stopped by sign-in lockouts, and fail (503) when a check fails."""

import json

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError

from lived.core import health

pytestmark = pytest.mark.django_db

LIVE, READY = "/health/live", "/health/ready"


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_live_answers_ok_without_signing_in(client):
    response = client.get(LIVE)
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_ready_answers_200_with_only_check_names_and_pass_or_fail(client):
    response = client.get(READY)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body) == {"status", "checks"}
    assert body["checks"]["database"] == "pass" and body["checks"]["migrations"] == "pass"
    # The queue is checked once its app is installed; until then the check says it was skipped.
    assert ("queue" in body["checks"]) != ("queue_not_installed" in body["checks"])
    assert set(body["checks"].values()) <= {"pass", "skip"}


def test_the_health_answers_reveal_nothing_about_the_server(client):
    for path in (LIVE, READY):
        response = client.get(path)
        text = response.content.decode().lower()
        for word in ("version", "django", "python", "sqlite", "postgres", "host", "error", "traceback"):
            assert word not in text, (path, word)
        assert not response.cookies, path  # no session or CSRF cookie is started


def test_the_health_answers_are_never_cached(client):
    for path in (LIVE, READY):
        directives = cache_control(client.get(path))
        assert {"no-store", "private"} <= directives, path
        assert "public" not in directives


def test_a_signed_in_user_who_has_not_passed_two_factor_reaches_them(client, settings, support_worker):
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    client.force_login(support_worker)
    assert client.get("/briefing/").status_code == 302  # everything else waits for two-factor
    assert client.get(LIVE).status_code == 200
    assert client.get(READY).status_code == 200


def test_a_locked_out_address_is_still_answered(client, settings):
    # The address has failed sign-in often enough to be locked (the per-address limit).
    AccessAttempt.objects.create(
        username="someone",
        ip_address="127.0.0.1",
        user_agent="",
        failures_since_start=settings.LIVED_SIGN_IN_LIMITS[1][1] + 1,
    )
    assert client.post("/accounts/sign-in/", {"username": "x", "password": "y"}).status_code == 429
    assert client.get(LIVE).status_code == 200
    assert client.get(READY).status_code == 200


def test_ready_is_503_when_the_database_does_not_answer(client, monkeypatch):
    asked = []

    def broken(*args, **kwargs):
        asked.append("database")
        raise OperationalError("could not connect to server: 10.0.0.5 secret-host")

    monkeypatch.setattr(health, "database_answers", broken)
    monkeypatch.setattr(health, "migrations_applied", lambda: asked.append("migrations"))
    response = client.get(READY)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == "fail" and body["checks"]["migrations"] == "fail"
    assert asked == ["database"]  # the database is not asked for again by the other checks
    assert "secret-host" not in response.content.decode() and "10.0.0.5" not in response.content.decode()


def test_ready_is_503_when_a_migration_is_not_applied(client):
    # As after deploying code with a new migration, before `migrate` has run.
    (_, newest), *_ = MigrationLoader(connection).graph.leaf_nodes("people")
    MigrationRecorder(connection).migration_qs.filter(app="people", name=newest).delete()
    response = client.get(READY)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "pass" and checks["migrations"] == "fail"


def test_ready_checks_the_queue_table_when_the_queue_is_installed(client, monkeypatch):
    calls = []
    monkeypatch.setattr(health, "queue_installed", lambda: True)
    monkeypatch.setattr(health, "queue_readable", lambda: calls.append("queue") or True)
    body = client.get(READY).json()
    assert body["checks"]["queue"] == "pass" and calls == ["queue"]
    assert "queue_not_installed" not in body["checks"]


def test_ready_is_503_when_the_queue_table_cannot_be_read(client, monkeypatch):
    def unreadable():
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(health, "queue_installed", lambda: True)
    monkeypatch.setattr(health, "queue_readable", unreadable)
    response = client.get(READY)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["queue"] == "fail"


def test_they_take_no_post(client):
    assert client.post(LIVE).status_code == 405
    assert client.post(READY).status_code == 405
