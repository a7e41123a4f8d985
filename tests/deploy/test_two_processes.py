"""Web processes keep nothing of their own: two gunicorn servers against one PostgreSQL database
behave as one. A session started on one continues on the other, and a note a phone sends to one
and retries against the other is saved once."""

import datetime
import uuid
import zoneinfo

import pytest

from tests.deploy.processes import PASSWORD, Browser, csrf_token, gunicorn

pytestmark = [pytest.mark.xdist_group("processes"), pytest.mark.processes]

COUNT_NOTES = """
from lived.notes.models import DailyNote
print(DailyNote.objects.filter(idempotency_key=%r).count())
"""


@pytest.fixture(scope="module")
def two_servers(production_site):
    with gunicorn(production_site.env) as first, gunicorn(production_site.env) as second:
        assert first != second
        yield first, second


def sign_in(browser: Browser, base: str, username: str) -> None:
    page = browser.get(f"{base}/accounts/sign-in/")
    response = browser.post(
        f"{base}/accounts/sign-in/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page.text)},
    )
    assert response.status_code == 302, response.text[:2000]


def test_a_session_started_on_one_process_continues_on_the_other(two_servers, production_site):
    first, second = two_servers
    browser = Browser()
    sign_in(browser, first, "deploy_worker")
    response = browser.get(f"{second}/people/{production_site.person}/notes/record/")
    assert response.status_code == 200
    assert "Robin" in response.text and "Sign in to Lived" not in response.text


def test_a_note_retried_against_the_other_process_is_saved_once(two_servers, production_site):
    from tests.deploy.processes import manage

    first, second = two_servers
    browser = Browser()
    sign_in(browser, first, "deploy_worker")
    record = f"/people/{production_site.person}/notes/record/"
    key = str(uuid.uuid4())
    # What the phone's outbox sends: the form's token and key, and the time it was written.
    written = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")) - datetime.timedelta(minutes=2)
    note = {
        "csrfmiddlewaretoken": csrf_token(browser.get(f"{first}{record}").text),
        "outcome": "note",
        "text": "Made tea together and talked about the garden.",
        "occurred_at": written.strftime("%Y-%m-%d %H:%M:%S"),
        "idempotency_key": key,
    }
    offline = {"X-Lived-Offline": "1"}
    sent = browser.post(f"{first}{record}", data=note, headers=offline)
    retried = browser.post(f"{second}{record}", data=note, headers=offline)
    assert sent.status_code == 200 and sent.json()["created"] is True, sent.text[:2000]
    assert retried.status_code == 200 and retried.json()["created"] is False, retried.text[:2000]
    assert manage(production_site.env, "shell", "--no-imports", "-c", COUNT_NOTES % key).strip() == "1"
