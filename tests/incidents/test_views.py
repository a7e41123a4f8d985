"""The incident pages: recording one raises the post-crisis review, safeguarding is for staff, kinder
words are suggested without blocking."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_an_incident_through_the_page_raises_the_post_crisis_review(client, person, support_worker):
    client.force_login(support_worker)
    today = timezone.localdate()
    response = client.post(
        f"/people/{person.public_id}/incidents/new/",
        {
            "type": "crisis",
            "severity": "high",
            "is_crisis": "true",
            "occurred_on[day]": today.day,
            "occurred_on[month]": today.month,
            "occurred_on[year]": today.year,
            "occurred_time": "00:00",
            "place": "his flat",
            "what_happened": "He refused his tea and was frightened.",
            "crisis_plan_used": "yes",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "No police involvement" in page
    assert "Some words could be kinder" in page  # "refused" is flagged, never blocking
    assert person.reviews.filter(trigger="crisis").exists()


def test_staff_see_safeguarding_the_person_does_not(client, person, person_user, support_worker, concern):
    client.force_login(support_worker)
    assert "Safeguarding concerns" in client.get(f"/people/{person.public_id}/risk/").content.decode()
    client.force_login(person_user)
    page = client.get(f"/people/{person.public_id}/risk/").content.decode()
    assert "Safeguarding" not in page
    assert (
        client.get(f"/people/{person.public_id}/incidents/{concern.incident.public_id}/").status_code == 200
    )


def test_language_suggestions_show_on_the_incident_form_without_blocking(client, person, support_worker):
    client.force_login(support_worker)
    response = client.post(
        f"/people/{person.public_id}/incidents/new/", {"what_happened": "Sam refused lunch."}
    )
    assert response.status_code == 400
    assert "Some words could be kinder" in response.content.decode()
