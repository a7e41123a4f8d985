"""The permission matrix's shared checker: every role × one route, with GET and (where the view takes
it) POST, exact statuses, and a count of every Lived row before and after each request.

A matrix entry is `url name → (path builder, roles allowed)` or `(path builder, roles allowed, Expect(…))`.
`route_failures` sends, for one route:

- GET as each role: an allowed role gets exactly the declared answer (200 unless `Expect.get` says
  otherwise, e.g. a `Redirect` by design), and the GET writes nothing but access rows; a refused role
  gets exactly 403, or 404 when the object is out of their reach, and nothing at all is written.
- POST as each role, when the route's view takes POST (found from the view class, or FUNCTION_VIEWS):
  a refused role gets exactly 403/404 and nothing is written, not even an audit row; an allowed role,
  sending a junk body, gets 200, 302 or 400 (never 500), and anything it writes is audited; and the
  same POST about a person who does not exist is 404 and writes nothing.

`anonymous_failures` checks that a signed-out visitor is sent to sign in, on GET and POST, and writes
nothing. A redirect to the sign-in or two-factor page is never counted as an allowed answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from django.urls import URLResolver, get_resolver

CARE = {"support_worker", "senior", "manager", "quality_lead"}
WRITERS = {"support_worker", "senior", "manager"}
SENIOR_UP = {"senior", "manager"}
ROLES = [
    "support_worker",
    "senior",
    "manager",
    "quality_lead",
    "administrator",
    "outsider",
    "person",
    "circle",
]
# Users who cannot reach the person at all (not their service, no link): 404, never 403 or 500.
UNREACHABLE = {"administrator", "outsider"}

SIGN_IN = "/accounts/sign-in/"
TWO_FACTOR = "/accounts/two-factor/"
# Function views cannot be asked whether they take POST, so each is listed here with the answer.
# `test_every_function_view_is_listed` fails when a new one is not.
FUNCTION_VIEWS = {
    "home": True,  # takes any method: it only sends each kind of user to their start page
}
ALLOWED_POST_STATUSES = {200, 302, 400}
UNKNOWN_ID = "00000000-0000-0000-0000-000000000000"
# A junk body: no form on any page accepts it, so an allowed POST is refused as invalid or
# does what the page does with nothing filled in.
JUNK = {"unexpected": "junk"}


@dataclass(frozen=True)
class Redirect:
    """An allowed GET that answers with a redirect by design, and the path it must go to."""

    to: str | Callable[[object], str]

    def target(self, objects) -> str:
        return self.to(objects) if callable(self.to) else self.to


@dataclass(frozen=True)
class Expect:
    """What a matrix entry declares beyond its allowed roles.

    `get`: the answer to an allowed GET: a status or a Redirect for every allowed role, or a mapping
    from role to either (roles not named get 200). `post`: the answer to an allowed POST with a junk
    body, when it is one redirect by design (otherwise 200, 302 or 400, and never to sign in).
    `post_roles`: who may POST, when fewer than may GET (a page everyone reads, a form on it that
    only some may send). `not_found_for`: the roles refused with 404 rather than 403 (by default
    UNREACHABLE on a page about the person, nobody elsewhere)."""

    get: int | Redirect | Mapping[str, int | Redirect] = 200
    post: Redirect | None = None
    post_roles: frozenset[str] | None = None
    not_found_for: frozenset[str] | None = None

    def get_for(self, role: str) -> int | Redirect:
        if isinstance(self.get, Mapping):
            return self.get.get(role, 200)
        return self.get


def unpack(entry) -> tuple[Callable, set[str], Expect]:
    build, allowed, *rest = entry
    return build, allowed, rest[0] if rest else Expect()


# --- Routes ------------------------------------------------------------------------------------


def _walk(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin has its own sign-in and permissions, covered by Django
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.callback


@cache
def views_by_name() -> dict[str, Callable]:
    """Every named route outside the admin → its view callable."""
    return dict(_walk(get_resolver().url_patterns))


def function_views() -> set[str]:
    return {name for name, view in views_by_name().items() if not hasattr(view, "view_class")}


def takes_post(url_name: str) -> bool:
    """Whether the route's view answers POST: a view class with a `post` method, or a function view
    listed as taking it in FUNCTION_VIEWS."""
    view = views_by_name()[url_name]
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return FUNCTION_VIEWS[url_name]
    return "post" in view_class.http_method_names and callable(getattr(view_class, "post", None))


# --- Rows --------------------------------------------------------------------------------------

AUDIT = "core.AuditEvent"


@cache
def _models() -> list:
    """Every concrete table of the Lived apps, with the many-to-many tables between them."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("lived.") and model._meta.managed and not model._meta.proxy
    ]


@cache
def _snapshot_sql() -> str:
    quote = connection.ops.quote_name
    columns = []
    for model in _models():
        table = quote(model._meta.db_table)
        columns.append(f"(SELECT COUNT(*) FROM {table})")
        if any(field.name == "updated_at" for field in model._meta.concrete_fields):
            # A row changed in place (archived, marked read) keeps the count but moves this on.
            columns.append(f"(SELECT MAX({quote('updated_at')}) FROM {table})")
    return "SELECT " + ", ".join(columns)


