"""A handover note posted twice is saved once (tracker issue 10 item 7, HAZ-031; as ADR 0008 for notes).

The handover forms carry a key made by the server when the page is drawn: the same key and words
return the note already saved; the same key with other words is refused and nothing is saved."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError

from lived.core.models import AuditEvent
from lived.notes import services
from lived.notes.models import HandoverNote

pytestmark = pytest.mark.django_db


def drawn_key(html: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([0-9a-f-]{36})"', html).group(1)


@pytest.mark.parametrize("page", ["handover/", "notes/"])
def test_both_handover_forms_carry_a_key_made_when_the_page_is_drawn(client, support_worker, person, page):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/{page}").content.decode()
    assert uuid.UUID(drawn_key(html))


def test_the_same_handover_posted_twice_is_saved_once(client, support_worker, person):
    client.force_login(support_worker)
    key = drawn_key(client.get(f"/people/{person.public_id}/handover/").content.decode())
    post = {"text": "Slept well, wants a lie-in.", "idempotency_key": key}
    assert client.post(f"/people/{person.public_id}/handover/", post).status_code == 302
    assert client.post(f"/people/{person.public_id}/handover/", post).status_code == 302
    assert HandoverNote.objects.count() == 1
    assert AuditEvent.objects.filter(what="Handover note added").count() == 1


def test_the_same_key_with_other_words_is_refused_and_nothing_is_saved(client, support_worker, person):
    client.force_login(support_worker)
    key = str(uuid.uuid4())
    client.post(f"/people/{person.public_id}/handover/", {"text": "Slept well", "idempotency_key": key})
    response = client.post(
        f"/people/{person.public_id}/handover/", {"text": "Did not sleep", "idempotency_key": key}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "already sent with different words" in html
    assert list(HandoverNote.objects.values_list("text", flat=True)) == ["Slept well"]


def test_two_handovers_from_two_forms_are_both_saved(client, support_worker, person):
    client.force_login(support_worker)
    for _ in range(2):
        key = drawn_key(client.get(f"/people/{person.public_id}/handover/").content.decode())
        client.post(f"/people/{person.public_id}/handover/", {"text": "Slept well", "idempotency_key": key})
    assert HandoverNote.objects.count() == 2


def test_the_service_returns_the_note_already_saved_and_refuses_another_writer(
    support_worker, senior, person
):
    key = uuid.uuid4()
    first = services.add_handover(actor=support_worker, person=person, text="Slept well", idempotency_key=key)
    again = services.add_handover(
        actor=support_worker, person=person, text=" Slept well ", idempotency_key=key
    )
    assert again.pk == first.pk
    with pytest.raises(ValidationError):
        services.add_handover(actor=senior, person=person, text="Slept well", idempotency_key=key)
    assert HandoverNote.objects.count() == 1


def test_handovers_made_without_a_key_are_each_saved(support_worker, person):
    # Notes saved before keys existed, and by code (demo data), have none; they never collide.
    services.add_handover(actor=support_worker, person=person, text="Slept well")
    services.add_handover(actor=support_worker, person=person, text="Slept well")
    assert HandoverNote.objects.filter(idempotency_key__isnull=True).count() == 2
