"""The guard every service starts with: the actor holds the permission on the object, or nothing is
done."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(actor, perm: str, obj, message: str) -> None:
    """Refuse (PermissionDenied with `message`) unless `actor` holds `perm` on `obj`."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
