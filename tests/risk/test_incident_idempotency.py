"""An incident or a check-in sent twice from a phone is saved once (tracker issue 12 item 1, HAZ-032;
as ADR 0008 for notes).

Both forms carry a key made by the server when the page is drawn: the same key and content return the
record already saved (and raise nothing twice); the same key with other content is refused and
nothing is saved. The phone's outbox gets JSON answers it can tell apart from a page."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.reviews.models import Review
from lived.risk import services
from lived.risk.models import Incident, StageCheckIn
from tests.risk.conftest import incident_data
from tests.risk.test_no_internal_ids import incident_post

pytestmark = pytest.mark.django_db

OFFLINE = {"X-Lived-Offline": "1"}


def drawn_key(html: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([0-9a-f-]{36})"', html).group(1)


def incident_url(person):
    return f"/people/{person.public_id}/incidents/new/"


def plain_incident(**overrides):
    """An incident with nothing that needs a senior: any support worker may record it."""
    return incident_post(restrictive_practice_used="", rp_type="", rp_duration="", rp_debrief="", **overrides)


@pytest.fixture
def at_check_in_stage(approved_plan, senior):
    services.progress_stage(
        actor=senior,
        plan=approved_plan,
        seen_version=approved_plan.version,
        evidence="Two walks",
        why="She is ready",
        with_whom="Sam",
    )
    approved_plan.refresh_from_db()
    return approved_plan


def check_in_url(person, plan):
    return f"/people/{person.public_id}/risk/plans/{plan.public_id}/check-in/"


# --- incidents -------------------------------------------------------------------------------------


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
    services.record_incident(actor=support_worker, person=person, data=incident_data(), idempotency_key=key)
    with pytest.raises(ValidationError, match="already sent"):
        services.record_incident(actor=senior, person=person, data=incident_data(), idempotency_key=key)
    assert Incident.objects.count() == 1


def test_two_incidents_with_one_key_cannot_both_be_stored(person, support_worker):
    """The database settles a race: the key is unique."""
    key = uuid.uuid4()
    services.record_incident(actor=support_worker, person=person, data=incident_data(), idempotency_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.create(
            person=person,
            service=person.service,
            recorded_by=support_worker,
            idempotency_key=key,
            **incident_data(),
        )


def test_incidents_recorded_without_a_key_are_each_saved(person, support_worker):
    services.record_incident(actor=support_worker, person=person, data=incident_data())
    services.record_incident(actor=support_worker, person=person, data=incident_data())
    assert Incident.objects.count() == 2


# --- check-ins -------------------------------------------------------------------------------------


def test_the_same_check_in_posted_twice_is_saved_once_and_raises_one_review(
    client, support_worker, person, at_check_in_stage
):
    client.force_login(support_worker)
    url = check_in_url(person, at_check_in_stage)
    key = drawn_key(client.get(url).content.decode())
    post = {"status": "missed", "notes": "No answer at 4pm", "idempotency_key": key}
    assert client.post(url, post).status_code == 302
    assert client.post(url, post).status_code == 302
    assert StageCheckIn.objects.count() == 1
    assert Review.objects.filter(person=person, trigger="missed_check_in").count() == 1


def test_the_same_key_with_another_check_in_is_refused(client, support_worker, person, at_check_in_stage):
    client.force_login(support_worker)
    url = check_in_url(person, at_check_in_stage)
    key = str(uuid.uuid4())
    client.post(url, {"status": "made", "notes": "", "idempotency_key": key})
    response = client.post(url, {"status": "missed", "notes": "", "idempotency_key": key}, headers=OFFLINE)
    assert (
        response.status_code == 400 and "already sent with different content" in response.json()["errors"][0]
    )
    assert list(StageCheckIn.objects.values_list("status", flat=True)) == ["made"]


def test_a_check_in_from_the_phone_gets_a_json_answer_with_its_id(
    client, support_worker, person, at_check_in_stage
):
    client.force_login(support_worker)
    url = check_in_url(person, at_check_in_stage)
    post = {"status": "made", "notes": "Rang at 4pm", "idempotency_key": str(uuid.uuid4())}
    response = client.post(url, post, headers=OFFLINE)
    assert response.status_code == 200
    assert response.json() == {
        "saved": True,
        "created": True,
        "id": str(StageCheckIn.objects.get().public_id),
        "next": f"/people/{person.public_id}/risk/plans/{at_check_in_stage.public_id}/",
    }


def test_a_check_in_retried_by_the_service_returns_the_one_saved(support_worker, at_check_in_stage):
    key = uuid.uuid4()
    args = dict(actor=support_worker, plan=at_check_in_stage, made=True, notes="Rang", idempotency_key=key)
    first = services.record_check_in(due_at=timezone.now(), **args)
    again = services.record_check_in(due_at=timezone.now(), **args)
    assert first == again and StageCheckIn.objects.count() == 1
