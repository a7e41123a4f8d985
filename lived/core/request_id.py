"""One id per request, on the response and on every log line written while the request runs.

The id comes from the proxy's X-Request-ID when it is a safe token (so a line in the proxy's log, the
application's log and an error report can be matched), otherwise a fresh one is made. Each request
also writes one log line when it ends: method, path without the query string (a search for a
person's name is in the query string), status, duration and the signed-in user's public id, never a
username or a name.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.functional import empty

logger = logging.getLogger("lived.request")

HEADER = "X-Request-ID"
# Letters, digits and . _ - only, up to 64: nothing that could split a log line or carry markup.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Load balancers ask these every few seconds; a line is written only when they fail.
QUIET_PATHS = ("/health/live", "/health/ready")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    method: str
    path: str


_current: ContextVar[RequestContext | None] = ContextVar("lived_request", default=None)

# Told of each request as it starts, with its id: error reporting registers here when it starts
# (lived/config/sentry.py), so core never imports config.
_describers: list[Callable[[object, str], None]] = []


def on_request(describe: Callable[[object, str], None]) -> None:
    """Call `describe(request, request_id)` at the start of every request (once, however often asked)."""
    if describe not in _describers:
        _describers.append(describe)


def request_id_from(request) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    if SAFE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def user_public_id(request) -> str | None:
    """The signed-in user's public id, if this request already looked the user up. It is never
    looked up here: with the database gone that would turn a "try again" page into a crash."""
    user = request.__dict__.get("user")
    if getattr(user, "_wrapped", None) is empty:
        return None
    if user is None or not user.is_authenticated:
        return None
    return str(user.public_id)


class RequestIdMiddleware:
    """First in MIDDLEWARE, so the lines every other middleware writes carry the id too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        token = _current.set(RequestContext(request_id, request.method, request.path))
        started = time.perf_counter()
        try:
            for describe in _describers:
                describe(request, request_id)
            response = self.get_response(request)
            response[HEADER] = request_id
            if not (request.path in QUIET_PATHS and response.status_code == 200):
                logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user": user_public_id(request),
                    },
                )
            return response
        finally:
            _current.reset(token)


class RequestContextFilter(logging.Filter):
    """Puts the request id, method and path on every record written during a request (a handler
    filter, so records from every logger get it); outside a request they are None."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        request = getattr(record, "request", None)
        if context is None and hasattr(request, "request_id"):
            # Django logs a 4xx answer after the middleware has returned, naming the request.
            context = RequestContext(request.request_id, request.method, request.path)
        for field in ("request_id", "method", "path"):
            if not hasattr(record, field):
                setattr(record, field, getattr(context, field) if context else None)
        return True
