"""What an NHS.UK frontend macro drew for given params, kept and drawn again without re-rendering.

Every page calls the NHS.UK macros (header, footer, details, radios, label, …) dozens of times, and
each call renders the macro's template through nested includes: under load that was about a fifth of
a page's time, most of it drawing the same header, the same choice lists and the same labels again.
A component macro's HTML depends on its `params` alone (it is imported without the page's context),
so what it drew is kept, per process, keyed by an exact copy of the params, most recently used kept
longest (`MAX_ENTRIES`).

Only plain values are keyed: text, markup, numbers, booleans, dates, ids, lazily translated text,
and dicts and lists of those. A call with anything else in its params (a model instance, a queryset),
with a `caller` block, or with more than one argument is drawn afresh, as is every call when
templates may change under the cache (DEBUG, Jinja's auto-reload)."""

from __future__ import annotations

import datetime
import decimal
import threading
import uuid
from collections import OrderedDict

from django.utils.functional import Promise
from markupsafe import Markup

MAX_ENTRIES = 2048
_drawn: OrderedDict = OrderedDict()
_lock = threading.Lock()


class Uncacheable(Exception):
    """The params hold something that is not keyed exactly: draw the macro afresh."""


_PLAIN = (int, float, datetime.date, datetime.time, datetime.timedelta, decimal.Decimal, uuid.UUID)


def key_of(value):
    """A hashable, exact stand-in for params: text the macro escapes is kept apart from markup it
    does not, True apart from 1, and a date apart from the text of it."""
    if hasattr(value, "__html__"):  # Markup, Django's SafeString: not escaped by the macro
        return ("markup", str(value))
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return ("const", value)
    if isinstance(value, _PLAIN):
        return (type(value).__name__, str(value))
    if isinstance(value, Promise):
        return ("text", str(value))
    if isinstance(value, dict):
        return ("dict", tuple((key_of(k), key_of(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("list", tuple(key_of(v) for v in value))
    raise Uncacheable(type(value).__name__)


def drawn(name: str, params, draw) -> Markup:
    """`draw()`'s markup for macro `name` with these params, kept for the next identical call."""
    try:
        key = (name, key_of(params))
    except Uncacheable:
        return Markup(draw())  # noqa: S704 (autoescaped macro output)
    with _lock:
        html = _drawn.get(key)
        if html is not None:
            _drawn.move_to_end(key)
            return html
    html = Markup(draw())  # noqa: S704 (autoescaped macro output)
    with _lock:
        _drawn[key] = html
        if len(_drawn) > MAX_ENTRIES:
            _drawn.popitem(last=False)
    return html


def forget() -> None:
    with _lock:
        _drawn.clear()


class CachedMacros:
    """An imported NHS.UK component module whose macros keep what they drew (see the module's doc)."""

    def __init__(self, module, template_name: str):
        self._module = module
        self._template_name = template_name
        self._wrapped: dict = {}

    def __getattr__(self, attribute):
        value = getattr(self._module, attribute)
        if not callable(value) or attribute.startswith("_"):
            return value
        wrapped = self._wrapped.get(attribute)
        if wrapped is None:
            name = f"{self._template_name}:{attribute}"

            def wrapped(*args, **kwargs):
                if kwargs or len(args) != 1 or not isinstance(args[0], dict):
                    return value(*args, **kwargs)
                return drawn(name, args[0], lambda: value(*args))

            self._wrapped[attribute] = wrapped
        return wrapped

    def __str__(self):
        return str(self._module)

    def __html__(self):
        return self._module.__html__()
