"""John is told, on his own page, when his wishes for when he is unwell are put in force and when they
stop: since when, who decided, why, and what it means (tracker issue 12 item 12)."""

import datetime

import pytest
import time_machine
from django.core import mail

from lived.accounts.models import User
from lived.people import services
from lived.people.models import Person

pytestmark = pytest.mark.django_db

REASON = "John has hardly slept for four nights and says the radio is sending him messages again."


@pytest.fixture(scope="module", autouse=True)
def demo(demo_once):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_once


@pytest.fixture
def john():
    return Person.objects.get(given_name="John", family_name="Adeyemi")


def my_page(client):
    client.force_login(User.objects.get(username="john"))
    response = client.get("/me/")
    assert response.status_code == 200
    return " ".join(response.content.decode().replace("&#39;", "'").split())


def test_john_is_told_who_put_his_wishes_in_force_when_why_and_what_it_means(client, john):
    hannah = User.objects.get(username="hannah")
    sunday = datetime.datetime(2026, 11, 29, 10, 30, tzinfo=datetime.UTC)
    with time_machine.travel(sunday, tick=False):
        services.set_wishes_in_force(actor=hannah, person=john, in_force=False, reason="Reset for the test")
        services.set_wishes_in_force(actor=hannah, person=john, in_force=True, reason=REASON)
    with time_machine.travel(sunday + datetime.timedelta(days=2), tick=False):
        html = my_page(client)
    assert "Since Sunday 29 November your wishes for when you are unwell are being followed." in html
    assert "Hannah Reid (your key worker) decided this because:" in html
    assert REASON in html
    assert "Michael Adeyemi (dad) can see whether you are well or unwell and how you communicate" in html
    assert "Ruth Adeyemi (mum) can see" in html


def test_john_is_told_when_his_wishes_stopped_being_followed(client, john):
    daniel = User.objects.get(username="daniel")
    tuesday = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(tuesday, tick=False):
        services.set_wishes_in_force(actor=daniel, person=john, in_force=False, reason="John is well again.")
        html = my_page(client)
    assert "Your wishes for when you are unwell stopped being followed on Tuesday 1 December." in html
    assert "Daniel" in html and "decided this because:" in html and "John is well again." in html
    assert "Michael Adeyemi (dad) can no longer see" in html
    assert "are being followed." not in html


def test_john_gets_an_email_that_says_something_changed_but_not_what_or_why(
    john, django_capture_on_commit_callbacks
):
    john.user.email = "john.adeyemi@example.com"
    john.user.save(update_fields=["email"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_wishes_in_force(
            actor=User.objects.get(username="hannah"), person=john, in_force=True, reason=REASON
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["john.adeyemi@example.com"]
    assert "are now being followed" in message.body
    assert "radio" not in message.body and "Hannah" not in message.body  # no health details in email


def test_a_person_whose_wishes_were_never_put_in_force_is_told_nothing(client):
    client.force_login(User.objects.get(username="sam"))
    html = client.get("/me/").content.decode()
    assert "being followed" not in html
