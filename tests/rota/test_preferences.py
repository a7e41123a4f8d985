"""The person's choices of who supports them (C13, issue 14 item 3), through the services: saved whole
against the version opened, a stale save refused, who helped recorded, every change audited with what
it was before and after, and the not-to-send rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.rota import services
from lived.rota.models import NotToSend, SupportPreferences

pytestmark = pytest.mark.django_db

CHOICES = {"preferred_gender": "woman", "preferred_language": "Polish", "small_team": True}


def _save(actor, person, preferred, version=1, **data):
    return services.save_preferences(
        actor=actor, person=person, preferred=preferred, data={**CHOICES, **data}, opened_version=version
    )


def test_the_person_saves_their_ranked_choices_on_their_own_account(person, person_user, tom, megan):
    prefs = _save(person_user, person, [tom, megan])
    assert [(p.rank, p.worker) for p in prefs.ranked()] == [(1, tom), (2, megan)]
    assert prefs.small_team and prefs.preferred_gender == "woman" and prefs.preferred_language == "Polish"
    assert prefs.supported_by is None  # on their own account
    assert prefs.version == 2


def test_staff_saving_with_the_person_are_recorded_as_who_helped(person, senior, tom):
    prefs = _save(senior, person, [tom])
    assert prefs.supported_by == senior


def test_a_change_is_audited_with_the_ranking_before_and_after(person, person_user, tom, megan):
    _save(person_user, person, [tom, megan])
    _save(person_user, person, [megan], version=2, small_team=False)
    rows = AuditEvent.objects.filter(object_type="rota.SupportPreferences").order_by("at", "id")
    assert [r.action for r in rows] == [AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE]
    assert rows[0].after["preferred_workers"] == ["1. Tom Tester", "2. Megan Tester"]
    assert rows[1].before["preferred_workers"] == ["1. Tom Tester", "2. Megan Tester"]
    assert rows[1].after["preferred_workers"] == ["1. Megan Tester"]
    assert rows[1].before["small_team"] is True and rows[1].after["small_team"] is False
    assert all(r.person_public_id == person.public_id for r in rows)


def test_a_stale_save_is_refused_and_changes_nothing(person, person_user, senior, tom, megan):
    _save(person_user, person, [tom])
    with pytest.raises(StaleEdit):
        _save(senior, person, [megan], version=1)  # opened before the person saved
    prefs = SupportPreferences.objects.get(person=person)
    assert [p.worker for p in prefs.ranked()] == [tom] and prefs.version == 2
    assert AuditEvent.objects.filter(object_type="rota.SupportPreferences").count() == 1


def test_only_workers_at_the_persons_service_can_be_chosen(person, person_user, far_worker):
    with pytest.raises(ValidationError, match="Choose people who work at Elm House"):
        _save(person_user, person, [far_worker])
    assert not SupportPreferences.objects.filter(person=person).exists()


def test_the_same_worker_cannot_be_chosen_twice(person, person_user, tom):
    with pytest.raises(ValidationError, match="only once"):
        _save(person_user, person, [tom, tom])


def test_a_support_worker_cannot_change_the_choices_unless_key_worker(person, support_worker, tom):
    with pytest.raises(PermissionDenied):
        _save(support_worker, person, [tom])
    person.key_worker = support_worker
    person.save()
    assert _save(support_worker, person, [tom]).supported_by == support_worker


def test_circle_members_and_other_services_cannot_change_them(
    person, circle_member, circle_user, outsider, tom
):
    for actor in (circle_user, outsider):
        with pytest.raises(PermissionDenied):
            _save(actor, person, [tom])


def test_not_to_send_is_audited_as_its_own_kind_with_the_reason(person, person_user, megan):
    entry = services.add_not_to_send(
        actor=person_user, person=person, worker=megan, reason="We did not get on"
    )
    row = AuditEvent.objects.get(object_type="rota.NotToSend")
    assert row.after == {"worker": "Megan Tester", "reason": "We did not get on", "chosen_with": None}
    assert "We did not get on" not in row.what
    # The reason is never in the preferences' own rows.
    assert not AuditEvent.objects.filter(object_type="rota.SupportPreferences").exists()
    assert entry.supported_by is None


def test_not_to_send_needs_a_worker_at_the_persons_service_and_a_reason(person, person_user, far_worker, tom):
    with pytest.raises(ValidationError, match="Choose someone who works at Elm House"):
        services.add_not_to_send(actor=person_user, person=person, worker=far_worker, reason="No")
    with pytest.raises(ValidationError, match="Say why"):
        services.add_not_to_send(actor=person_user, person=person, worker=tom, reason="  ")
    assert (
        not NotToSend.objects.exists()
        and not AuditEvent.objects.filter(object_type="rota.NotToSend").exists()
    )


def test_not_to_send_refuses_someone_already_on_either_list(person, person_user, tom, megan):
    _save(person_user, person, [tom])
    with pytest.raises(ValidationError, match="Take them off that list first"):
        services.add_not_to_send(actor=person_user, person=person, worker=tom, reason="Changed my mind")
    services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Too loud")
    with pytest.raises(ValidationError, match="already on the list"):
        services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Again")
    with pytest.raises(ValidationError):
        _save(person_user, person, [megan], version=2)  # someone not to send is never a choice


def test_a_support_worker_cannot_add_or_remove_not_to_send(person, person_user, support_worker, megan):
    with pytest.raises(PermissionDenied):
        services.add_not_to_send(actor=support_worker, person=person, worker=megan, reason="x")
    entry = services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="x")
    with pytest.raises(PermissionDenied):
        services.remove_not_to_send(actor=support_worker, entry=entry)


def test_taking_someone_off_archives_the_row_once(person, person_user, senior, megan):
    entry = services.add_not_to_send(actor=senior, person=person, worker=megan, reason="Spoke sharply")
    assert entry.supported_by == senior
    services.remove_not_to_send(actor=person_user, entry=entry)
    services.remove_not_to_send(actor=person_user, entry=entry)  # a second tap changes nothing
    entry.refresh_from_db()
    assert entry.archived_at is not None and entry.archived_by == person_user
    rows = AuditEvent.objects.filter(object_type="rota.NotToSend").order_by("at", "id")
    assert [r.action for r in rows] == [AuditEvent.Action.CREATE, AuditEvent.Action.ARCHIVE]
    # Off the list, they can be added again.
    services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Again")
