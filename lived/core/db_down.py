"""When the database cannot be reached, people get a plain "try again" page (503), not a stack trace
or a 500 page that itself needs the database.

`lived.core.views.server_error` (Django's 500 handler, which every uncaught error reaches, from a
view or from a middleware such as the session read) answers with `try_again` when the error is a
database one. Django logs it as usual ("Service Unavailable"), with the error's type. The
transaction in flight was rolled back, so nothing was half-saved; with CONN_HEALTH_CHECKS on, the
first request after the database is back reconnects before using a dead connection.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

from lived.core import outbox

logger = logging.getLogger("lived.db_down")

# OperationalError: the server is down, restarting, refused the connection or dropped it; a lock
# or statement timed out. InterfaceError: the connection was already closed under us.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# The last resort if even the page cannot be drawn: this answer must never itself fail.
PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, Lived is not available just now</title></head><body>"
    "<h1>Sorry, Lived is not available just now</h1>"
    "<p>Lived cannot reach its records at the moment. Go back and try again in a minute.</p>"
    "</body></html>"
)


def try_again(request) -> HttpResponse:
    if outbox.wants_json(request):
        # Not a refusal (400): the phone keeps what it sent and sends it again later.
        response = JsonResponse({"saved": False, "try_again": True}, status=503)
    else:
        response = HttpResponse(_page(request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page(request) -> str:
    # Drawn without context processors or the request's user: both would read the database.
    try:
        return loader.get_template("core/try_again.jinja").render({"request": request})
    except Exception:
        logger.exception("The try-again page could not be drawn: answered the plain one")
        return PLAIN_PAGE
