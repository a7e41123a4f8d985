"""A check-in sent twice from a phone is saved once (tracker issue 12 item 1, HAZ-032; as ADR 0008 for
notes; incidents: tests/incidents/test_idempotency.py).

The form carries a key made by the server when the page is drawn: the same key and content return the
check-in already saved (and raise nothing twice); the same key with other content is refused and
nothing is saved. The phone's outbox gets JSON answers it can tell apart from a page."""

import re
import uuid

import pytest
from django.utils import timezone

from lived.reviews.models import Review
from lived.risk import services
from lived.risk.models import StageCheckIn

pytestmark = pytest.mark.django_db

OFFLINE = {"X-Lived-Offline": "1"}


def drawn_key(html: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([0-9a-f-]{36})"', html).group(1)


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
