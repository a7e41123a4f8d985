"""With production logging, a support worker's morning (signing in, the briefing, Ada's record, a
note, a search by name, a page not found, a form error and a crash whose error names Ada) writes
JSON lines, each with a request id, and none of them holds a demo person's name or NHS number."""

import io
import json
import logging.config
import re
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client
from django.utils.log import configure_logging

from lived.accounts.models import User
from lived.config.logging import production_logging
from lived.demo import data as demo
from lived.notes import views as notes_views
from lived.people.models import Person
from tests.core.factories import run_with_production_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def production_log(db):
    """Everything logged from here on, formatted as production formats it; dev logging afterwards."""
    buffer = io.StringIO()
    logging.config.dictConfig(production_logging("INFO", stream=buffer))
    yield buffer
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def personal_data() -> set[str]:
    """Every demo person's given, family and preferred names, and NHS number (with and without the
    spaces it is shown with)."""
    found = set()
    for person in Person.objects.all():
        found |= {person.given_name, person.family_name, person.preferred_name}
        if person.nhs_number:
            nhs = person.nhs_number
            found |= {nhs, f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"}
    return {value for value in found if value}


def leaks(text: str, values: set[str]) -> list[str]:
    """The values found in the text as whole words, in any case ("Ada", not the "ada" in "Canada")."""
    return sorted(v for v in values if re.search(rf"\b{re.escape(v)}\b", text, re.IGNORECASE))


def crash_naming_the_person(self, request, *args, **kwargs):
    """A view failing as a database error does: its message carries the row's values."""
    ada = Person.objects.get(given_name="Ada")
    full_name = f"{ada.given_name} {ada.family_name}"  # a local value the error must not carry out
    try:
        raise ValueError(f"could not brief on {full_name}")
    except ValueError as error:
        raise IntegrityError(
            f'duplicate key value violates unique constraint "people_person_nhs"\n'
            f"DETAIL: Key (nhs_number, given_name)=({ada.nhs_number}, {full_name}) already exists."
        ) from error


def test_a_morning_of_work_logs_no_personal_data(demo_loaded, production_log, monkeypatch):
    client = Client(raise_request_exception=False)
    ada = Person.objects.get(given_name="Ada", family_name="Kowalski")
    tom = User.objects.get(username="tom")
    record = f"/people/{ada.public_id}/"
    notes = f"/people/{ada.public_id}/notes/record/"

    signed_in = client.post("/accounts/sign-in/", {"username": "tom", "password": demo.PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/briefing/").status_code == 200
    assert client.get(record).status_code == 200
    saved = client.post(
        notes,
        {
            "outcome": "as_agreed",
            "text": "Ada Kowalski made tea for everyone and talked about her sister.",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert saved.status_code == 302
    assert client.get("/people/", {"q": "Kowalski"}).status_code == 200
    # A link out of the search results, to someone no longer there: the query is in the URL.
    assert client.get(f"/people/{uuid.uuid4()}/", {"q": "Ada Kowalski"}).status_code == 404
    refused = client.post(notes, {"outcome": "made-up", "text": f"Ada said no, NHS {ada.nhs_number}"})
    assert refused.status_code == 400
    monkeypatch.setattr(notes_views.Briefing, "get", crash_naming_the_person)
    assert client.get("/briefing/", {"q": "Ada"}).status_code == 500

    output = production_log.getvalue()
    lines = [json.loads(line) for line in output.splitlines()]  # every line is one JSON object
    assert len(lines) >= 9
    assert all(line["request_id"] for line in lines), [line for line in lines if not line["request_id"]]
    values = personal_data()
    assert {"Ada", "Kowalski", ada.nhs_number} <= values and len(values) > 30
    assert not leaks(output, values)
    assert "?" not in "".join(str(line["path"]) for line in lines)

    requests = [line for line in lines if line["logger"] == "lived.request"]
    assert all(line.get("status") for line in requests)
    briefing = next(line for line in requests if line["path"] == "/briefing/" and line["status"] == 200)
    assert briefing["user"] == str(tom.public_id) and briefing["method"] == "GET"
    assert isinstance(briefing["duration_ms"], float) and briefing["time"]
    assert {line["status"] for line in requests} >= {200, 302, 400, 404, 500}

    crash = next(line for line in lines if line.get("error"))
    assert crash["status"] == 500 and crash["level"] == "ERROR"
    assert crash["error"] == "django.db.utils.IntegrityError" and crash["caused_by"] == ["ValueError"]
    assert any("crash_naming_the_person" in frame for frame in crash["frames"])
    # The crash's own line and its request line carry the same id.
    crash_request = next(line for line in requests if line["status"] == 500)
    assert crash_request["request_id"] == crash["request_id"]


def test_the_request_id_from_the_proxy_is_kept_on_the_response_and_the_lines(production_log):
    client = Client(raise_request_exception=False)
    response = client.get("/people/", headers={"X-Request-ID": "lb-7f3a9c.01"})
    assert response["X-Request-ID"] == "lb-7f3a9c.01"
    lines = [json.loads(line) for line in production_log.getvalue().splitlines()]
    assert lines and {line["request_id"] for line in lines} == {"lb-7f3a9c.01"}


@pytest.mark.parametrize("offered", ["", "two words", "x" * 65, 'ada"\n{"level": "ERROR"}', "<script>"])
def test_an_unsafe_request_id_is_replaced_with_a_fresh_one(production_log, offered):
    client = Client(raise_request_exception=False)
    response = client.get("/people/", headers={"X-Request-ID": offered})
    assert response["X-Request-ID"] != offered
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    lines = [json.loads(line) for line in production_log.getvalue().splitlines()]
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}


def test_production_settings_write_json_lines_on_standard_error():
    result = run_with_production_settings(
        # Django's own handlers (mail to ADMINS has the POST data) are gone; SQL is not logged even
        # when the level asked for is DEBUG.
        "assert not logging.getLogger('django').handlers\n"
        "assert logging.getLogger('django.db.backends').getEffectiveLevel() == logging.WARNING\n"
        "logging.getLogger('lived.request').info('GET /people/ 200', extra={'status': 200})\n"
        "logging.getLogger('django.request').warning('Not Found: /x/')\n"
        "import warnings; warnings.warn('a library warns')\n",
        LOG_LEVEL="DEBUG",
    )
    assert result.stdout == ""  # a command's own output stays clean
    lines = [json.loads(line) for line in result.stderr.splitlines()]  # start-up lines are JSON too
    mine = [line for line in lines if line["logger"] in ("lived.request", "django.request", "py.warnings")]
    assert [(line["logger"], line["level"], line.get("status")) for line in mine] == [
        ("lived.request", "INFO", 200),
        ("django.request", "WARNING", None),
        ("py.warnings", "WARNING", None),
    ]
    assert {"time", "request_id", "method", "path"} <= set(mine[0])
