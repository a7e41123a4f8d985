import re

import pytest
from django.core import mail

from lived.accounts.models import User
from lived.core.models import AuditEvent
from lived.people import services

pytestmark = pytest.mark.django_db


def test_a_senior_gives_a_person_a_sign_in_and_they_set_their_own_password(
    client, senior, service, django_capture_on_commit_callbacks
):
    from tests.factories import person_data

    kit = services.create_person(actor=senior, data=person_data(service, given_name="Kit", nhs_number=""))
    client.force_login(senior)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/people/{kit.public_id}/sign-in/", {"username": "kit.t", "email": "kit@example.invalid"}
        )
    assert response.status_code == 302
    kit.refresh_from_db()
    assert kit.user.username == "kit.t" and not kit.user.has_usable_password()
    assert AuditEvent.objects.filter(
        person_public_id=kit.public_id, what__startswith="Sign-in given"
    ).exists()
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    client.logout()
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": "kits-own-pass-42", "new_password2": "kits-own-pass-42"}
    )
    assert (
        client.post("/accounts/sign-in/", {"username": "kit.t", "password": "kits-own-pass-42"}).status_code
        == 302
    )
    assert client.get("/").url == "/me/"


def test_a_circle_member_sign_in_is_linked_to_the_member(
    client, senior, person, django_capture_on_commit_callbacks
):
    member = services.add_circle_member(
        actor=senior, person=person, data={"name": "Ola Friend", "relationship": "friend"}
    )
    client.force_login(senior)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/people/{person.public_id}/circle/{member.public_id}/sign-in/",
            {"username": "ola", "email": "ola@example.invalid"},
        )
    member.refresh_from_db()
    assert member.user.username == "ola"
    assert member.user.kind == "circle"


def test_a_taken_username_is_refused_and_nothing_is_created(client, senior, person, support_worker):
    member = services.add_circle_member(
        actor=senior, person=person, data={"name": "Ola Friend", "relationship": "friend"}
    )
    client.force_login(senior)
    users = User.objects.count()
    response = client.post(
        f"/people/{person.public_id}/circle/{member.public_id}/sign-in/",
        {"username": "Support_Worker", "email": "x@example.invalid"},
    )
    assert response.status_code == 400
    assert "That username is taken" in response.content.decode()
    assert User.objects.count() == users
