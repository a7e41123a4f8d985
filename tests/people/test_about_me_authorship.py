"""Staff words are never stored or shown as the person's own (HAZ-028, tracker issue 10 item 4).

Who wrote an About me entry is whoever was signed in; only the person, on their own account, writes a
version in their own words. A change never writes over an entry: it saves a new version and keeps the
earlier one. When staff change an entry that held the person's own words, those words stay shown, as
the person's, beside the staff version."""

import datetime
import re

import pytest

from lived.core.models import AuditEvent
from lived.people import services
from lived.people.models import AboutMeEntry, SharedSection

pytestmark = pytest.mark.django_db

PERSONS_WORDS = "Please knock and wait for me to answer."
WORKERS_WORDS = "Knock twice, then wait a minute before going in."


def quotes(html: str) -> list[str]:
    """The text shown as the person's own words (quotes) on a page."""
    return re.findall(r'<blockquote class="lived-quote">(.*?)</blockquote>', html, re.S)


def staff_words(html: str) -> list[str]:
    return re.findall(r'<div class="lived-staff-words">(.*?)</div>', html, re.S)


def in_any(text: str, blocks: list[str]) -> bool:
    return any(text in block.replace("&#39;", "'") for block in blocks)


@pytest.fixture
def own_entry(person, person_user) -> AboutMeEntry:
    """An entry the person wrote on their own account."""
    return services.add_about_me_entry(
        actor=person_user, person=person, section="intrusive", text=PERSONS_WORDS, in_persons_words=True
    )


def change_as(client, user, person, entry, text, **extra):
    client.force_login(user)
    return client.post(
        f"/people/{person.public_id}/about-me/{entry.public_id}/",
        {"section": entry.section, "text": text, "version": entry.version, **extra},
    )


def test_a_worker_changing_the_persons_own_words_saves_a_staff_version_and_keeps_theirs(
    client, support_worker, person, person_user, own_entry
):
    # "in_persons_words" is what the old form preset; a tampered or stale form cannot set it.
    response = change_as(client, support_worker, person, own_entry, WORKERS_WORDS, in_persons_words="true")
    assert response.status_code == 302

    own_entry.refresh_from_db()
    assert own_entry.text == PERSONS_WORDS  # never written over
    assert own_entry.in_persons_words and own_entry.written_by == person_user
    assert own_entry.archived_reason == "Replaced by a newer version"

    newest = own_entry.replaced_by
    assert newest.text == WORKERS_WORDS
    assert newest.written_by == support_worker
    assert newest.in_persons_words is False
    assert newest.supported_by is None
    assert newest.persons_words == own_entry


def test_the_service_itself_never_stores_staff_words_as_the_persons(support_worker, person, own_entry):
    newest = services.update_about_me_entry(
        actor=support_worker,
        entry=own_entry,
        data={"section": "intrusive", "text": WORKERS_WORDS, "in_persons_words": True},
        opened_version=own_entry.version,
    )
    assert newest.written_by == support_worker and not newest.in_persons_words
    assert not AboutMeEntry.objects.filter(text=WORKERS_WORDS, in_persons_words=True).exists()


def test_the_person_sees_their_own_words_as_theirs_and_the_workers_as_staffs(
    client, support_worker, person, person_user, own_entry
):
    change_as(client, support_worker, person, own_entry, WORKERS_WORDS)
    client.force_login(person_user)
    html = client.get("/me/").content.decode()
    assert in_any(PERSONS_WORDS, quotes(html))
    assert not in_any(WORKERS_WORDS, quotes(html))
    assert in_any(WORKERS_WORDS, staff_words(html))
    assert "Staff summary by Support_Worker Tester" in html
    assert "written beside your own words" in html


