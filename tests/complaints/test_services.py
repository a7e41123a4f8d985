"""Complaints and compliments: seeded themes, raised by the person from their account, responded to
and closed with an outcome."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lived.complaints import services as complaints_services
from lived.complaints.models import ComplaintTheme

pytestmark = pytest.mark.django_db


def test_themes_are_seeded():
    names = set(ComplaintTheme.objects.values_list("name", flat=True))
    assert {
        "felt pressured",
        "staff control",
        "choice not respected",
        "communication",
        "dignity and respect",
        "staff attitude",
        "timekeeping",
        "activities",
        "food",
        "other",
    } <= names


def test_the_person_raises_a_complaint_from_their_account(client, person, person_user):
    client.force_login(person_user)
    theme = ComplaintTheme.objects.get(name="felt pressured")
    response = client.post(
        f"/people/{person.public_id}/complaints/new/",
        {"kind": "complaint", "summary": "I felt I had to go.", "themes": [str(theme.public_id)]},
    )
    assert response.status_code == 302
    complaint = person.complaints.get()
    assert complaint.raised_by == "person" and list(complaint.themes.all()) == [theme]
    assert complaint.received_on == timezone.localdate()


def test_responding_and_closing_needs_an_outcome(complaint, senior, support_worker):
    with pytest.raises(PermissionDenied):
        complaints_services.respond_to_complaint(
            actor=support_worker, complaint=complaint, response="r", outcome="", close=True
        )
    with pytest.raises(ValidationError):
        complaints_services.respond_to_complaint(
            actor=senior, complaint=complaint, response="Sorry", outcome="", close=True
        )
    complaints_services.respond_to_complaint(
        actor=senior, complaint=complaint, response="Sorry", outcome="New rota", close=True
    )
    complaint.refresh_from_db()
    assert complaint.closed_on == timezone.localdate()
