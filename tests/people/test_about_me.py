import pytest

from lived.core.models import AuditEvent
from lived.people.models import AboutMeEntry

pytestmark = pytest.mark.django_db


def test_the_person_adds_their_own_words_and_they_are_always_marked_as_theirs(client, person, person_user):
    client.force_login(person_user)
    response = client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "intrusive", "text": "Please knock and wait.", "in_persons_words": "false"},
    )
    assert response.status_code == 302 and response.url == "/me/"
    entry = AboutMeEntry.objects.get(text="Please knock and wait.")
    assert entry.in_persons_words is True  # a tampered field cannot make the person's words a staff summary
    assert entry.written_by == person_user
    assert entry.supported_by is None


def test_staff_recording_the_persons_words_are_recorded_as_having_supported_them(
    client, support_worker, person
):
    client.force_login(support_worker)
    client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "Loud mornings.", "in_persons_words": "true"},
    )
    entry = AboutMeEntry.objects.get(text="Loud mornings.")
    assert entry.in_persons_words and entry.supported_by == support_worker


def test_a_staff_summary_is_shown_as_staffs_words_not_as_a_quote(client, support_worker, person):
    client.force_login(support_worker)
    client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "Seemed tired after the clinic.", "in_persons_words": "false"},
    )
    html = client.get(f"/people/{person.public_id}/about-me/").content.decode()
    assert "Staff summary by Support_Worker Tester" in html
    assert "In Sam's own words" in html  # the fixture's good-day entry


def test_the_person_edits_their_own_words_and_staff_can_see_what_changed(client, person, person_user, senior):
    entry = person.about_me_entries.get()
    client.force_login(person_user)
    response = client.post(
        f"/people/{person.public_id}/about-me/{entry.public_id}/",
        {"section": "good_day", "text": "Tea, the garden, and my cat.", "version": entry.version},
    )
    assert response.status_code == 302
    client.force_login(senior)
    html = client.get(f"/people/{person.public_id}/changes/").content.decode()
    assert "Tea in the garden and a walk." in html  # before
    assert "Tea, the garden, and my cat." in html  # after
    assert "Person_User Tester (the person)" in html


def test_an_empty_entry_is_refused_with_a_clear_message(client, support_worker, person):
    client.force_login(support_worker)
    response = client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "   ", "in_persons_words": "true"},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert person.about_me_entries.count() == 1


def test_an_entry_from_another_persons_record_cannot_be_edited_through_this_one(
    client, senior, person, service
):
    from lived.people import services
    from tests.factories import person_data

    second = services.create_person(actor=senior, data=person_data(service, given_name="Kit", nhs_number=""))
    theirs = services.add_about_me_entry(
        actor=senior, person=second, section="good_day", text="Mine", in_persons_words=True
    )
    client.force_login(senior)
    response = client.post(
        f"/people/{person.public_id}/about-me/{theirs.public_id}/",
        {"section": "good_day", "text": "Hijacked", "in_persons_words": "true", "version": 1},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.text == "Mine"


def test_removing_an_entry_archives_it_and_keeps_the_history(client, support_worker, person):
    entry = person.about_me_entries.get()
    client.force_login(support_worker)
    response = client.post(
        f"/people/{person.public_id}/about-me/{entry.public_id}/remove/", {"reason": "Sam asked"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.archived_at is not None and entry.archived_reason == "Sam asked"
    assert AuditEvent.objects.filter(object_public_id=entry.public_id, action="archive").exists()
    assert "Tea in the garden" not in client.get(f"/people/{person.public_id}/about-me/").content.decode()
