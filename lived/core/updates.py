"""One way to change an audited row: lock it, check the version the editor opened, take its picture,
change it, move its version on, save it, and write the audit row with the picture before and after.

    with locked_for_change(Thing, thing.pk, actor=actor, fields=["name"], what="Thing renamed",
                           opened_version=opened_version, submitted=data) as change:
        change.obj.name = data["name"]
    return change.obj

Anything raised inside the block (a refusal, a validation error) leaves everything as it was: nothing is
saved and no audit row is written. `return change.unchanged()` inside the block leaves the row as it is
and writes nothing (archiving twice is not an error). The audit row is the one `record_person_change`
writes: the services of every app write exactly these rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import models, transaction

from lived.core.audit import record_person_change, snapshot
from lived.core.concurrency import check_version
from lived.core.models import AuditEvent


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


# `opened_version` when no version is checked (None is a version: a missing one, refused as stale).
UNCHECKED: Any = _Unset()
# `person` when the row's own `.person` is whose record this is.
THE_ROWS_PERSON: Any = _Unset()

Picture = Sequence[str] | Callable[[models.Model], dict] | None


class Change:
    """What the block of `locked_for_change` works on: the locked row (`obj`), whether it was created
    just now (`created`) and its picture before the change (`before`). Set `after` (or `before`) to write
    something other than the picture in the audit row."""

    def __init__(self, obj: models.Model, *, created: bool, before: dict | None):
        self.obj = obj
        self.created = created
        self.before = before
        self.after: dict | None = None
        self.left_unchanged = False

    def unchanged(self) -> models.Model:
        """Leave the row as it is: nothing is saved and no audit row is written. Returns the row."""
        self.left_unchanged = True
        return self.obj


def _picture(obj: models.Model, fields: Picture) -> dict | None:
    if fields is None:
        return None
    if callable(fields):
        return fields(obj)
    return snapshot(obj, list(fields))


def _lock(rows, pk, lookup: dict | None, create: dict | None) -> tuple[models.Model, bool]:
    if isinstance(rows, models.Model):
        return rows, False  # locked by the caller, who had something to check first
    queryset = rows._default_manager.all() if isinstance(rows, type) else rows
    queryset = queryset.select_for_update()
    filters = {"pk": pk} if pk is not None else dict(lookup or {})
    if not filters:
        raise TypeError("Say which row to change: its pk, or a lookup.")
    if create is not None:
        return queryset.get_or_create(**filters, defaults=create)
    return queryset.get(**filters), False


def _has_version(obj: models.Model) -> bool:
    return any(field.name == "version" for field in obj._meta.concrete_fields)


@contextmanager
def locked_for_change(
    rows: type[models.Model] | models.QuerySet | models.Model,
    pk=None,
    *,
    actor,
    what: str | Callable[[models.Model], str],
    fields: Picture = None,
    person=THE_ROWS_PERSON,
    action: str = AuditEvent.Action.UPDATE,
    lookup: dict | None = None,
    create: dict | None = None,
    opened_version=UNCHECKED,
    submitted: dict | None = None,
    bump_version: bool | None = None,
    set_updated_by: bool = True,
    update_fields: Sequence[str] | None = None,
    clean: bool = False,
) -> Iterator[Change]:
    """Change one row, in one transaction, with its audit row.

    rows: the model, a queryset of it (for `select_related`), or a row the caller has already locked
        with select_for_update (when something must be checked before the version is).
    pk / lookup: which row (`lookup` is a dict of filters, e.g. {"person": person}).
    create: the defaults to create the row with when there is none (get_or_create); a row created
        here has no `before`, and its audit row is a CREATE.
    opened_version: the version the editor opened; refused with StaleEdit (check_version) when it is
        not the current one, with `submitted` kept for the editor. Not given: no version is checked.
    fields: what the audit row pictures before and after: field names (core.audit.snapshot), a
        function of the row returning the picture, or None for no picture.
    what, person: the audit row's description (a string, or a function of the row, read after the
        save) and whose record it is (default: the row's `.person`; None for nobody's).
    bump_version: move `version` on by one (default: when the row has a version).
    set_updated_by: stamp `updated_by` with the actor.
    update_fields: save only these (with version, updated_by and updated_at added as they apply);
        default: the whole row.
    clean: run full_clean before saving.
    """
    with transaction.atomic():
        obj, created = _lock(rows, pk, lookup, create)
        if opened_version is not UNCHECKED:
            check_version(obj, opened_version, submitted if submitted is not None else {})
        change = Change(obj, created=created, before=None if created else _picture(obj, fields))
        yield change
        if change.left_unchanged:
            return
        bump = _has_version(obj) if bump_version is None else bump_version
        if bump:
            obj.version += 1
        if set_updated_by:
            obj.updated_by = actor
        if clean:
            obj.full_clean()
        if update_fields is None:
            obj.save()
        else:
            extra = [*(["version"] if bump else []), *(["updated_by"] if set_updated_by else [])]
            obj.save(update_fields=[*update_fields, *extra, "updated_at"])
        after = change.after if change.after is not None else _picture(obj, fields)
        record_person_change(
            actor,
            AuditEvent.Action.CREATE if created else action,
            obj,
            obj.person if person is THE_ROWS_PERSON else person,
            what(obj) if callable(what) else what,
            before=change.before,
            after=after,
        )
