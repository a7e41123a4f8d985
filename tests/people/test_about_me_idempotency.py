"""An About me form posted twice saves once (tracker issue 10 item 7, HAZ-031; as ADR 0008 for notes).

The form carries a key made by the server when the page is drawn: the same key and words return the
entry already saved; the same key with other words is refused with a clear message and nothing saved."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError

from lived.people import services
from lived.people.models import AboutMeEntry

pytestmark = pytest.mark.django_db


def drawn_key(html: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([0-9a-f-]{36})"', html).group(1)


def test_the_add_form_carries_a_fresh_key_each_time_it_is_drawn(client, support_worker, person):
    client.force_login(support_worker)
    first = drawn_key(client.get(f"/people/{person.public_id}/about-me/add/").content.decode())
    second = drawn_key(client.get(f"/people/{person.public_id}/about-me/add/").content.decode())
    assert uuid.UUID(first) and first != second


def test_the_same_entry_posted_twice_is_saved_once(client, support_worker, person):
    client.force_login(support_worker)
    key = drawn_key(client.get(f"/people/{person.public_id}/about-me/add/").content.decode())
    post = {
        "section": "bad_day",
        "text": "Loud mornings.",
        "in_persons_words": "true",
        "idempotency_key": key,
    }
    assert client.post(f"/people/{person.public_id}/about-me/add/", post).status_code == 302
    assert client.post(f"/people/{person.public_id}/about-me/add/", post).status_code == 302
    assert AboutMeEntry.objects.filter(text="Loud mornings.").count() == 1


def test_the_same_key_with_other_words_is_refused_and_nothing_is_saved(client, person, person_user):
    client.force_login(person_user)
    key = str(uuid.uuid4())
    client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "Loud mornings.", "idempotency_key": key},
    )
    response = client.post(
        f"/people/{person.public_id}/about-me/add/",
        {"section": "bad_day", "text": "Quiet evenings.", "idempotency_key": key},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "already saved with different words" in html
    assert not AboutMeEntry.objects.filter(text="Quiet evenings.").exists()
    assert person.about_me_entries.count() == 2  # the fixture's entry and the first post


def test_a_change_posted_twice_saves_one_new_version_and_no_conflict(client, person, person_user):
    entry = person.about_me_entries.get()
    client.force_login(person_user)
    page = client.get(f"/people/{person.public_id}/about-me/{entry.public_id}/").content.decode()
    post = {
        "section": "good_day",
        "text": "Tea, the garden, and my cat.",
        "version": entry.version,
        "idempotency_key": drawn_key(page),
    }
    first = client.post(f"/people/{person.public_id}/about-me/{entry.public_id}/", post)
    second = client.post(f"/people/{person.public_id}/about-me/{entry.public_id}/", post)
    assert (first.status_code, second.status_code) == (302, 302)
    assert AboutMeEntry.objects.filter(text="Tea, the garden, and my cat.").count() == 1


def test_the_service_returns_the_entry_already_saved_for_the_same_key(support_worker, person):
    key = uuid.uuid4()
    kwargs = {"actor": support_worker, "person": person, "section": "bad_day", "in_persons_words": False}
    first = services.add_about_me_entry(text="Tired.", idempotency_key=key, **kwargs)
    again = services.add_about_me_entry(text="  Tired. ", idempotency_key=key, **kwargs)
    assert again.pk == first.pk
    with pytest.raises(ValidationError):
        services.add_about_me_entry(text="Rested.", idempotency_key=key, **kwargs)
    assert AboutMeEntry.objects.filter(idempotency_key=key).count() == 1


def test_entries_made_without_a_key_are_each_saved(support_worker, person):
    # Entries saved before keys existed, and by code (demo data), have none; they never collide.
    for _ in range(2):
        services.add_about_me_entry(
            actor=support_worker, person=person, section="bad_day", text="Tired.", in_persons_words=False
        )
    assert AboutMeEntry.objects.filter(text="Tired.", idempotency_key__isnull=True).count() == 2
