"""The home address: each kind of user starts where their work is.

It lives in config, the top layer, because it sends people to pages of several apps."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from lived.accounts.models import SENIORS_AND_OVERSIGHT


def home(request):
    kind = request.user.kind
    if kind == "person":
        return redirect("people:me")
    if kind == "circle":
        return redirect("people:circle_home")
    if request.user.is_care_staff:
        # A support worker's day starts with the shift briefing; seniors, managers and quality leads
        # start from the people they are responsible for.
        if not request.user.has_role(*SENIORS_AND_OVERSIGHT):
            return redirect("notes:briefing")
        return redirect("people:list")
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied
