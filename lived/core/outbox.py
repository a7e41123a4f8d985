"""The answers the phone's outbox understands (lived/static/lived/outbox.js, ADR 0008).

A form a worker fills on a phone (a daily note, a handover note, an incident, a check-in) is kept on
the phone until the server answers its own success reply: JSON `{"saved": true, "id": …}` to a request
with the header `X-Lived-Offline: 1`. Anything else (the sign-in page, a redirect, a 401, a 403, a
5xx, no answer at all) keeps it there. A refusal the worker must act on is JSON `{"saved": false,
"errors": […]}` with status 400: the phone keeps the record, flagged, until it is discarded."""

from __future__ import annotations

from django.http import JsonResponse

OFFLINE_HEADER = "X-Lived-Offline"


def wants_json(request) -> bool:
    """The request came from the outbox script, which needs an answer it can tell apart from a page."""
    return request.headers.get(OFFLINE_HEADER) == "1"


def saved(obj, *, created: bool = True, next_url: str = "") -> JsonResponse:
    """The only answer that empties the outbox: what was sent is saved (now, or already before)."""
    return JsonResponse({"saved": True, "created": created, "id": str(obj.public_id), "next": next_url})


def refused(form) -> JsonResponse:
    """Nothing was saved, for reasons the worker can read; the phone keeps the record, flagged."""
    errors = [str(e) for errs in form.errors.values() for e in errs]
    return JsonResponse({"saved": False, "errors": errors}, status=400)


def not_signed_in(message: str) -> JsonResponse:
    """For the sign-in and two-factor middleware: never a redirect the script could follow."""
    return JsonResponse({"saved": False, "signed_in": False, "errors": [message]}, status=401)
