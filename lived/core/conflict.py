"""The conflict page, in one place: an edit opened on a version someone else has saved since is refused
(core.concurrency.StaleEdit), the refusal is written to the audit trail, and the second saver sees the
saved version beside theirs, field by field, with nothing overwritten (core/conflict.jinja, 409).

Every app's form pages call `conflict_page`; pages about a person pass whose record it is, so the
CONFLICT row is theirs to read, and the person page's own context (the person, whether the viewer is
the person) for the layout."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from lived.core.audit import record_change
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent


def _saved(value: Any) -> Any:
    """A saved value as the table shows it: a many-to-many as its items joined."""
    if hasattr(value, "all"):
        return ", ".join(str(x) for x in value.all())
    return value


def _submitted(value: Any) -> Any:
    """A submitted value as the table shows it: a list (a multiple choice) as its items joined."""
    if not isinstance(value, str) and hasattr(value, "__iter__"):
        return ", ".join(str(x) for x in value)
    return value


def conflict_rows(
    error: StaleEdit, labels: Mapping[str, str], saved: Mapping[str, Any] | None = None
) -> list[dict]:
    """One row a field: its label, the saved value, the editor's (not saved) and whether they differ.
    `saved` gives the saved value of a field that is not simply the row's attribute (a sorted list of
    names, say); the editor's value is read from what they submitted, under the same name."""
    rows = []
    for name, label in labels.items():
        now = saved[name] if saved is not None and name in saved else _saved(getattr(error.current, name, ""))
        yours = _submitted(error.submitted.get(name, ""))
        rows.append({"label": label, "saved": now, "yours": yours, "differs": str(now) != str(yours)})
    return rows


def conflict_page(
    request,
    error: StaleEdit,
    labels: Mapping[str, str],
    back_url: str,
    *,
    person_public_id=None,
    saved: Mapping[str, Any] | None = None,
    context: dict | None = None,
    what: str = "A stale edit was refused",
) -> HttpResponse:
    """Write the CONFLICT audit row (on `person_public_id`'s record, or nobody's) and answer 409 with
    the saved version and the editor's side by side; `back_url` opens the form again on the newest
    version. `context` is added to the page's (a person page's person, say)."""
    record_change(
        actor=request.user,
        action=AuditEvent.Action.CONFLICT,
        obj=error.current,
        person_public_id=person_public_id,
        what=what,
    )
    page = {**(context or {}), "rows": conflict_rows(error, labels, saved), "back_url": back_url}
    return render(request, "core/conflict.jinja", page, status=409)
