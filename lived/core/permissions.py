"""Permission guards: the one every service starts with (the actor holds the permission on the object,
or nothing is done), and the base of pages that need one permission with no object."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.views import View


def require(actor, perm: str, obj, message: str) -> None:
    """Refuse (PermissionDenied with `message`) unless `actor` holds `perm` on `obj`."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


class PermissionView(View):
    """A page that needs one `rules` permission with no object (a page about one person builds on
    lived.people.access.PersonView instead)."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
