"""Every write about complaints and compliments goes through here: one transaction, validation, the
audit row. Anyone who writes about the person, and the person, may raise one; only seniors and managers
respond, and closing needs an outcome (tested in tests/complaints/test_services.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.complaints.models import Complaint
from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.models import AuditEvent
from lived.core.permissions import require as _require
from lived.core.updates import locked_for_change

A = AuditEvent.Action


def record_complaint(*, actor, person, data: dict, themes=()) -> Complaint:
    _require(actor, "complaints.raise_complaint", person, "You cannot record complaints for this person")
    if not (data.get("summary") or "").strip():
        raise ValidationError("Say what the complaint or compliment is about")
    with transaction.atomic():
        complaint = Complaint.objects.create(
            person=person,
            service=person.service,
            recorded_by=actor,
            created_by=actor,
            updated_by=actor,
            **data,
        )
        complaint.themes.set(themes)
        _audit(
            actor,
            A.CREATE,
            complaint,
            person,
            f"{complaint.get_kind_display()} recorded",
            after=snapshot(complaint, Complaint.AUDIT_FIELDS),
        )
    return complaint


def respond_to_complaint(
    *, actor, complaint: Complaint, response: str, outcome: str, close: bool, themes=None
) -> Complaint:
    _require(
        actor, "complaints.respond_complaint", complaint.person, "Only a senior or a manager can respond"
    )
    if not (response or "").strip():
        raise ValidationError("Write the response")
    if close and not (outcome or "").strip():
        raise ValidationError("Record the outcome before closing")
    with locked_for_change(
        Complaint, complaint.pk, actor=actor, fields=Complaint.AUDIT_FIELDS, what="Complaint responded to"
    ) as change:
        complaint = change.obj
        complaint.response = response.strip()
        complaint.outcome = (outcome or "").strip()
        if close and complaint.closed_on is None:
            complaint.closed_on = timezone.localdate()
        if themes is not None:
            complaint.themes.set(themes)
    return complaint
