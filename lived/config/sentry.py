"""Error reports to Sentry (or a Sentry-compatible service), off unless SENTRY_DSN is set.

A report says what failed and where (the exception's type and its stack frames), on which path, for
which request id and which user public id, and nothing about a person. Before anything is sent,
`before_send` drops the request's query string, headers, cookies and body, any user detail but the
public id, local variables, exception messages (a database error's message carries the values
of the row, such as a name or an NHS number), log message arguments and breadcrumb data.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from django.core.exceptions import ImproperlyConfigured

from lived.config.env import env_str
from lived.core.request_id import on_request, user_public_id

# Kept from the request: what was asked for, never what was sent with it.
REQUEST_KEPT = ("method", "url")


def init_sentry() -> bool:
    """Start the SDK when SENTRY_DSN is set (production settings call this); say whether it did."""
    dsn = env_str("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415 — heavy (about 290 modules, half a second, while settings load), needed only when SENTRY_DSN is set

    sentry_sdk.init(
        dsn=dsn,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "").strip() or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        before_send_transaction=before_send,
        # None turns tracing off altogether (0 would still propagate traces).
        traces_sample_rate=traces_sample_rate(),
    )
    # Each request's reports carry its id and the user's public id (lived/core/request_id.py).
    on_request(describe_request)
    return True


def traces_sample_rate() -> float | None:
    raw = env_str("SENTRY_TRACES_SAMPLE_RATE", "").strip()
    if not raw:
        return None
    try:
        rate = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"SENTRY_TRACES_SAMPLE_RATE must be a number, not {raw!r}.") from None
    if not 0 <= rate <= 1:
        raise ImproperlyConfigured(f"SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1, not {raw!r}.")
    return rate


def before_send(event: dict, hint: dict | None = None) -> dict:
    """Strip an event down to what it is safe to send (see the module docstring)."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in REQUEST_KEPT if key in request}
        if "url" in kept:
            kept["url"] = urlunsplit(urlsplit(str(kept["url"]))._replace(query="", fragment=""))
        event["request"] = kept

    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if user.get("id") else {}

    for key in ("exception", "threads"):
        for value in (event.get(key) or {}).get("values") or []:
            if key == "exception":
                value.pop("value", None)
            for frame in (value.get("stacktrace") or {}).get("frames") or []:
                frame.pop("vars", None)

    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        event["logentry"] = {"message": logentry.get("message", "")}
    event.pop("extra", None)

    breadcrumbs = event.get("breadcrumbs")
    crumbs = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs or []
    for crumb in crumbs:
        crumb.pop("data", None)

    for span in event.get("spans") or []:
        (span.get("data") or {}).pop("db.params", None)
    return event


def describe_request(request, request_id: str) -> None:
    """Tag this request's reports with its id and the user's public id (no-op without Sentry)."""
    if not sentry_sdk.is_initialized():
        return
    scope = sentry_sdk.get_isolation_scope()
    scope.set_tag("request_id", request_id)

    def add_user(event, hint):
        public_id = user_public_id(request)
        if public_id:
            event["user"] = {"id": public_id}
        return event

    scope.add_event_processor(add_user)
