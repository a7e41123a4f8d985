"""A circle member sees what the person chose of a shared section (HAZ-038, tracker issue 12 item 13).

Sam shares About me with his sister Bea. She sees Sam's own words; a staff summary (Hannah's about his
hospital stay) only once Sam ticks it, on his own account. Staff cannot tick it for him."""

import pytest
from django.core.exceptions import PermissionDenied

from lived.accounts.models import User
from lived.core.models import AuditEvent
from lived.people import services
from lived.people.models import AboutMeEntry, Person

pytestmark = pytest.mark.django_db

HOSPITAL_STAY = "Sam moved to Riverside after a hospital stay in 2023"
SAMS_OWN_WORDS = "I can fix nearly any bike."


@pytest.fixture(scope="module", autouse=True)
def demo(demo_once):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_once


@pytest.fixture
def sam():
    return Person.objects.get(given_name="Samuel", family_name="Carter")


@pytest.fixture
def hospital_summary(sam):
    return AboutMeEntry.objects.get(person=sam, archived_at__isnull=True, text__startswith=HOSPITAL_STAY)


def shared_page(client, username, person):
    client.force_login(User.objects.get(username=username))
    response = client.get(f"/circle/{person.public_id}/")
    assert response.status_code == 200
    return response.content.decode().replace("&#39;", "'")


def test_bea_sees_sams_own_words_and_not_the_staff_summary_about_his_hospital_stay(client, sam):
    html = shared_page(client, "bea", sam)
    assert SAMS_OWN_WORDS in html
    assert HOSPITAL_STAY not in html
    assert "Staff summary by" not in html


def test_after_sam_ticks_the_staff_summary_bea_sees_it(client, sam, hospital_summary):
    client.force_login(User.objects.get(username="sam"))
    page = client.get(f"/people/{sam.public_id}/about-me/{hospital_summary.public_id}/share/")
    assert page.status_code == 200 and "Share this staff summary with the people I share About me with" in (
        page.content.decode()
    )
    response = client.post(
        f"/people/{sam.public_id}/about-me/{hospital_summary.public_id}/share/", {"shared": "true"}
    )
    assert response.status_code == 302
    row = (
        AuditEvent.objects.filter(object_public_id=hospital_summary.public_id).order_by("-at", "-id").first()
    )
    assert row.actor.username == "sam" and row.after["shared_with_circle"] is True
    assert row.before["shared_with_circle"] is False

    html = shared_page(client, "bea", sam)
    assert HOSPITAL_STAY in html and "Staff summary by Hannah" in html

    # And unticking takes it back.
    client.force_login(User.objects.get(username="sam"))
    client.post(f"/people/{sam.public_id}/about-me/{hospital_summary.public_id}/share/", {})
    assert HOSPITAL_STAY not in shared_page(client, "bea", sam)


def test_sams_own_page_says_who_can_read_each_staff_summary(client, sam):
    client.force_login(User.objects.get(username="sam"))
    html = client.get("/me/").content.decode()
    assert "Only you and staff can read this staff summary" in html
    assert "Choose who can read it" in html


@pytest.mark.parametrize("username", ["hannah", "daniel", "tom"])
def test_staff_cannot_make_the_choice_for_sam(client, sam, hospital_summary, username):
    client.force_login(User.objects.get(username=username))
    url = f"/people/{sam.public_id}/about-me/{hospital_summary.public_id}/share/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"shared": "true"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.share_staff_summary(
            actor=User.objects.get(username=username), entry=hospital_summary, shared=True
        )
    hospital_summary.refresh_from_db()
    assert hospital_summary.shared_with_circle is False


def test_a_staff_version_of_sams_own_words_shows_bea_only_his_words(client, sam):
    own = AboutMeEntry.objects.get(person=sam, archived_at__isnull=True, text__startswith=SAMS_OWN_WORDS)
    hannah = User.objects.get(username="hannah")
    services.update_about_me_entry(
        actor=hannah,
        entry=own,
        data={"text": "Staff paraphrase of Sam's strengths."},
        opened_version=own.version,
    )
    html = shared_page(client, "bea", sam)
    assert SAMS_OWN_WORDS in html  # still his, still shared
    assert "Staff paraphrase" not in html


def test_a_new_staff_version_needs_sams_choice_again(client, sam, hospital_summary):
    sam_user = User.objects.get(username="sam")
    services.share_staff_summary(actor=sam_user, entry=hospital_summary, shared=True)
    hospital_summary.refresh_from_db()
    newer = services.update_about_me_entry(
        actor=User.objects.get(username="hannah"),
        entry=hospital_summary,
        data={"text": "Sam moved to Riverside in 2023 and is working towards paid work."},
        opened_version=hospital_summary.version,
    )
    assert newer.shared_with_circle is False
    assert "working towards paid work" not in shared_page(client, "bea", sam)