def snapshot_rows() -> dict[str, tuple]:
    """model label → (row count, latest updated_at) for every Lived table, the audit trail included,
    in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_snapshot_sql())
        values = iter(cursor.fetchone())
    result = {}
    for model in _models():
        count = next(values)
        has_updated = any(field.name == "updated_at" for field in model._meta.concrete_fields)
        result[model._meta.label] = (count, next(values) if has_updated else None)
    return result


def changed_tables(before: dict, after: dict, *, ignore: frozenset[str] = frozenset()) -> list[str]:
    return sorted(label for label in before if label not in ignore and before[label] != after[label])


# --- Checks ------------------------------------------------------------------------------------


def _is_person_page(path: str, objects) -> bool:
    person = getattr(objects, "p", None)
    return person is not None and str(person) in path


def _redirect_path(response) -> str | None:
    return urlsplit(response.url).path if response.status_code in (301, 302, 303, 307, 308) else None


def _describe(response) -> str:
    target = _redirect_path(response)
    return f"{response.status_code} to {target}" if target else str(response.status_code)


def route_failures(client, users, url_name: str, entry, objects) -> list[str]:
    """Every role against one route, with GET and, where the view takes it, POST. Returns one line per
    wrong answer or unexpected write; empty when the route behaves as its matrix entry says."""
    build, allowed, expect = unpack(entry)
    path = build(objects)
    if expect.not_found_for is not None:
        not_found = expect.not_found_for
    else:
        not_found = UNREACHABLE if _is_person_page(path, objects) else frozenset()
    failures = []

    def refused_status(role):
        return 404 if role in not_found else 403

    for role in ROLES:
        client.force_login(users[role])
        before = snapshot_rows()
        response = client.get(path)
        after = snapshot_rows()
        if role in allowed:
            wanted = expect.get_for(role)
            if isinstance(wanted, Redirect):
                target = wanted.target(objects)
                if _redirect_path(response) != target:
                    failures.append(f"{role} GET: got {_describe(response)}, expected 302 to {target}")
            elif response.status_code != wanted:
                failures.append(f"{role} GET: got {_describe(response)}, expected {wanted}")
            # Looking writes an access row and nothing else: no row is made or changed by a GET.
            wrote = changed_tables(before, after, ignore=frozenset({AUDIT}))
        else:
            if response.status_code != refused_status(role):
                failures.append(f"{role} GET: got {_describe(response)}, expected {refused_status(role)}")
            wrote = changed_tables(before, after)
        if wrote:
            failures.append(f"{role} GET wrote to {', '.join(wrote)}")

    if not takes_post(url_name):
        client.logout()
        return failures
    may_post = allowed if expect.post_roles is None else expect.post_roles
    # Refused roles first: an allowed POST that does something (a confirm button, signing out) must not
    # change what a refused role is answered.
    for role in sorted(ROLES, key=lambda r: r in may_post):
        client.force_login(users[role])
        before = snapshot_rows()
        response = client.post(path, JUNK)
        after = snapshot_rows()
        if role in may_post:
            target = _redirect_path(response)
            if expect.post is not None:
                if target != (wanted := expect.post.target(objects)):
                    failures.append(f"{role} POST: got {_describe(response)}, expected 302 to {wanted}")
            elif response.status_code not in ALLOWED_POST_STATUSES:
                failures.append(f"{role} POST: got {_describe(response)}, expected 200, 302 or 400")
            elif target and target.startswith((SIGN_IN, TWO_FACTOR)):
                failures.append(f"{role} POST: got {_describe(response)}, which is not an answer")
            wrote = changed_tables(before, after, ignore=frozenset({AUDIT}))
            if wrote and before[AUDIT] == after[AUDIT]:
                failures.append(f"{role} POST wrote to {', '.join(wrote)} without an audit row")
        else:
            if response.status_code != refused_status(role):
                failures.append(f"{role} POST: got {_describe(response)}, expected {refused_status(role)}")
            wrote = changed_tables(before, after)
            if wrote:
                failures.append(f"{role} POST was refused but wrote to {', '.join(wrote)}")
    if _is_person_page(path, objects) and may_post:
        # The same form about a person nobody has: not found, and nothing written.
        role = sorted(may_post)[0]
        client.force_login(users[role])
        before = snapshot_rows()
        response = client.post(path.replace(str(objects.p), UNKNOWN_ID), JUNK)
        if response.status_code != 404:
            failures.append(f"{role} POST about an unknown person: got {_describe(response)}, expected 404")
        if wrote := changed_tables(before, snapshot_rows()):
            failures.append(f"{role} POST about an unknown person wrote to {', '.join(wrote)}")
    client.logout()
    return failures


def anonymous_failures(client, url_name: str, entry, objects) -> list[str]:
    """A signed-out visitor is sent to sign in, on GET and on POST, and nothing is written."""
    build, _allowed, _expect = unpack(entry)
    path = build(objects)
    failures = []
    for method in ["get", "post"]:
        before = snapshot_rows()
        response = getattr(client, method)(path, JUNK if method == "post" else None)
        wrote = changed_tables(before, snapshot_rows())
        if _redirect_path(response) != SIGN_IN:
            failures.append(f"signed out {method.upper()}: got {_describe(response)}, expected sign in")
        if wrote:
            failures.append(f"signed out {method.upper()} wrote to {', '.join(wrote)}")
    return failures
