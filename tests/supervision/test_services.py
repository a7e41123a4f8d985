"""The supervision services: who may write what, the worker's own reflection, signing once each by
both on the same version, the agreed version locked, actions followed up, and nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.supervision import services
from lived.supervision.models import AgreedAction, Supervision
from lived.supervision.queries import open_actions_before
from tests.supervision.conftest import supervisor_data

pytestmark = pytest.mark.django_db


def _audit_count():
    return AuditEvent.objects.filter(object_type__startswith="supervision.").count()


def test_the_seeded_themes_are_there(themes):
    assert set(themes) == {
        "choice-offered",
        "routine-over-preference",
        "positive-risk",
        "communication-profile-used",
        "pressure-to-comply",
        "carer-involvement",
    }


def test_a_senior_starts_a_record_at_the_workers_service(record, senior, support_worker, service):
    assert (record.supervisor, record.worker, record.service) == (senior, support_worker, service)
    assert record.version == 1 and not record.is_agreed
    row = AuditEvent.objects.get(object_public_id=record.public_id)
    assert row.action == AuditEvent.Action.CREATE and row.person_public_id is None


@pytest.mark.parametrize(
    ("who", "held_on", "message"),
    [
        ("self", 0, "You cannot record your own supervision"),
        ("elsewhere", 0, "does not work at your services"),
        ("worker", 3, "must be today or in the past"),
    ],
)
def test_starting_is_refused_with_a_reason(senior, support_worker, outsider, today, who, held_on, message):
    worker = {"self": senior, "elsewhere": outsider, "worker": support_worker}[who]
    with pytest.raises(ValidationError, match=message):
        services.start_supervision(
            actor=senior, worker=worker, held_on=today + datetime.timedelta(days=held_on), kind="one_to_one"
        )
    assert Supervision.objects.count() == 0 and _audit_count() == 0


def test_a_support_worker_cannot_start_one(support_worker, colleague, today):
    with pytest.raises(PermissionDenied):
        services.start_supervision(actor=support_worker, worker=colleague, held_on=today, kind="one_to_one")
    assert Supervision.objects.count() == 0


def test_the_supervisor_saves_their_part_with_themes(record, senior, themes):
    chosen = [themes["choice-offered"], themes["routine-over-preference"]]
    saved = services.save_supervisor_part(
        actor=senior, record=record, data=supervisor_data(record), themes=chosen, opened_version=1
    )
    assert saved.version == 2
    assert {t.code for t in saved.themes.all()} == {"choice-offered", "routine-over-preference"}
    row = AuditEvent.objects.filter(object_public_id=record.public_id).latest("at")
    assert row.after["themes"] == ["Choice offered", "Routine over preference"]
    assert row.before["discussed"] == "" and row.after["discussed"].startswith("Ada's morning")


def test_a_stale_save_is_refused_and_nothing_is_written(record, senior):
    services.save_supervisor_part(
        actor=senior, record=record, data=supervisor_data(record), themes=[], opened_version=1
    )
    before = _audit_count()
    with pytest.raises(StaleEdit):
        services.save_supervisor_part(
            actor=senior,
            record=record,
            data=supervisor_data(record, discussed="Other"),
            themes=[],
            opened_version=1,
        )
    record.refresh_from_db()
    assert record.discussed.startswith("Ada's morning") and _audit_count() == before


def test_only_the_worker_writes_their_reflection(record, senior, support_worker, manager):
    for actor in (senior, manager):
        with pytest.raises(PermissionDenied, match="Only the worker writes their reflection"):
            services.save_reflection(
                actor=actor, record=record, data={"reflection": "Not mine to write"}, opened_version=1
            )
    record.refresh_from_db()
    assert record.reflection == "" and record.version == 1
    saved = services.save_reflection(
        actor=support_worker,
        record=record,
        data={"reflection": "I rushed Ada's mornings when we were short.", "disagreement": ""},
        opened_version=1,
    )
    assert saved.reflection.startswith("I rushed") and saved.version == 2


def test_the_supervisor_cannot_change_the_workers_words_through_their_own_part(
    record, senior, support_worker
):
    services.save_reflection(
        actor=support_worker,
        record=record,
        data={"reflection": "Mine", "disagreement": "Not fair"},
        opened_version=1,
    )
    record.refresh_from_db()
    services.save_supervisor_part(
        actor=senior,
        record=record,
        data=supervisor_data(record, reflection="Changed"),
        themes=[],
        opened_version=2,
    )
    record.refresh_from_db()
    assert (record.reflection, record.disagreement) == ("Mine", "Not fair")


def test_both_sign_once_and_the_agreed_version_is_locked(record, senior, support_worker, themes):
    record = services.sign(actor=senior, record=record, opened_version=1)
    with pytest.raises(ValidationError, match="already signed"):
        services.sign(actor=senior, record=record, opened_version=record.version)
    record = services.sign(actor=support_worker, record=record, opened_version=record.version)
    assert record.is_agreed
    locked_version = record.version
    for attempt in (
        lambda: services.save_supervisor_part(
            actor=senior,
            record=record,
            data=supervisor_data(record),
            themes=[],
            opened_version=locked_version,
        ),
        lambda: services.save_reflection(
            actor=support_worker, record=record, data={"reflection": "later"}, opened_version=locked_version
        ),
        lambda: services.sign(actor=support_worker, record=record, opened_version=locked_version),
        lambda: services.add_action(
            actor=senior, record=record, what="x", owner=support_worker, due_on=record.held_on
        ),
    ):
        with pytest.raises(ValidationError, match="cannot be changed"):
            attempt()
    record.refresh_from_db()
    assert record.version == locked_version and record.discussed == "" and not record.actions.exists()


def test_a_change_after_one_signature_takes_it_off(record, senior, support_worker):
    record = services.sign(actor=support_worker, record=record, opened_version=1)
    record = services.save_supervisor_part(
        actor=senior, record=record, data=supervisor_data(record), themes=[], opened_version=record.version
    )
    assert record.worker_signed_at is None
    row = AuditEvent.objects.filter(object_public_id=record.public_id).latest("at")
    assert row.before["worker_signed"] is True and row.after["worker_signed"] is False


def test_signing_a_version_changed_since_is_stale(record, senior, support_worker):
    services.save_reflection(actor=support_worker, record=record, data={"reflection": "x"}, opened_version=1)
    with pytest.raises(StaleEdit):
        services.sign(actor=senior, record=record, opened_version=1)
    record.refresh_from_db()
    assert record.supervisor_signed_at is None


def test_a_colleague_cannot_sign(record, colleague):
    with pytest.raises(PermissionDenied):
        services.sign(actor=colleague, record=record, opened_version=1)


def test_actions_are_followed_up_at_the_next_session(record, senior, support_worker, today):
    action = services.add_action(
        actor=senior, record=record, what="Read Ada's new plan", owner=support_worker, due_on=today
    )
    services.sign(actor=senior, record=record, opened_version=2)
    record.refresh_from_db()
    services.sign(actor=support_worker, record=record, opened_version=record.version)
    later = services.start_supervision(actor=senior, worker=support_worker, held_on=today, kind="one_to_one")
    assert open_actions_before(later) == [action]
    services.mark_action_done(actor=support_worker, action=action, record=later)
    action.refresh_from_db()
    assert action.done_on == today and action.done_by == support_worker
    assert open_actions_before(later) == []
    # Done twice: nothing changes, nothing is written.
    count = _audit_count()
    services.mark_action_done(actor=senior, action=action, record=later)
    assert _audit_count() == count


@pytest.mark.parametrize(
    ("what", "owner", "days", "message"),
    [
        ("", "worker", 0, "Enter what you agreed"),
        ("Read the plan", "colleague", 0, "Choose who will do it"),
        ("Read the plan", "worker", -5, "on or after the date of the session"),
    ],
)
def test_bad_actions_are_refused(record, senior, support_worker, colleague, what, owner, days, message):
    who = {"worker": support_worker, "colleague": colleague}[owner]
    with pytest.raises(ValidationError, match=message):
        services.add_action(
            actor=senior,
            record=record,
            what=what,
            owner=who,
            due_on=record.held_on + datetime.timedelta(days=days),
        )
    assert AgreedAction.objects.count() == 0
    record.refresh_from_db()
    assert record.version == 1


def test_an_action_is_not_marked_done_from_another_workers_record(
    record, senior, support_worker, colleague, today
):
    action = services.add_action(actor=senior, record=record, what="x", owner=support_worker, due_on=today)
    theirs = services.start_supervision(actor=senior, worker=colleague, held_on=today, kind="one_to_one")
    with pytest.raises(ValidationError):
        services.mark_action_done(actor=senior, action=action, record=theirs)
    action.refresh_from_db()
    assert action.done_on is None
