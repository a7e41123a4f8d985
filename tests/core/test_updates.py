"""The one audited-update helper: it locks the row, refuses a stale version exactly as services always
have, pictures the row before and after, moves the version on, saves, writes the audit row — and on
any refusal writes nothing at all."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.query import QuerySet

from lived.core.audit import record_change, snapshot
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.core.updates import locked_for_change
from lived.organisations.models import Team
from lived.people.models import AdvanceSharingWishes, CircleMember, Person

pytestmark = pytest.mark.django_db

FIELDS = CircleMember.AUDIT_FIELDS
A = AuditEvent.Action


def _change_member(member, actor, **options):
    options.setdefault("opened_version", member.version)
    with locked_for_change(
        CircleMember.objects.select_related("person"),
        member.pk,
        actor=actor,
        fields=FIELDS,
        what="Circle of support: member changed",
        **options,
    ) as change:
        change.obj.phone = "01632 960123"
    return change.obj


def _row_fields(event: AuditEvent) -> dict:
    return {
        name: getattr(event, name)
        for name in (
            "actor_id",
            "actor_description",
            "action",
            "object_type",
            "object_public_id",
            "person_public_id",
            "what",
            "before",
            "after",
        )
    }


def test_the_row_is_locked(monkeypatch, circle_member, senior):
    locked = []
    real = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    _change_member(circle_member, senior)
    assert locked == [CircleMember]


def test_the_audit_row_is_the_one_record_change_writes(circle_member, senior):
    before = snapshot(circle_member, FIELDS)
    changed = _change_member(circle_member, senior)
    written = AuditEvent.objects.filter(object_public_id=circle_member.public_id).first()
    # What the services wrote before the helper existed, for the same change.
    expected = record_change(
        actor=senior,
        action=A.UPDATE,
        obj=changed,
        person_public_id=circle_member.person.public_id,
        what="Circle of support: member changed",
        before=before,
        after=snapshot(changed, FIELDS),
    )
    assert _row_fields(written) == _row_fields(expected)
    assert written.before["phone"] == "" and written.after["phone"] == "01632 960123"


def test_the_version_moves_on_and_the_editor_is_stamped(circle_member, senior):
    opened = circle_member.version
    _change_member(circle_member, senior)
    circle_member.refresh_from_db()
    assert circle_member.version == opened + 1
    assert circle_member.updated_by == senior
    assert circle_member.phone == "01632 960123"


def test_a_stale_version_is_refused_with_what_was_submitted_and_nothing_is_written(
    circle_member, senior, manager
):
    opened = circle_member.version
    _change_member(circle_member, senior)
    rows = AuditEvent.objects.count()
    with pytest.raises(StaleEdit) as refused:
        with locked_for_change(
            CircleMember,
            circle_member.pk,
            actor=manager,
            fields=FIELDS,
            what="Circle of support: member changed",
            opened_version=opened,
            submitted={"phone": "0000"},
        ) as change:
            change.obj.phone = "0000"
    assert refused.value.current.version == opened + 1
    assert refused.value.submitted == {"phone": "0000"}
    assert refused.value.opened_version == opened
    circle_member.refresh_from_db()
    assert circle_member.phone == "01632 960123" and circle_member.version == opened + 1
    assert AuditEvent.objects.count() == rows


def test_a_missing_version_is_refused_as_stale(circle_member, senior):
    with pytest.raises(StaleEdit):
        _change_member(circle_member, senior, opened_version=None)


def test_a_refusal_inside_the_block_saves_nothing(circle_member, senior):
    rows = AuditEvent.objects.count()
    opened = circle_member.version
    with pytest.raises(ValidationError):
        with locked_for_change(
            CircleMember, circle_member.pk, actor=senior, fields=FIELDS, what="x", opened_version=opened
        ) as change:
            change.obj.phone = "0000"
            change.obj.save()  # even a write the block made is undone
            raise ValidationError("No")
    circle_member.refresh_from_db()
    assert circle_member.phone == "" and circle_member.version == opened
    assert AuditEvent.objects.count() == rows


def test_a_refusal_leaves_the_callers_transaction_usable(circle_member, senior):
    """Views record a conflict row after a StaleEdit, in the same request's transaction."""
    with transaction.atomic():
        with pytest.raises(StaleEdit):
            _change_member(circle_member, senior, opened_version=circle_member.version + 5)
        record_change(actor=senior, action=A.CONFLICT, obj=circle_member, what="refused")
    assert AuditEvent.objects.filter(action=A.CONFLICT).count() == 1


