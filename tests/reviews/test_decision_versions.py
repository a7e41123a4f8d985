"""Completing or cancelling a review is done on the agenda the decider was shown (HAZ-034).

The review has a version that goes up with every change to it or its agenda. The complete and cancel
forms carry the version they showed; if the person (or anyone) adds to the agenda meanwhile, the
decision is refused with the "this changed since you opened it" page (409) and nothing is saved."""

import re

import pytest

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.plans.models import PlanVersion
from lived.reviews import services
from lived.reviews.models import Review
from tests.reviews.factories import agreed_plan

pytestmark = pytest.mark.django_db

CONFLICT = "This changed since you opened it"
COMPLETE = {
    "what_is_working": "Cooking",
    "what_is_not_working": "Evenings",
    "decisions": "Add an evening call",
}


@pytest.fixture
def review(person):
    return services.raise_review(person=person, trigger="person_asks", details="I want to talk about work")


def _url(review, suffix=""):
    return f"/people/{review.person.public_id}/reviews/{review.public_id}/{suffix}"


def _open(client, user, review, suffix) -> str:
    client.force_login(user)
    html = client.get(_url(review, suffix)).content.decode()
    match = re.search(r'name="seen_version" value="(\d+)"', html)
    assert match, "the page carries the review version it shows"
    return match.group(1)


def _changes(person) -> int:
    return AuditEvent.objects.filter(
        person_public_id=person.public_id, action__in=[AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE]
    ).count()


def test_completing_a_review_after_the_person_added_to_the_agenda_is_refused(
    client, person, senior, person_user, review
):
    agreed = agreed_plan(person=person, senior=senior, person_user=person_user)
    seen = _open(client, senior, review, "complete/")
    services.add_agenda_item(actor=person_user, review=review, text="I want to talk about moving out")
    before = _changes(person)
    client.force_login(senior)
    response = client.post(_url(review, "complete/"), {**COMPLETE, "seen_version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html and "I want to talk about moving out" in html and "Add an evening call" in html
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN and review.decisions == ""
    assert PlanVersion.objects.filter(plan=agreed.plan).count() == 1  # no new draft started
    assert _changes(person) == before


def test_completing_a_review_from_the_review_page_carries_its_version(client, senior, person_user, review):
    seen = _open(client, senior, review, "")
    services.add_agenda_item(actor=person_user, review=review, text="And my rent")
    client.force_login(senior)
    assert client.post(_url(review, "complete/"), {**COMPLETE, "seen_version": seen}).status_code == 409
    seen = _open(client, senior, review, "")
    assert client.post(_url(review, "complete/"), {**COMPLETE, "seen_version": seen}).status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.COMPLETED and review.decisions == "Add an evening call"


def test_cancelling_a_review_after_the_person_added_to_the_agenda_is_refused(
    client, person, manager, person_user, review
):
    seen = _open(client, manager, review, "cancel/")
    services.add_agenda_item(actor=person_user, review=review, text="Please keep my review")
    client.force_login(manager)
    response = client.post(_url(review, "cancel/"), {"reason": "Raised by mistake", "seen_version": seen})
    assert response.status_code == 409
    assert "Please keep my review" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN
    seen = _open(client, manager, review, "cancel/")
    response = client.post(_url(review, "cancel/"), {"reason": "Talked with Sam", "seen_version": seen})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.CANCELLED


def test_a_trigger_adding_to_the_agenda_makes_a_new_version(person, senior, review):
    seen = review.version
    services.raise_review(person=person, trigger="person_asks", details="Also my medication")
    with pytest.raises(StaleEdit):
        services.complete_review(
            actor=senior,
            review=review,
            seen_version=seen,
            what_is_working="",
            what_is_not_working="",
            decisions="Ok",
        )
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN and review.version == seen + 1


def test_a_completion_without_a_version_is_refused(client, senior, review):
    client.force_login(senior)
    assert client.post(_url(review, "complete/"), COMPLETE).status_code == 409
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN


def test_the_agenda_as_the_decider_saw_it(person_user, review):
    seen = review.version
    services.add_agenda_item(actor=person_user, review=review, text="Later item")
    review.refresh_from_db()
    assert review.agenda_text(up_to_version=seen) == "Nothing on the agenda"
    assert review.agenda_now == "Later item"
