"""Every write about incidents goes through here: one transaction, validation, the audit row.

Rules kept here (tested in tests/incidents/test_services.py):
- A restrictive practice is authorised by a senior or manager at the person's service and has a
  debrief with the person; it goes on the register with the incident.
- An incident raises a review of the person's risk plans (stages never step back by themselves); one
  marked as a crisis raises a post-crisis review of the crisis plan.
- Only seniors and managers close safeguarding concerns, with an outcome.
- An incident sent twice from a phone is saved once: the form's idempotency key with the same content
  returns the one already saved; the same key with other content is refused (ADR 0008).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.idempotency import already_saved as _already_saved
from lived.core.idempotency import fingerprint as _fingerprint
from lived.core.models import AuditEvent
from lived.core.permissions import require as _require
from lived.core.updates import locked_for_change
from lived.incidents.models import Incident, RestrictivePractice, SafeguardingConcern
from lived.reviews.services import raise_review

A = AuditEvent.Action


def record_incident(
    *,
    actor,
    person,
    data: dict,
    restrictive: dict | None = None,
    safeguarding: dict | None = None,
    idempotency_key=None,
) -> Incident:
    """Records the incident and, when used, the restrictive-practice entry (authorised by a senior or
    manager, with a debrief) and the safeguarding concern. Raises the reviews the incident needs.
    Idempotent on `idempotency_key` (from the form): the same key and content return the incident
    already saved, with nothing raised twice; the same key with other content is refused."""
    _require(actor, "incidents.record_incident", person, "You cannot record incidents")
    fingerprint = _fingerprint(data=data, restrictive=restrictive, safeguarding=safeguarding)
    found = dict(actor=actor, person=person, fingerprint=fingerprint, what="incident")
    existing = _already_saved(Incident, idempotency_key, **found)
    if existing is not None:
        return existing
    try:
        return _save_incident(
            actor=actor,
            person=person,
            data=data,
            restrictive=restrictive,
            safeguarding=safeguarding,
            idempotency_key=idempotency_key,
            fingerprint=fingerprint,
        )
    except IntegrityError:
        # The same key arrived twice at the same moment: the first one won.
        existing = _already_saved(Incident, idempotency_key, **found)
        if existing is None:
            raise
        return existing


def _save_incident(*, actor, person, data, restrictive, safeguarding, idempotency_key, fingerprint):
    if not (data.get("what_happened") or "").strip():
        raise ValidationError("Describe what happened")
    if data.get("crisis_plan_used") in ("partly", "no") and not (data.get("crisis_plan_why") or "").strip():
        raise ValidationError("Say why the crisis plan was not used, or only partly used")
    if data.get("police_involved") and not (data.get("police_details") or "").strip():
        raise ValidationError("Say how the police were involved")
    if data.get("restrictive_practice_used"):
        restrictive = restrictive or {}
        authoriser = restrictive.get("authorised_by")
        if authoriser is None:
            raise ValidationError("A restrictive practice must say who authorised it")
        if not authoriser.has_perm("incidents.authorise_restrictive_practice", person):
            raise ValidationError("Only a senior or a manager at the person's service can authorise it")
        if not (restrictive.get("debrief_with_person") or "").strip():
            raise ValidationError("Record the debrief with the person")
        if not restrictive.get("type") or not restrictive.get("duration_minutes"):
            raise ValidationError("Record the type of restrictive practice and how long it lasted")
    if data.get("safeguarding_raised") and not (safeguarding or {}).get("category"):
        raise ValidationError("Choose the category of the safeguarding concern")
    plan = data.get("risk_plan")
    if plan is not None and plan.person_id != person.pk:
        raise ValidationError("That risk plan is not this person's")
    with transaction.atomic():
        incident = Incident.objects.create(
            person=person,
            service=person.service,
            idempotency_key=idempotency_key,
            content_hash=fingerprint,
            recorded_by=actor,
            created_by=actor,
            updated_by=actor,
            **data,
        )
        _audit(
            actor,
            A.CREATE,
            incident,
            person,
            "Incident recorded",
            after=snapshot(incident, Incident.AUDIT_FIELDS),
        )
        if incident.restrictive_practice_used:
            entry = RestrictivePractice.objects.create(
                incident=incident,
                person=person,
                service=person.service,
                occurred_at=incident.occurred_at,
                created_by=actor,
                updated_by=actor,
                **restrictive,
            )
            _audit(
                actor,
                A.CREATE,
                entry,
                person,
                "Restrictive practice registered",
                after=snapshot(entry, RestrictivePractice.AUDIT_FIELDS),
            )
        if incident.safeguarding_raised:
            concern = SafeguardingConcern.objects.create(
                incident=incident,
                person=person,
                service=person.service,
                raised_at=timezone.now(),
                created_by=actor,
                updated_by=actor,
                **safeguarding,
            )
            _audit(
                actor,
                A.CREATE,
                concern,
                person,
                "Safeguarding concern raised",
                after=snapshot(concern, SafeguardingConcern.AUDIT_FIELDS),
            )
        when = timezone.localtime(incident.occurred_at).strftime("%-d %B %Y")
        if incident.is_crisis:
            raise_review(
                person=person,
                trigger="crisis",
                details=f"Post-crisis review of the crisis plan after the crisis on {when}: "
                "what helped, what did not, and what to change, with the person.",
            )
        plans = person.risk_plans.filter(archived_at__isnull=True)
        if plans.exists():
            goals = "; ".join(p.goal[:60] for p in plans[:3])
            raise_review(
                person=person,
                trigger="incident",
                details=f"Incident on {when} ({incident.summary()}): review the risk plan ({goals}). "
                "Stages stay where they are until the review decides.",
            )
    return incident


def close_safeguarding(
    *, actor, concern: SafeguardingConcern, outcome: str, referred_on=None, reference: str = ""
) -> SafeguardingConcern:
    _require(actor, "incidents.close_safeguarding", concern.person, "Only a senior or a manager can close it")
    if not (outcome or "").strip():
        raise ValidationError("Record the outcome")
    with locked_for_change(
        SafeguardingConcern,
        concern.pk,
        actor=actor,
        fields=SafeguardingConcern.AUDIT_FIELDS,
        what="Safeguarding concern closed",
    ) as change:
        concern = change.obj
        if not concern.is_open:
            raise ValidationError("This concern is already closed")
        concern.outcome = outcome.strip()
        if referred_on:
            concern.referred_on = referred_on
        if reference:
            concern.reference = reference.strip()
        concern.closed_at = timezone.now()
        concern.closed_by = actor
    return concern
