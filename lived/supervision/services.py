"""Every write about supervision: one transaction, the permission checked first, validation, the audit
row with what it was before and after (lived.core.updates.locked_for_change, or record_person_change
for a new row). Supervision is about staff, so no audit row names a person.

Guarantees (tests/supervision/test_services.py):
- A record is started only by a senior or manager at a service where the worker works, never about
  themselves, for a session held today or before.
- The supervisor's part and the worker's part are each saved against the version the editor opened;
  a stale save is refused (StaleEdit) and nothing is written.
- The worker's reflection and disagreement are written by the worker alone; the supervisor is refused.
- Both sign the same version: a change to the record after one of them signed takes that signature
  off (the audit row says so) and they sign again. Signing twice is refused. Once both have signed,
  the record is the agreed version and every change to it is refused; an agreed action can still be
  marked done (the follow-up at a later session).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.accounts.models import SENIORS, WRITERS
from lived.core.audit import record_person_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.supervision.models import AgreedAction, Supervision, Theme

A = AuditEvent.Action
LOCKED = "You have both signed this record, so it cannot be changed"


def _picture(record: Supervision) -> dict:
    return {
        "held_on": record.held_on.isoformat() if record.held_on else None,
        "kind": record.kind,
        "discussed": record.discussed,
        "wellbeing": record.wellbeing,
        "themes": sorted(t.name for t in record.themes.all()) if record.pk else [],
        "reflection": record.reflection,
        "disagreement": record.disagreement,
        "supervisor_signed": record.supervisor_signed_at is not None,
        "worker_signed": record.worker_signed_at is not None,
    }


def _action_picture(action: AgreedAction) -> dict:
    return {
        "what": action.what,
        "owner": action.owner.display_name,
        "due_on": action.due_on.isoformat(),
        "done_on": action.done_on.isoformat() if action.done_on else None,
    }


def _refuse_if_agreed(record: Supervision) -> None:
    if record.is_agreed:
        raise ValidationError(LOCKED)


def _take_signatures_off(record: Supervision) -> None:
    """The record changed: anyone who signed signed an earlier version, and signs again."""
    record.supervisor_signed_at = None
    record.worker_signed_at = None


def _text(data: dict, name: str) -> str:
    return (data.get(name) or "").strip()


def start_supervision(*, actor, worker, held_on: datetime.date, kind: str) -> Supervision:
    """Open a record of a session the actor holds with the worker, at a service where the actor
    supervises and the worker works (the first such by name)."""
    require(actor, "supervision.start", None, "Only seniors and managers record supervision")
    if worker is None:
        raise ValidationError("Choose who the session is with")
    if worker.pk == actor.pk:
        raise ValidationError("You cannot record your own supervision. Your own supervisor records it.")
    if held_on is None:
        raise ValidationError("Enter the date of the session")
    if held_on > timezone.localdate():
        raise ValidationError("The date of the session must be today or in the past")
    if kind not in Supervision.Kind.values:
        raise ValidationError("Choose the kind of session")
    shared = sorted(
        (
            role.service
            for role in worker.service_roles.select_related("service").filter(role__in=WRITERS)
            if role.service_id in actor.service_ids_with(*SENIORS)
        ),
        key=lambda s: (s.name, s.pk),
    )
    if not shared:
        raise ValidationError(
            f"Choose someone you supervise. {worker.first_name} does not work at your services."
        )
    with transaction.atomic():
        record = Supervision.objects.create(
            service=shared[0],
            supervisor=actor,
            worker=worker,
            held_on=held_on,
            kind=kind,
            created_by=actor,
            updated_by=actor,
        )
        record_person_change(
            actor,
            A.CREATE,
            record,
            None,
            f"Supervision with {worker.display_name} started",
            after=_picture(record),
        )
    return record


def save_supervisor_part(
    *, actor, record: Supervision, data: dict, themes: list[Theme], opened_version: int | None
) -> Supervision:
    """The supervisor's part: date, kind, what was discussed, the worker's wellbeing and the themes."""
    require(actor, "supervision.edit_record", record, "Only the supervisor changes this part of the record")
    held_on = data.get("held_on")
    if held_on is None:
        raise ValidationError("Enter the date of the session")
    if held_on > timezone.localdate():
        raise ValidationError("The date of the session must be today or in the past")
    if data.get("kind") not in Supervision.Kind.values:
        raise ValidationError("Choose the kind of session")
    submitted = {**{name: data.get(name, "") for name in Supervision.SUPERVISOR_FIELDS}}
    submitted["themes"] = ", ".join(sorted(t.name for t in themes))
    with locked_for_change(
        Supervision,
        record.pk,
        actor=actor,
        person=None,
        fields=_picture,
        what=lambda r: f"Supervision with {r.worker.display_name}: the supervisor's part saved",
        opened_version=opened_version,
        submitted=submitted,
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        current.held_on = held_on
        current.kind = data["kind"]
        current.discussed = _text(data, "discussed")
        current.wellbeing = _text(data, "wellbeing")
        _take_signatures_off(current)
        current.themes.set(themes)
    return change.obj


def save_reflection(*, actor, record: Supervision, data: dict, opened_version: int | None) -> Supervision:
    """The worker's own words: their reflection, and what they disagree with, if anything."""
    require(
        actor,
        "supervision.edit_reflection",
        record,
        "Only the worker writes their reflection. You can read it, but not change it.",
    )
    submitted = {name: data.get(name, "") for name in Supervision.WORKER_FIELDS}
    with locked_for_change(
        Supervision,
        record.pk,
        actor=actor,
        person=None,
        fields=_picture,
        what=lambda r: (
            f"Supervision with {r.supervisor.display_name}: {r.worker.display_name}'s reflection saved"
        ),
        opened_version=opened_version,
        submitted=submitted,
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        current.reflection = _text(data, "reflection")
        current.disagreement = _text(data, "disagreement")
        _take_signatures_off(current)
    return change.obj


def sign(*, actor, record: Supervision, opened_version: int | None) -> Supervision:
    """Sign the version the actor was shown: as the supervisor or as the worker, once each."""
    require(actor, "supervision.sign", record, "Only the worker and their supervisor sign this record")
    with locked_for_change(
        Supervision,
        record.pk,
        actor=actor,
        person=None,
        fields=_picture,
        what=lambda r: f"Supervision with {r.worker.display_name}: signed by {actor.display_name}",
        opened_version=opened_version,
        submitted={},
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        now = timezone.now()
        if current.supervisor_id == actor.pk:
            if current.supervisor_signed_at is not None:
                raise ValidationError("You have already signed this record")
            current.supervisor_signed_at = now
        else:
            if current.worker_signed_at is not None:
                raise ValidationError("You have already signed this record")
            current.worker_signed_at = now
    return change.obj


def add_action(*, actor, record: Supervision, what: str, owner, due_on: datetime.date | None) -> AgreedAction:
    """An action agreed at the session, with who will do it (the worker or the supervisor) and by
    when. It changes the record, so anyone who signed signs again."""
    require(actor, "supervision.edit_record", record, "Only the supervisor adds agreed actions")
    what = (what or "").strip()
    if not what:
        raise ValidationError("Enter what you agreed")
    if owner is None or owner.pk not in (record.worker_id, record.supervisor_id):
        raise ValidationError("Choose who will do it")
    if due_on is None:
        raise ValidationError("Enter the date it is due by")
    with locked_for_change(
        Supervision,
        record.pk,
        actor=actor,
        person=None,
        fields=_picture,
        what=lambda r: f"Supervision with {r.worker.display_name}: an action agreed",
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        if due_on < current.held_on:
            raise ValidationError("The date it is due by must be on or after the date of the session")
        _take_signatures_off(current)
        action = AgreedAction.objects.create(
            supervision=current, what=what, owner=owner, due_on=due_on, created_by=actor, updated_by=actor
        )
        record_person_change(
            actor, A.CREATE, action, None, f"Agreed action: {what}", after=_action_picture(action)
        )
    return action


def mark_action_done(*, actor, action: AgreedAction, record: Supervision) -> AgreedAction:
    """Mark an agreed action done, from the record it was agreed at or from a later session with the
    same worker at the same service (its own record may be signed by then). Marking it done again
    changes nothing and writes nothing."""
    require(
        actor, "supervision.mark_action_done", record, "Only the worker and their supervisor mark this done"
    )
    agreed_at = action.supervision
    if (agreed_at.worker_id, agreed_at.service_id) != (record.worker_id, record.service_id) or (
        agreed_at.held_on > record.held_on
    ):
        raise ValidationError("This action was not agreed with this worker before this session")
    with locked_for_change(
        AgreedAction.objects.select_related("owner"),
        action.pk,
        actor=actor,
        person=None,
        fields=_action_picture,
        what=lambda a: f"Agreed action done: {a.what}",
    ) as change:
        if change.obj.done_on is not None:
            return change.unchanged()
        change.obj.done_on = timezone.localdate()
        change.obj.done_by = actor
    return change.obj
