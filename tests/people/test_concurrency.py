"""Two people editing the same thing: the second saver sees both versions and nothing is overwritten."""

import pytest

from lived.core.models import AuditEvent
from tests.people.factories import details_post

pytestmark = pytest.mark.django_db


def test_a_stale_about_me_edit_is_refused_with_both_versions_shown(client, support_worker, senior, person):
    entry = person.about_me_entries.get()
    opened = entry.version
    client.force_login(senior)
    first = client.post(
        f"/people/{person.public_id}/about-me/{entry.public_id}/",
        {"section": "good_day", "text": "First saver's words", "in_persons_words": "true", "version": opened},
    )
    assert first.status_code == 302
    client.force_login(support_worker)
    second = client.post(
        f"/people/{person.public_id}/about-me/{entry.public_id}/",
        {
            "section": "good_day",
            "text": "Second saver's words",
            "in_persons_words": "true",
            "version": opened,
        },
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert "This changed since you opened it" in html
    assert "First saver&#39;s words" in html and "Second saver&#39;s words" in html
    entry.refresh_from_db()
    # The first save is a new version beside the person's words; the person's words are never
    # written over (HAZ-028), and the second saver's words are saved nowhere.
    assert entry.text == "Tea in the garden and a walk."
    newest = entry.replaced_by
    assert newest.text == "First saver's words" and not newest.in_persons_words
    assert not person.about_me_entries.filter(text="Second saver's words").exists()
    assert AuditEvent.objects.filter(action="conflict", actor=support_worker).count() == 1


def test_a_stale_communication_profile_edit_is_refused(client, senior, manager, person):
    profile = person.communication_profile
    opened = profile.version
    client.force_login(senior)
    assert (
        client.post(
            f"/people/{person.public_id}/communication/edit/", {"pause_words": "stop", "version": opened}
        ).status_code
        == 302
    )
    client.force_login(manager)
    response = client.post(
        f"/people/{person.public_id}/communication/edit/", {"pause_words": "later", "version": opened}
    )
    assert response.status_code == 409
    profile.refresh_from_db()
    assert profile.pause_words == "stop"


def test_a_stale_details_edit_is_refused(client, senior, manager, person, service):
    opened = person.version
    client.force_login(senior)
    assert (
        client.post(
            f"/people/{person.public_id}/details/",
            details_post(service, version=opened, pronouns="they/them"),
        ).status_code
        == 302
    )
    client.force_login(manager)
    response = client.post(
        f"/people/{person.public_id}/details/", details_post(service, version=opened, pronouns="he/him")
    )
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.pronouns == "they/them"


def test_a_stale_circle_member_edit_is_refused(client, senior, manager, person, circle_member):
    opened = circle_member.version
    form = {
        "name": "Pat Tester",
        "relationship": "family",
        "carers_assessment": "not_applicable",
        "version": opened,
    }
    client.force_login(senior)
    url = f"/people/{person.public_id}/circle/{circle_member.public_id}/"
    assert client.post(url, {**form, "phone": "01632 960111"}).status_code == 302
    client.force_login(manager)
    response = client.post(url, {**form, "phone": "01632 960222"})
    assert response.status_code == 409
    circle_member.refresh_from_db()
    assert circle_member.phone == "01632 960111"


def test_an_edit_opened_before_a_record_was_archived_is_refused(client, senior, manager, person, service):
    opened = person.version
    client.force_login(manager)
    client.post(f"/people/{person.public_id}/archive/", {"reason": "Moved away"})
    client.force_login(senior)
    response = client.post(f"/people/{person.public_id}/details/", details_post(service, version=opened))
    assert response.status_code == 409
