"""Idle sessions end after SESSION_IDLE_MINUTES, and the session row is renewed at most once every
LIVED_SESSION_REFRESH_SECONDS rather than written on every page (lived.accounts.middleware
.SessionRefreshMiddleware): a signed-in person using Lived stays signed in; one who stops is signed out."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def session_writes(queries) -> int:
    return sum(
        1
        for q in queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).expire_date


def test_the_session_row_is_written_at_most_once_a_minute(client, support_worker):
    with time_machine.travel(START, tick=False) as clock:
        client.post("/accounts/sign-in/", {"username": "support_worker", "password": PASSWORD})
        signed_in_until = expiry(client)
        clock.shift(datetime.timedelta(seconds=20))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/people/").status_code == 200
        assert session_writes(queries.captured_queries) == 0  # 20 s later: not written
        assert expiry(client) == signed_in_until
        clock.shift(datetime.timedelta(seconds=45))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/people/").status_code == 200
        assert session_writes(queries.captured_queries) == 1  # 65 s after the last write: renewed
        assert expiry(client) == signed_in_until + datetime.timedelta(seconds=65)


def test_someone_using_lived_stays_signed_in_past_the_idle_time(client, support_worker):
    with time_machine.travel(START, tick=False) as clock:
        client.post("/accounts/sign-in/", {"username": "support_worker", "password": PASSWORD})
        for _ in range(8):  # a page every 5 minutes for 40 minutes, past the 30-minute idle time
            clock.shift(datetime.timedelta(minutes=5))
            assert client.get("/people/").status_code == 200


def test_someone_who_stops_is_signed_out_after_the_idle_time(client, support_worker):
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(START, tick=False) as clock:
        client.post("/accounts/sign-in/", {"username": "support_worker", "password": PASSWORD})
        clock.shift(datetime.timedelta(seconds=30))
        assert client.get("/people/").status_code == 200  # within the minute: the clock is not renewed
        clock.shift(idle - datetime.timedelta(seconds=29))  # 1 s short of idle since that page
        response = client.get("/people/")
        assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_a_visitor_who_never_signs_in_gets_no_session_row(client):
    client.get("/accounts/sign-in/")
    assert not Session.objects.exists()


def test_zero_renews_the_clock_on_every_request(client, support_worker, settings):
    settings.LIVED_SESSION_REFRESH_SECONDS = 0
    with time_machine.travel(START, tick=False) as clock:
        client.post("/accounts/sign-in/", {"username": "support_worker", "password": PASSWORD})
        clock.shift(datetime.timedelta(seconds=1))
        with CaptureQueriesContext(connection) as queries:
            client.get("/people/")
        assert session_writes(queries.captured_queries) == 1
