"""Explicit audit: services call `record_change`, views of a person's record call `record_view`."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db import models

from lived.core.models import AuditEvent


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """A JSON-safe picture of the named fields, for before/after audit rows."""
    data: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            value = sorted(str(obj) for obj in getattr(instance, name).all()) if instance.pk else []
        elif field.is_relation:
            related = getattr(instance, name)
            value = str(related) if related is not None else None
        else:
            value = getattr(instance, name)
        data[name] = _json_safe(value)
    return data


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _describe(user) -> str:
    if user is None:
        return "Lived (automatic)"
    if not getattr(user, "is_authenticated", False):
        return "Anonymous"
    return f"{user.display_name} ({user.role_summary})"


def record_change(
    *,
    actor,
    action: str,
    obj: models.Model,
    person_public_id=None,
    what: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_description=_describe(actor),
        action=action,
        object_type=obj._meta.label,
        object_public_id=getattr(obj, "public_id", None),
        person_public_id=person_public_id,
        what=what,
        before=before,
        after=after,
    )


def record_view(*, actor, person, what: str) -> AuditEvent:
    """Every view of a person's record writes an access row."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_description=_describe(actor),
        action=AuditEvent.Action.VIEW,
        object_type=person._meta.label,
        object_public_id=person.public_id,
        person_public_id=person.public_id,
        what=what,
    )


def record_account_event(*, user, action: str, what: str = "") -> AuditEvent:
    return AuditEvent.objects.create(
        actor=user if getattr(user, "pk", None) else None,
        actor_description=_describe(user) if getattr(user, "pk", None) else what,
        action=action,
        object_type="accounts.User",
        object_public_id=getattr(user, "public_id", None),
        what=what,
    )


def record_person_change(actor, action: str, obj: models.Model, person, what: str, before=None, after=None):
    """record_change for something that belongs to a person (or to a service, with person None): the
    services of every app call this."""
    return record_change(
        actor=actor,
        action=action,
        obj=obj,
        person_public_id=person.public_id if person is not None else None,
        what=what[:200],
        before=before,
        after=after,
    )
