"""Changes to the organisation, its services and teams, made in the administration site. Each runs in
one transaction and writes an audit row with the values before and after (ADR 0013)."""

from django.db import transaction

from lived.core.audit import record_change, snapshot
from lived.core.models import AuditEvent


def _audited_fields(instance) -> list[str]:
    skip = {"id", "public_id", "created_at", "updated_at", "created_by", "updated_by"}
    return [f.name for f in instance._meta.concrete_fields if f.name not in skip]


def save_from_administration(*, actor, instance):
    """Create or change an organisation, service or team; archiving stamps who archived it."""
    # Not locked_for_change: the administration form's own instance is saved (or created), audited if changed.
    with transaction.atomic():
        model = type(instance)
        current = model.objects.select_for_update().filter(pk=instance.pk).first() if instance.pk else None
        fields = _audited_fields(instance)
        before = snapshot(current, fields) if current else None
        if hasattr(instance, "archived_at"):
            was_archived = current is not None and current.archived_at is not None
            if instance.archived_at is not None and not was_archived:
                instance.archived_by = actor
            elif instance.archived_at is None:
                instance.archived_by, instance.archived_reason = None, ""
        if current is None:
            instance.created_by = actor
        instance.updated_by = actor
        instance.full_clean()
        instance.save()
        after = snapshot(instance, fields)
        if before != after:
            record_change(
                actor=actor,
                action=AuditEvent.Action.CREATE if current is None else AuditEvent.Action.UPDATE,
                obj=instance,
                what=f"{model._meta.verbose_name.capitalize()} {'added' if current is None else 'changed'}: "
                f"{instance}"[:200],
                before=before,
                after=after,
            )
    return instance
