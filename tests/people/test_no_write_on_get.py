"""Opening a page writes nothing but its access row. A person with no communication profile or advance
wishes yet (an older record, an import) sees blank forms; the row is written by the service, with its
audit row, only when someone saves."""

import pytest

from lived.core.models import AuditEvent
from lived.people.models import AdvanceSharingWishes, CommunicationProfile
from tests.factories import Objects
from tests.matrix_helpers import AUDIT, changed_tables, snapshot_rows, unpack
from tests.permission_matrix_data import MATRIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def nothing_recorded_yet(person):
    """The person as an older record or an import leaves them: no profile, no wishes."""
    CommunicationProfile.objects.filter(person=person).delete()
    AdvanceSharingWishes.objects.filter(person=person).delete()
    return person


def test_no_page_about_the_person_writes_a_row_when_nothing_is_recorded_yet(
    client, users, nothing_recorded_yet, circle_member
):
    objects = Objects(nothing_recorded_yet, circle_member)
    wrote = []
    for url_name, entry in sorted(MATRIX.items()):
        build, allowed, _expect = unpack(entry)
        path = build(objects)
        if str(objects.p) not in path:
            continue
        for role in sorted(allowed):
            client.force_login(users[role])
            before = snapshot_rows()
            status = client.get(path).status_code
            changed = changed_tables(before, snapshot_rows(), ignore=frozenset({AUDIT}))
            if changed or status >= 500:
                wrote.append(f"{url_name} as {role}: {status}, wrote to {changed}")
    assert not wrote, "; ".join(wrote)


def test_the_first_save_of_a_communication_profile_writes_it_with_an_audit_row(
    client, senior, nothing_recorded_yet
):
    person = nothing_recorded_yet
    client.force_login(senior)
    page = client.get(f"/people/{person.public_id}/communication/edit/")
    assert page.status_code == 200
    assert not CommunicationProfile.objects.filter(person=person).exists()

    response = client.post(
        f"/people/{person.public_id}/communication/edit/", {"pause_words": "stop", "version": "1"}
    )
    assert response.status_code == 302
    profile = CommunicationProfile.objects.get(person=person)
    assert profile.pause_words == "stop" and profile.created_by == senior
    event = AuditEvent.objects.get(object_public_id=profile.public_id)
    assert event.action == AuditEvent.Action.CREATE and event.actor == senior
    assert event.after["pause_words"] == "stop"


def test_the_first_save_of_advance_wishes_writes_them_with_an_audit_row(client, senior, nothing_recorded_yet):
    person = nothing_recorded_yet
    client.force_login(senior)
    assert client.get(f"/people/{person.public_id}/sharing/wishes/").status_code == 200
    assert client.get(f"/people/{person.public_id}/sharing/wishes/in-force/").status_code == 200
    assert not AdvanceSharingWishes.objects.filter(person=person).exists()

    response = client.post(
        f"/people/{person.public_id}/sharing/wishes/", {"statement": "Tell my sister", "version": "1"}
    )
    assert response.status_code == 302
    wishes = AdvanceSharingWishes.objects.get(person=person)
    event = AuditEvent.objects.get(object_public_id=wishes.public_id)
    assert event.action == AuditEvent.Action.CREATE and event.after["statement"] == "Tell my sister"


def test_putting_wishes_in_force_before_any_are_written_writes_them_with_an_audit_row(
    client, senior, nothing_recorded_yet
):
    person = nothing_recorded_yet
    client.force_login(senior)
    response = client.post(
        f"/people/{person.public_id}/sharing/wishes/in-force/", {"in_force": "true", "reason": "In hospital"}
    )
    assert response.status_code == 302
    wishes = AdvanceSharingWishes.objects.get(person=person)
    assert wishes.in_force
    assert AuditEvent.objects.get(object_public_id=wishes.public_id).action == AuditEvent.Action.CREATE


@pytest.mark.parametrize("page", ["communication/edit/", "sharing/wishes/", "sharing/wishes/in-force/"])
def test_a_form_sent_back_with_errors_writes_nothing(client, senior, nothing_recorded_yet, page):
    client.force_login(senior)
    before = snapshot_rows()
    response = client.post(f"/people/{nothing_recorded_yet.public_id}/{page}", {"version": "not a number"})
    assert response.status_code == 400
    assert changed_tables(before, snapshot_rows()) == []
