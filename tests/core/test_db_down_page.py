"""When the database cannot be reached, people get a plain "try again" page, not a stack trace, and
a phone's outbox gets an answer that keeps the note to send again; when the database is back, pages
work again by themselves and the note is saved once.

The outage is every query failing as a dropped connection does (OperationalError), from the first
session read on."""

import uuid

import pytest
from django.db import OperationalError, connection
from django.test import Client

from lived.notes.models import DailyNote

pytestmark = pytest.mark.django_db


def database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def browser():
    # As in production: an error is answered, not re-raised into the test.
    return Client(raise_request_exception=False)


def test_a_worker_gets_a_plain_try_again_page_while_the_database_is_down(browser, support_worker, person):
    browser.force_login(support_worker)
    with connection.execute_wrapper(database_down):
        response = browser.get("/briefing/")

    assert response.status_code == 503
    page = response.content.decode()
    assert "<h1>Sorry, Lived is not available just now</h1>" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    # The NHS.UK template's inline script carries the nonce the policy names.
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in page


def test_a_note_being_saved_when_the_database_goes_gets_try_again_and_nothing_half_saved(
    browser, support_worker, person
):
    browser.force_login(support_worker)
    note = {"outcome": "note", "text": "We walked to the shop.", "idempotency_key": str(uuid.uuid4())}
    record = f"/people/{person.public_id}/notes/record/"
    with connection.execute_wrapper(database_down):
        page = browser.post(record, note)
        phone = browser.post(record, note, headers={"X-Lived-Offline": "1"})

    assert page.status_code == 503 and "try again" in page.content.decode()
    # Not a refusal (400): the phone's outbox keeps the note and sends it again.
    assert phone.status_code == 503
    assert phone.json() == {"saved": False, "try_again": True}
    assert not DailyNote.objects.filter(idempotency_key=note["idempotency_key"]).exists()

    # The database is back: the same request works by itself and the note is saved once.
    again = browser.post(record, note, headers={"X-Lived-Offline": "1"})
    twice = browser.post(record, note, headers={"X-Lived-Offline": "1"})
    assert again.status_code == 200 and again.json()["saved"] is True
    assert twice.json()["created"] is False
    assert DailyNote.objects.filter(idempotency_key=note["idempotency_key"]).count() == 1


def test_other_errors_still_get_the_ordinary_error_page(browser, support_worker, person, monkeypatch):
    from lived.notes import views

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(views.Briefing, "get", broken)
    browser.force_login(support_worker)
    response = browser.get("/briefing/")
    assert response.status_code == 500
    assert "not available just now" not in response.content.decode()


def test_the_plain_page_is_sent_if_even_the_try_again_page_cannot_be_drawn(
    browser, support_worker, person, monkeypatch
):
    from lived.core import db_down

    drawn = db_down.loader.get_template

    def broken(name, using=None):
        if name == "core/try_again.jinja":
            raise ValueError("Missing staticfiles manifest entry")
        return drawn(name, using=using)

    monkeypatch.setattr(db_down.loader, "get_template", broken)
    browser.force_login(support_worker)
    with connection.execute_wrapper(database_down):
        response = browser.get("/briefing/")
    assert response.status_code == 503
    assert "<h1>Sorry, Lived is not available just now</h1>" in response.content.decode()


def test_a_database_error_in_a_middleware_gets_try_again_even_when_the_database_is_back_at_once(
    browser, support_worker, person
):
    """The end of an outage: the session read fails, the error page drawn a moment later would work."""
    calls = []

    def fails_once(execute, sql, params, many, context):
        calls.append(sql)
        if len(calls) == 1:
            raise OperationalError("the database system is starting up")
        return execute(sql, params, many, context)

    browser.force_login(support_worker)
    with connection.execute_wrapper(fails_once):
        response = browser.get("/briefing/")
    assert response.status_code == 503
    assert "not available just now" in response.content.decode()
