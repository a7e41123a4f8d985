import pytest
from django.db.models import ProtectedError

from lived.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_manager_archives_a_record_with_a_reason_and_nothing_is_deleted(client, manager, person):
    client.force_login(manager)
    response = client.post(f"/people/{person.public_id}/archive/", {"reason": "Moved to a new home"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.archived_at is not None and person.archived_by == manager
    assert Person.objects.filter(pk=person.pk).exists()
    assert f'href="/people/{person.public_id}/"' not in client.get("/people/").content.decode()
    # The record and its history can still be opened by staff who need it.
    assert client.get(f"/people/{person.public_id}/").status_code == 200


def test_archiving_needs_a_reason(client, manager, person):
    client.force_login(manager)
    response = client.post(f"/people/{person.public_id}/archive/", {"reason": ""})
    assert response.status_code == 400
    assert "Enter reason" in response.content.decode()
    person.refresh_from_db()
    assert person.archived_at is None


def test_a_record_with_history_cannot_be_hard_deleted(person):
    with pytest.raises(ProtectedError):
        person.delete()
