"""An incident sent twice from a phone is saved once (tracker issue 12 item 1, HAZ-032; as ADR 0008 for
notes).

The form carries a key made by the server when the page is drawn: the same key and content return the
incident already saved (and raise nothing twice); the same key with other content is refused and
nothing is saved. The phone's outbox gets JSON answers it can tell apart from a page."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lived.core.models import AuditEvent
from lived.incidents import services as incidents_services
from lived.incidents.models import Incident
from lived.reviews.models import Review
from tests.incidents.factories import incident_data, incident_post

pytestmark = pytest.mark.django_db

OFFLINE = {"X-Lived-Offline": "1"}


def drawn_key(html: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([0-9a-f-]{36})"', html).group(1)


def incident_url(person):
    return f"/people/{person.public_id}/incidents/new/"


def plain_incident(**overrides):
    """An incident with nothing that needs a senior: any support worker may record it."""
    return incident_post(restrictive_practice_used="", rp_type="", rp_duration="", rp_debrief="", **overrides)


def test_the_incident_form_carries_a_key_made_when_the_page_is_drawn(client, support_worker, person):
    client.force_login(support_worker)
    assert uuid.UUID(drawn_key(client.get(incident_url(person)).content.decode()))


def test_the_same_incident_posted_twice_is_saved_once_and_raises_its_review_once(
    client, support_worker, person, risk_plan
):
    client.force_login(support_worker)
    key = drawn_key(client.get(incident_url(person)).content.decode())
    post = plain_incident(idempotency_key=key, is_crisis="true")
    first = client.post(incident_url(person), post)
    again = client.post(incident_url(person), post)
    incident = Incident.objects.get()
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == f"/people/{person.public_id}/incidents/{incident.public_id}/"
    assert AuditEvent.objects.filter(what="Incident recorded").count() == 1
    assert Review.objects.filter(person=person, trigger="crisis").count() == 1


def test_the_same_key_with_another_incident_is_refused_and_nothing_is_saved(client, support_worker, person):
    client.force_login(support_worker)
    key = str(uuid.uuid4())
    client.post(incident_url(person), plain_incident(idempotency_key=key))
    response = client.post(incident_url(person), plain_incident(idempotency_key=key, place="the garden"))
    assert response.status_code == 400
    assert "already sent with different content" in response.content.decode()
    assert list(Incident.objects.values_list("place", flat=True)) == ["lounge"]


def test_an_incident_from_the_phone_gets_a_json_answer_with_its_id(client, support_worker, person):
    client.force_login(support_worker)
    key = str(uuid.uuid4())
    first = client.post(incident_url(person), plain_incident(idempotency_key=key), headers=OFFLINE)
    again = client.post(incident_url(person), plain_incident(idempotency_key=key), headers=OFFLINE)
    incident = Incident.objects.get()
    assert first.status_code == again.status_code == 200
    assert first.json()["saved"] is True and first.json()["id"] == again.json()["id"] == str(
        incident.public_id
    )
    refused = client.post(incident_url(person), plain_incident(what_happened=""), headers=OFFLINE)
    assert refused.status_code == 400 and refused.json()["saved"] is False and refused.json()["errors"]


def test_the_same_key_from_another_worker_is_refused(person, support_worker, senior):
    key = uuid.uuid4()
    incidents_services.record_incident(
        actor=support_worker, person=person, data=incident_data(), idempotency_key=key
    )
    with pytest.raises(ValidationError, match="already sent"):
        incidents_services.record_incident(
            actor=senior, person=person, data=incident_data(), idempotency_key=key
        )
    assert Incident.objects.count() == 1


def test_two_incidents_with_one_key_cannot_both_be_stored(person, support_worker):
    """The database settles a race: the key is unique."""
    key = uuid.uuid4()
    incidents_services.record_incident(
        actor=support_worker, person=person, data=incident_data(), idempotency_key=key
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.create(
            person=person,
            service=person.service,
            recorded_by=support_worker,
            idempotency_key=key,
            **incident_data(),
        )


def test_incidents_recorded_without_a_key_are_each_saved(person, support_worker):
    incidents_services.record_incident(actor=support_worker, person=person, data=incident_data())
    incidents_services.record_incident(actor=support_worker, person=person, data=incident_data())
    assert Incident.objects.count() == 2
