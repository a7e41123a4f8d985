"""A record sent twice from a phone is saved once (ADR 0008): the form's idempotency key with the same
content returns the record already saved; the same key with other content is refused."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError

KEY_REUSED = (
    "This {what} was already sent with different content. Nothing new was saved. "
    "Reload the page to start a new one."
)


def fingerprint(**parts) -> str:
    """What was written, to tell a retry (the same) from a reused key (different)."""

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in sorted(value.items())}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if hasattr(value, "public_id"):
            return str(value.public_id)
        if isinstance(value, str):
            return value.strip()
        return "" if value is None else str(value)

    return hashlib.sha256(json.dumps(plain(parts), sort_keys=True).encode()).hexdigest()


def already_saved(model, key, *, actor, person, fingerprint: str, what: str):
    """The record already saved with this form's key, when it is what was sent again; the same key
    with anything else is refused and nothing is saved."""
    if key is None:
        return None
    existing = model.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if (
        existing.person_id != person.pk
        or existing.recorded_by_id != actor.pk
        or existing.content_hash != fingerprint
    ):
        raise ValidationError(KEY_REUSED.format(what=what))
    return existing
