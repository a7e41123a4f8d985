"""The answers the phone's outbox gets (tracker issue 12 item 1, HAZ-032, ADR 0008).

Only the record's own success reply, JSON `{"saved": true, "id": …}`, empties the outbox. Signed out,
the outbox is told so with a 401 (never a redirect to the sign-in page, which would look like a page
that loaded). A record the server refuses stays on the phone until its author, or a senior or manager
for the person, discards it: the discard is audited with what it said and why."""

import json
import uuid

import pytest

from lived.core.models import AuditEvent
from lived.notes.models import DailyNote, HandoverNote

pytestmark = pytest.mark.django_db

OFFLINE = {"X-Lived-Offline": "1"}


def record_url(person):
    return f"/people/{person.public_id}/notes/record/"


def discard_url(person):
    return f"/people/{person.public_id}/notes/kept-on-phone/discard/"


def a_note(agreed, **overrides):
    return {
        "steps": str(agreed.tea.public_id),
        "outcome": "as_agreed",
        "idempotency_key": str(uuid.uuid4()),
        **overrides,
    }


# --- saved, and nothing else -----------------------------------------------------------------------


def test_a_saved_note_answers_saved_with_its_id(client, support_worker, person, agreed):
    client.force_login(support_worker)
    response = client.post(record_url(person), a_note(agreed), headers=OFFLINE)
    note = DailyNote.objects.get()
    assert response.status_code == 200
    assert response.json() == {
        "saved": True,
        "created": True,
        "id": str(note.public_id),
        "next": record_url(person),
    }


def test_a_signed_out_phone_is_told_401_and_nothing_is_saved(client, person, agreed):
    response = client.post(record_url(person), a_note(agreed), headers=OFFLINE)
    assert response.status_code == 401
    assert response.json()["saved"] is False and response.json()["signed_in"] is False
    assert not DailyNote.objects.exists()


def test_a_signed_out_browser_without_the_outbox_is_still_sent_to_sign_in(client, person, agreed):
    response = client.post(record_url(person), a_note(agreed))
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_a_phone_that_has_not_passed_two_factor_is_told_401(client, support_worker, person, agreed, settings):
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    client.force_login(support_worker)  # signed in, but not verified
    response = client.post(record_url(person), a_note(agreed), headers=OFFLINE)
    assert response.status_code == 401 and response.json()["saved"] is False
    assert not DailyNote.objects.exists()


def test_a_refused_note_answers_400_with_the_reasons(client, support_worker, person, agreed):
    client.force_login(support_worker)
    response = client.post(
        record_url(person), a_note(agreed, steps="", outcome="declined", text="Said no"), headers=OFFLINE
    )
    assert response.status_code == 400
    assert (
        response.json()["saved"] is False
        and "Choose what the person said no to" in response.json()["errors"][0]
    )


def test_a_handover_from_the_phone_answers_saved_with_its_id(client, support_worker, person):
    client.force_login(support_worker)
    post = {"text": "Slept well, wants a lie-in.", "idempotency_key": str(uuid.uuid4())}
    first = client.post(f"/people/{person.public_id}/handover/", post, headers=OFFLINE)
    again = client.post(f"/people/{person.public_id}/handover/", post, headers=OFFLINE)
    handover = HandoverNote.objects.get()
    assert first.json()["saved"] is True and first.json()["id"] == again.json()["id"] == str(
        handover.public_id
    )
    refused = client.post(f"/people/{person.public_id}/handover/", {"text": ""}, headers=OFFLINE)
    assert refused.status_code == 400 and refused.json()["errors"] == ["Write the handover note"]


def test_the_pages_that_keep_records_on_the_phone_load_the_outbox(client, support_worker, person, agreed):
    client.force_login(support_worker)
    for path in ["notes/record/", "handover/", "notes/", "incidents/new/"]:
        html = client.get(f"/people/{person.public_id}/{path}").content.decode()
        assert "lived/outbox.js" in html and "data-lived-offline=" in html, path
        assert f'data-lived-discard="{discard_url(person)}"' in html, path


# --- discarding what the server refused --------------------------------------------------------------


def kept(user, **overrides):
    """What the outbox posts to discard a note it kept."""
    return {
        "kind": "note",
        "key": str(uuid.uuid4()),
        "kept_by": str(user.public_id),
        "kept_at": "2026-11-30T07:41:00.000Z",
        "refused_because": "Choose a step from this person's plan",
        "fields": json.dumps([["outcome", "as_agreed"], ["steps", "x"], ["csrfmiddlewaretoken", "secret"]]),
        "reason": "Recorded again by hand",
        **overrides,
    }


def test_the_author_discards_a_refused_note_and_the_record_keeps_what_it_said(client, support_worker, person):
    client.force_login(support_worker)
    post = kept(support_worker)
    response = client.post(discard_url(person), post, headers=OFFLINE)
    assert response.status_code == 200 and response.json() == {"discarded": True}
    row = AuditEvent.objects.get(what="A daily note kept on a phone was discarded without being saved")
    assert row.actor == support_worker and row.person_public_id == person.public_id
    assert str(row.object_public_id) == post["key"] and row.object_type == "notes.DailyNote"
    assert row.before["fields"] == [["outcome", "as_agreed"], ["steps", "x"]]  # never the CSRF token
    assert row.before["refused_because"] == "Choose a step from this person's plan"
    assert row.after == {"reason": "Recorded again by hand"}
    assert not DailyNote.objects.exists()


def test_a_senior_may_discard_what_someone_else_kept(client, senior, support_worker, person):
    client.force_login(senior)
    response = client.post(discard_url(person), kept(support_worker, kind="incident"), headers=OFFLINE)
    assert response.json() == {"discarded": True}
    assert AuditEvent.objects.filter(
        what="An incident kept on a phone was discarded without being saved", object_type="incidents.Incident"
    ).exists()


def test_another_support_worker_may_not_discard_what_someone_else_kept(
    client, support_worker, person, service
):
    from lived.accounts.models import Role
    from tests.factories import make_user

    colleague = make_user("colleague", roles=[Role.SUPPORT_WORKER], service=service)
    client.force_login(colleague)
    before = AuditEvent.objects.count()
    response = client.post(discard_url(person), kept(support_worker), headers=OFFLINE)
    assert response.status_code == 403 and "Only the person who wrote it" in response.json()["errors"][0]
    assert AuditEvent.objects.count() == before


def test_a_discard_needs_a_reason(client, support_worker, person):
    client.force_login(support_worker)
    response = client.post(discard_url(person), kept(support_worker, reason=""), headers=OFFLINE)
    assert response.status_code == 400 and response.json()["errors"] == ["Say why it is being discarded"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ARCHIVE).exists()


def test_a_discard_of_someone_out_of_reach_is_not_found(client, support_worker, other_person):
    client.force_login(support_worker)
    assert client.post(discard_url(other_person), kept(support_worker), headers=OFFLINE).status_code == 404
