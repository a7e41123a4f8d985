"""Production logs: one JSON object per line, with the request id on every line and no personal data.

Only named fields are written (see `JsonFormatter`), never a record's other attributes: Django's
request logger attaches the whole request (whose repr has the query string, where a search for a
person's name is), and other libraries attach what they like. An exception is written as its type
and stack frames (file, line, function), never its message or local values: a database error's
message carries the row's values (a name, an NHS number), and a view's error message may quote
what was typed. The request id finds the full story in the error report (lived/config/sentry.py),
which is stripped the same way.
"""

from __future__ import annotations

import logging
import logging.config
import traceback
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# Frames are shown from these folders on, so a line is short and says nothing about the host.
_TRIM_AFTER = ("/site-packages/", "/lived/")


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger's encoder with a fixed set of fields."""

    # On every line (None outside a request): set by lived.core.request_id.RequestContextFilter.
    REQUEST_FIELDS = ("request_id", "method", "path")
    # On the lines that have them: the request log (lived.core.request_id) and Django's request logger.
    RESPONSE_FIELDS = ("status", "duration_ms", "user")

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.REQUEST_FIELDS:
            data[field] = getattr(record, field, None)
        for field in self.RESPONSE_FIELDS:
            value = getattr(record, field, None)
            if field == "status" and value is None:
                value = getattr(record, "status_code", None)  # Django's request logger's name for it
            if value is not None:
                data[field] = value
        if record.exc_info and record.exc_info[0] is not None:
            data.update(describe_exception(record.exc_info))
        return self.serialize_log_record(data)


def _short(filename: str) -> str:
    for marker in _TRIM_AFTER:
        if marker in filename:
            return marker.strip("/") + "/" + filename.rsplit(marker, 1)[1]
    return filename


def describe_exception(exc_info) -> dict:
    """The exception's type, the types it was raised from, and the frames it passed through."""
    exc_type, exc, tb = exc_info
    stack = traceback.extract_tb(tb)
    causes = []
    seen = {id(exc)}
    link = exc
    while link is not None:
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
        if link is None or id(link) in seen:
            break
        seen.add(id(link))
        causes.append(_type_name(type(link)))
    return {
        "error": _type_name(exc_type),
        "caused_by": causes,
        "frames": [f"{_short(frame.filename)}:{frame.lineno} in {frame.name}" for frame in stack],
    }


def _type_name(exc_type: type) -> str:
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


def configure(config: dict) -> None:
    """LOGGING_CONFIG for production: the LOGGING dictionary, and Python's warnings (which would be
    plain text on standard error) written as JSON lines too."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)


def production_logging(level: str = "INFO", stream="ext://sys.stderr") -> dict:
    """The LOGGING setting for production: JSON lines for the process manager (systemd's journal, the
    container runtime) to collect. On standard error, as Django's and gunicorn's own logs are, so the
    output of a management command (`dumpdata > file`) is never mixed with log lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "lived.core.request_id.RequestContextFilter"}},
        "formatters": {"json": {"()": "lived.config.logging.JsonFormatter"}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "stream": stream,
                "formatter": "json",
                "filters": ["request"],
            }
        },
        "root": {"handlers": ["json"], "level": level},
        "loggers": {
            # Replaces Django's defaults (console only when DEBUG, and mail to ADMINS, whose message
            # is the full request with its POST data): every Django record goes to the JSON lines.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            # SQL with its parameters is logged at DEBUG: never, whatever LOG_LEVEL says.
            "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": True},
            # WeasyPrint and its font library narrate every step of every PDF at INFO.
            "weasyprint": {"handlers": [], "level": "WARNING", "propagate": True},
            "fontTools": {"handlers": [], "level": "WARNING", "propagate": True},
            # One line per request is enough: lived.request writes it, as JSON, with the request id and
            # the user's public id. gunicorn's own access line would be a second one, in plain text.
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "gunicorn.error": {"handlers": ["json"], "level": level, "propagate": False},
        },
    }
