"""Error reports: off unless SENTRY_DSN is set; when on, started without personal data, and every
event stripped to the exception's type, its frames, the path and the user's public id."""

import copy

import pytest
import sentry_sdk
from django.core.exceptions import ImproperlyConfigured

from lived.config import sentry
from tests.core.factories import run_with_production_settings

PUBLIC_ID = "7bef42de-7a31-404c-9f57-b6da07102bab"


@pytest.fixture
def started(monkeypatch):
    """What sentry_sdk.init would have been called with (the real SDK is never started here)."""
    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: calls.append(options))
    for name in ("SENTRY_DSN", "SENTRY_TRACES_SAMPLE_RATE", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_without_a_dsn_nothing_is_started(started, monkeypatch):
    assert sentry.init_sentry() is False
    monkeypatch.setenv("SENTRY_DSN", "   ")
    assert sentry.init_sentry() is False
    assert started == []
    assert not sentry_sdk.is_initialized()


def test_with_a_dsn_it_starts_without_personal_data_and_without_tracing(started, monkeypatch):
    monkeypatch.setenv("SENTRY_DSN", "https://key@errors.example/1")
    assert sentry.init_sentry() is True
    (options,) = started
    assert options["dsn"] == "https://key@errors.example/1"
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"
    assert options["before_send"] is sentry.before_send
    assert options["before_send_transaction"] is sentry.before_send
    assert options["traces_sample_rate"] is None


def test_tracing_is_on_only_at_the_rate_asked_for(started, monkeypatch):
    monkeypatch.setenv("SENTRY_DSN", "https://key@errors.example/1")
    monkeypatch.setenv("SENTRY_TRACES_SAMPLE_RATE", "0.2")
    sentry.init_sentry()
    assert started[0]["traces_sample_rate"] == 0.2


@pytest.mark.parametrize("rate", ["lots", "1.5", "-0.1"])
def test_a_nonsense_trace_rate_stops_start_up(started, monkeypatch, rate):
    monkeypatch.setenv("SENTRY_DSN", "https://key@errors.example/1")
    monkeypatch.setenv("SENTRY_TRACES_SAMPLE_RATE", rate)
    with pytest.raises(ImproperlyConfigured, match="SENTRY_TRACES_SAMPLE_RATE"):
        sentry.init_sentry()


def sample_event() -> dict:
    """An event as the SDK's Django integration builds it, with everything that must not leave."""
    return {
        "level": "error",
        "tags": {"request_id": "abc123"},
        "request": {
            "method": "POST",
            "url": "https://lived.example/people/?q=Ada+Kowalski",
            "query_string": "q=Ada+Kowalski",
            "data": {"text": "Ada Kowalski said no", "nhs_number": "9993350036"},
            "cookies": {"sessionid": "s3cr3t"},
            "headers": {"Cookie": "sessionid=s3cr3t", "User-Agent": "Phone"},
            "env": {"REMOTE_ADDR": "192.0.2.7"},
        },
        "user": {"id": PUBLIC_ID, "username": "tom", "email": "tom@example.org", "ip_address": "192.0.2.7"},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "DETAIL: Key (nhs_number)=(9993350036) already exists.",
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "lived/people/services.py",
                                "function": "create_person",
                                "lineno": 40,
                                "vars": {"data": "{'given_name': 'Ada', 'family_name': 'Kowalski'}"},
                            }
                        ]
                    },
                }
            ]
        },
        "threads": {"values": [{"stacktrace": {"frames": [{"function": "run", "vars": {"name": "Ada"}}]}}]},
        "logentry": {
            "message": "Could not save %s",
            "params": ["Ada Kowalski"],
            "formatted": "Could not save Ada Kowalski",
        },
        "extra": {"request": "<WSGIRequest: GET '/people/?q=Ada'>"},
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": "SELECT … WHERE given_name = %s",
                    "data": {"db.params": ["Ada"]},
                },
                {"category": "django.request", "message": "Not Found: /people/x/", "data": {"q": "Ada"}},
            ]
        },
        "spans": [{"op": "db", "description": "SELECT 1", "data": {"db.params": ["Ada"]}}],
    }


def test_before_send_strips_everything_personal_and_keeps_what_and_where():
    event = sentry.before_send(sample_event(), {})
    text = repr(event)
    for secret in ("Ada", "Kowalski", "9993350036", "s3cr3t", "tom", "192.0.2.7", "Phone", "q="):
        assert secret not in text, secret
    assert event["request"] == {"method": "POST", "url": "https://lived.example/people/"}
    assert event["user"] == {"id": PUBLIC_ID}
    (error,) = event["exception"]["values"]
    assert error["type"] == "IntegrityError"
    assert error["stacktrace"]["frames"][0] == {
        "filename": "lived/people/services.py",
        "function": "create_person",
        "lineno": 40,
    }
    assert event["tags"] == {"request_id": "abc123"}
    assert event["logentry"] == {"message": "Could not save %s"}
    assert [crumb["message"] for crumb in event["breadcrumbs"]["values"]] == [
        "SELECT … WHERE given_name = %s",
        "Not Found: /people/x/",
    ]


def test_before_send_leaves_a_user_with_no_public_id_anonymous():
    event = sample_event()
    event["user"] = {"ip_address": "192.0.2.7", "username": "tom"}
    assert sentry.before_send(event, {})["user"] == {}


def test_before_send_copes_with_a_bare_event():
    bare = {"message": "Worker started", "level": "info"}
    assert sentry.before_send(copy.deepcopy(bare), None) == bare


def test_describe_request_does_nothing_without_sentry(rf):
    assert not sentry_sdk.is_initialized()
    sentry.describe_request(rf.get("/"), "abc123")  # no error, nothing started
    assert not sentry_sdk.is_initialized()


def test_production_settings_start_no_error_reports_without_a_dsn():
    result = run_with_production_settings("print(sentry_sdk.is_initialized())")
    assert result.stdout.strip() == "False"