def test_unchanged_writes_nothing(circle_member, senior):
    rows = AuditEvent.objects.count()
    opened = circle_member.version
    with locked_for_change(CircleMember, circle_member.pk, actor=senior, fields=FIELDS, what="x") as change:
        change.obj.phone = "0000"
        returned = change.unchanged()
    assert returned is change.obj
    circle_member.refresh_from_db()
    assert circle_member.phone == "" and circle_member.version == opened
    assert AuditEvent.objects.count() == rows


def test_update_fields_save_only_those_with_version_editor_and_time(circle_member, senior):
    CircleMember.objects.filter(pk=circle_member.pk).update(phone="kept")
    with locked_for_change(
        circle_member, actor=senior, what="archived", action=A.ARCHIVE, update_fields=["archived_reason"]
    ) as change:
        change.obj.archived_reason = "Moved away"
        change.after = {"reason": "Moved away"}
    circle_member.refresh_from_db()
    assert circle_member.phone == "kept"  # the stale in-memory phone was not saved over it
    assert circle_member.archived_reason == "Moved away" and circle_member.updated_by == senior
    event = AuditEvent.objects.filter(object_public_id=circle_member.public_id).first()
    assert event.action == A.ARCHIVE and event.before is None and event.after == {"reason": "Moved away"}


def test_options_leave_version_and_editor_alone(circle_member, senior, manager):
    opened, editor = circle_member.version, circle_member.updated_by
    with locked_for_change(
        CircleMember,
        circle_member.pk,
        actor=manager,
        what="x",
        bump_version=False,
        set_updated_by=False,
        update_fields=["phone"],
    ) as change:
        change.obj.phone = "0000"
    circle_member.refresh_from_db()
    assert circle_member.version == opened and circle_member.updated_by == editor


def test_a_row_created_here_is_a_create_with_no_before(person, senior):
    AdvanceSharingWishes.objects.filter(person=person).delete()
    with locked_for_change(
        AdvanceSharingWishes,
        lookup={"person": person},
        create={"created_by": senior, "updated_by": senior},
        actor=senior,
        fields=AdvanceSharingWishes.AUDIT_FIELDS,
        what="Advance wishes about sharing",
    ) as change:
        assert change.created
        change.obj.statement = "Ring my sister."
    event = AuditEvent.objects.filter(object_public_id=change.obj.public_id).first()
    assert event.action == A.CREATE and event.before is None
    assert event.after["statement"] == "Ring my sister." and event.person_public_id == person.public_id
    assert change.obj.version == 2  # as the services have always saved it


def test_a_person_row_names_the_person_and_what_may_be_read_from_the_row(person, senior):
    with locked_for_change(
        Person,
        person.pk,
        actor=senior,
        person=person,
        fields=lambda row: {"preferred_name": row.preferred_name, "version": row.version},
        what=lambda row: f"Called {row.preferred_name}",
        clean=True,
    ) as change:
        change.obj.preferred_name = "Sam"
    event = AuditEvent.objects.filter(object_public_id=person.public_id, action=A.UPDATE).first()
    assert event.what == "Called Sam" and event.person_public_id == person.public_id
    assert event.before["version"] + 1 == event.after["version"]


def test_a_clean_that_fails_saves_nothing(person, senior):
    rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        with locked_for_change(
            Person, person.pk, actor=senior, person=person, what="x", clean=True
        ) as change:
            change.obj.given_name = ""
    person.refresh_from_db()
    assert person.given_name and AuditEvent.objects.count() == rows


def test_a_row_about_nobody_has_no_person(service, administrator):
    team = Team.objects.create(service=service, name="Days")
    with locked_for_change(
        Team, team.pk, actor=administrator, person=None, fields=["name"], what="Team changed"
    ) as change:
        change.obj.name = "Nights"
    event = AuditEvent.objects.filter(object_public_id=team.public_id).first()
    assert event.person_public_id is None
    assert (event.before, event.after) == ({"name": "Days"}, {"name": "Nights"})
