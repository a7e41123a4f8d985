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
from lived.core.concurrency import check_version
from lived.core.models import AuditEvent
from lived.core.permissions import require as _require
from lived.crisis.models import CrisisPlan, CrisisPlanVersion

A = AuditEvent.Action

CRISIS_FIELDS = list(CrisisPlan.STAFF_FIELDS)


def _crisis_content(plan: CrisisPlan) -> dict:
    return snapshot(plan, CrisisPlan.AUDIT_FIELDS)


def save_crisis_plan(*, actor, person, data: dict, opened_version=None) -> CrisisPlan:
    """Staff write the plan with the person; every save keeps a version; stale edits are refused."""
    _require(actor, "crisis.edit_crisis_plan", person, "You cannot change this crisis plan")
    is_person = person.user_id is not None and person.user_id == actor.pk
    fields = ["persons_own_words"] if is_person else CRISIS_FIELDS
    with transaction.atomic():
        plan = CrisisPlan.objects.select_for_update().filter(person=person).first()
        if plan is None:
            if is_person:
                raise ValidationError("Your crisis plan has not been written yet. Ask your key worker.")
            plan = CrisisPlan(person=person, created_by=actor, version=0)
            before = None
        else:
            check_version(plan, opened_version, data)
            before = _crisis_content(plan)
        for name in fields:
            if name in data:
                setattr(plan, name, data[name])
        if is_person:
            plan.persons_own_words = (plan.persons_own_words or "").strip()
        plan.version += 1
        plan.updated_by = actor
        plan.save()
        content = _crisis_content(plan)
        CrisisPlanVersion.objects.create(plan=plan, number=plan.version, content=content, saved_by=actor)
        _audit(
            actor,
            A.CREATE if before is None else A.UPDATE,
            plan,
            person,
            "Crisis plan written" if before is None else "Crisis plan changed",
            before,
            content,
        )
    return plan