def test_staff_and_a_circle_member_see_the_same_authorship_after_the_change(
    client, support_worker, senior, person, own_entry, circle_member, circle_user
):
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.ABOUT_ME,
            "starts_on": datetime.date(2020, 1, 1),
        },
    )
    change_as(client, support_worker, person, own_entry, WORKERS_WORDS)
    # The circle member sees the staff version only once the person chooses to share it (HAZ-038).
    staff_version = AboutMeEntry.objects.get(replaces=own_entry)
    services.share_staff_summary(actor=person.user, entry=staff_version, shared=True)
    for user, path in [
        (senior, f"/people/{person.public_id}/about-me/"),
        (circle_user, f"/circle/{person.public_id}/"),
    ]:
        client.force_login(user)
        html = client.get(path).content.decode()
        assert in_any(PERSONS_WORDS, quotes(html)), path
        assert not in_any(WORKERS_WORDS, quotes(html)), path
        assert in_any(WORKERS_WORDS, staff_words(html)), path
        assert "In Sam's own words" in html and "Staff summary by Support_Worker Tester" in html, path


def test_a_second_staff_change_still_keeps_the_persons_words_beside_it(
    client, support_worker, senior, person, own_entry
):
    change_as(client, support_worker, person, own_entry, WORKERS_WORDS)
    first_staff_version = own_entry.__class__.objects.get(replaces=own_entry)
    change_as(client, senior, person, first_staff_version, "Knock, wait, and say who it is.")
    newest = AboutMeEntry.objects.get(replaces=first_staff_version)
    assert newest.persons_words == own_entry and newest.written_by == senior
    current = list(person.about_me_entries.filter(section="intrusive", archived_at__isnull=True))
    assert current == [newest]  # one entry in About me, not three


def test_the_staff_change_form_offers_no_whose_words_choice_and_starts_empty(
    client, support_worker, person, own_entry
):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/about-me/{own_entry.public_id}/").content.decode()
    assert 'name="in_persons_words"' not in html
    assert in_any(PERSONS_WORDS, quotes(html))  # shown as theirs, above the box
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert PERSONS_WORDS not in textarea.replace("&#39;", "'")


def test_the_original_words_stay_in_the_history(client, support_worker, senior, person, own_entry):
    change_as(client, support_worker, person, own_entry, WORKERS_WORDS)
    event = AuditEvent.objects.get(action="update", what="About me: Support that feels intrusive to me")
    assert event.before["text"] == PERSONS_WORDS and event.before["in_persons_words"] is True
    assert event.after["text"] == WORKERS_WORDS and event.after["in_persons_words"] is False
    client.force_login(senior)
    html = client.get(f"/people/{person.public_id}/changes/").content.decode()
    assert "Please knock and wait for me to answer." in html and WORKERS_WORDS in html


def test_the_person_changing_a_staff_summary_writes_in_their_own_words(
    client, support_worker, person, person_user
):
    summary = services.add_about_me_entry(
        actor=support_worker,
        person=person,
        section="bad_day",
        text="Tired after clinic.",
        in_persons_words=False,
    )
    response = change_as(client, person_user, person, summary, "Clinic days wear me out.")
    assert response.status_code == 302
    newest = AboutMeEntry.objects.get(replaces=summary)
    assert newest.in_persons_words and newest.written_by == person_user and newest.supported_by is None
    summary.refresh_from_db()
    assert summary.text == "Tired after clinic." and summary.written_by == support_worker


def test_staff_record_the_persons_words_only_as_a_new_entry_written_with_them(client, support_worker, person):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/about-me/add/").content.decode()
    assert "Sam is with me and told me what to write" in html
    client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "Loud mornings.", "in_persons_words": "true"},
    )
    entry = AboutMeEntry.objects.get(text="Loud mornings.")
    assert entry.in_persons_words and entry.written_by == support_worker
    assert entry.supported_by == support_worker  # shown as "written with" the worker


def test_the_remove_page_shows_a_staff_summary_as_staffs_words(client, support_worker, person):
    summary = services.add_about_me_entry(
        actor=support_worker,
        person=person,
        section="bad_day",
        text="Tired after clinic.",
        in_persons_words=False,
    )
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/about-me/{summary.public_id}/remove/").content.decode()
    assert not in_any("Tired after clinic.", quotes(html))
    assert in_any("Tired after clinic.", staff_words(html))
