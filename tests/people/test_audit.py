"""Every change to person data writes an audit row with who and what, through the service functions."""

import pytest
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.people import services
from lived.people.models import SharedSection

pytestmark = pytest.mark.django_db


def _count(person, action):
    return AuditEvent.objects.filter(person_public_id=person.public_id, action=action).count()


def test_every_service_function_writes_an_audit_row(person, senior):
    creates, updates = _count(person, "create"), _count(person, "update")
    member = services.add_circle_member(
        actor=senior, person=person, data={"name": "Jo", "relationship": "friend"}
    )
    services.update_circle_member(
        actor=senior,
        member=member,
        data={"name": "Jo", "relationship": "friend", "phone": "01632 960001"},
        opened_version=1,
    )
    agreement = services.agree_sharing(
        actor=senior,
        person=person,
        data={"member": member, "section": SharedSection.OUTCOMES, "starts_on": timezone.localdate()},
    )
    services.withdraw_sharing(actor=senior, agreement=agreement, reason="asked")
    services.save_advance_wishes(actor=senior, person=person, statement="Tell my sister", opened_version=1)
    services.set_wishes_in_force(actor=senior, person=person, in_force=True, reason="unwell")
    services.save_communication_profile(
        actor=senior, person=person, data={"shows_yes": "nods"}, opened_version=1
    )
    services.archive_circle_member(actor=senior, member=member, reason="moved away")
    services.archive_person(actor=senior, person=person, reason="moved to another provider")
    assert _count(person, "create") == creates + 2
    assert _count(person, "update") == updates + 4
    assert _count(person, "withdraw") == 1
    assert _count(person, "archive") == 2
    assert all(
        e.actor == senior
        for e in AuditEvent.objects.filter(person_public_id=person.public_id).exclude(action="view")
    )


def test_audit_rows_cannot_be_changed(person):
    event = AuditEvent.objects.filter(person_public_id=person.public_id).first()
    event.what = "tampered"
    with pytest.raises(ValueError):
        event.save()


def test_the_before_and_after_of_a_profile_change_are_kept(person, senior):
    services.save_communication_profile(
        actor=senior, person=person, data={"pause_words": "stop"}, opened_version=1
    )
    event = AuditEvent.objects.get(
        person_public_id=person.public_id, what="Communication and consent profile"
    )
    assert event.before["pause_words"] == "" and event.after["pause_words"] == "stop"


def test_the_person_sees_who_has_looked_at_their_record(client, person, person_user, support_worker):
    client.force_login(support_worker)
    client.get(f"/people/{person.public_id}/")
    client.force_login(person_user)
    html = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert "Support_Worker Tester (Support worker)" in html
    assert "Record" in html


def test_a_manager_sees_the_audit_trail(client, manager, person):
    client.force_login(manager)
    html = client.get(f"/people/{person.public_id}/audit/").content.decode()
    assert "Record created" in html
    assert "About me: A good day for me" in html


def test_sign_in_and_sign_out_are_audited(client, support_worker):
    from tests.factories import PASSWORD

    client.post("/accounts/sign-in/", {"username": "support_worker", "password": PASSWORD})
    client.post("/accounts/sign-out/")
    actions = list(AuditEvent.objects.filter(actor=support_worker).values_list("action", flat=True))
    assert "sign_in" in actions and "sign_out" in actions
