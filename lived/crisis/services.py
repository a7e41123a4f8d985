"""Every write to a crisis plan goes through here: one transaction, validation, a kept version, the
audit row.

Rules kept here (tested in tests/crisis/test_services.py): staff write the plan with the person and
every save keeps a version; the person adds their own words and nothing else, and only once a plan
has been written; an edit made on a version that has changed since is refused (StaleEdit)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.models import AuditEvent
from lived.core.permissions import require as _require
from lived.core.updates import locked_for_change
from lived.crisis.models import CrisisPlan, CrisisPlanVersion

A = AuditEvent.Action


def _crisis_content(plan: CrisisPlan) -> dict:
    return snapshot(plan, CrisisPlan.AUDIT_FIELDS)


def save_crisis_plan(*, actor, person, data: dict, opened_version=None) -> CrisisPlan:
    """Staff write the plan with the person; every save keeps a version; stale edits are refused."""
    _require(actor, "crisis.edit_crisis_plan", person, "You cannot change this crisis plan")
    is_person = person.user_id is not None and person.user_id == actor.pk
    fields = ("persons_own_words",) if is_person else CrisisPlan.STAFF_FIELDS
    with transaction.atomic():
        plan = CrisisPlan.objects.select_for_update().filter(person=person).first()
        if plan is None:
            if is_person:
                raise ValidationError("Your crisis plan has not been written yet. Ask your key worker.")
            # A new plan is not a locked change: no row to lock or version to check; it starts at 1.
            plan = CrisisPlan(person=person, created_by=actor, updated_by=actor, version=1)
            _write(plan, data, fields, is_person)
            plan.save()
            _audit(actor, A.CREATE, plan, person, "Crisis plan written", None, _crisis_content(plan))
        else:
            with locked_for_change(
                plan,
                actor=actor,
                person=person,
                fields=_crisis_content,
                what="Crisis plan changed",
                opened_version=opened_version,
                submitted=data,
            ):
                _write(plan, data, fields, is_person)
        # Every save keeps a version: the plan as saved, under the number it was saved as.
        CrisisPlanVersion.objects.create(
            plan=plan, number=plan.version, content=_crisis_content(plan), saved_by=actor
        )
    return plan


def _write(plan: CrisisPlan, data: dict, fields: tuple[str, ...], is_person: bool) -> None:
    for name in fields:
        if name in data:
            setattr(plan, name, data[name])
    if is_person:
        plan.persons_own_words = (plan.persons_own_words or "").strip()
