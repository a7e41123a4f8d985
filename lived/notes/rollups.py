"""The plan-use rollup (`PlanUseDaily`): per person per day, the notes that stand and how many of them
name a step or action of the plan. Written only from `record_note`, inside its transaction, so the
rollup and the notes commit or roll back together; `rebuild` makes it again from the notes.

A day is the note's `occurred_at` in the service's time zone (settings.TIME_ZONE), whatever zone a
request happens to be in, so the same note always lands on the same day."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Greatest, TruncDate
from django.utils import timezone

from lived.notes.models import DailyNote, PlanUseDaily


def day_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def today() -> datetime.date:
    return day_of(timezone.now())


def names_plan(note: DailyNote) -> bool:
    return note.actions.exists() or note.steps.exists()


def _add(person_id: int, day: datetime.date, notes: int, naming: int) -> None:
    """Add to one person-day, never below zero. Safe when two notes for the same person and day are
    saved at once: the UPDATE locks the row; if there is no row yet, the INSERT of one of them fails
    on the unique constraint (inside a savepoint) and it updates the row the other one made."""
    change = {
        "notes": Greatest(F("notes") + Value(notes), Value(0)),
        "notes_naming_plan": Greatest(F("notes_naming_plan") + Value(naming), Value(0)),
    }
    row = PlanUseDaily.objects.filter(person_id=person_id, day=day)
    if row.update(**change):
        return
    try:
        with transaction.atomic():
            PlanUseDaily.objects.create(
                person_id=person_id, day=day, notes=max(notes, 0), notes_naming_plan=max(naming, 0)
            )
    except IntegrityError:
        row.update(**change)


def note_saved(note: DailyNote, *, naming_plan: bool) -> None:
    """Count a note just saved (its steps and actions already set). A correction takes the note it
    corrects out of its day, which no longer stands, and counts itself. Call inside the transaction
    that saved the note."""
    if note.amends_id:
        corrected = note.amends
        _add(corrected.person_id, day_of(corrected.occurred_at), -1, -int(names_plan(corrected)))
    _add(note.person_id, day_of(note.occurred_at), 1, int(naming_plan))


def from_notes(notes=None):
    """What the rollup should hold, worked out from the notes themselves: rows of person_id, day,
    notes, notes_naming_plan (one aggregate query). The test that the two agree and `rebuild` use
    this."""
    notes = DailyNote.objects.all() if notes is None else notes
    through_actions = DailyNote.actions.through.objects.filter(dailynote_id=OuterRef("pk"))
    through_steps = DailyNote.steps.through.objects.filter(dailynote_id=OuterRef("pk"))
    return (
        notes.filter(correction__isnull=True)
        .annotate(day=TruncDate("occurred_at", tzinfo=timezone.get_default_timezone()))
        .values("person_id", "day")
        .annotate(
            n=Count("pk"),
            named=Count("pk", filter=Q(Exists(through_actions)) | Q(Exists(through_steps))),
        )
        .values_list("person_id", "day", "n", "named")
        .order_by()
    )


def rebuild() -> int:
    """Make the rollup again from the notes, in one transaction, and return how many rows it has.
    Notes saved meanwhile wait for it (PostgreSQL: a lock on the rollup table; SQLite: the delete
    takes the database's write lock first), so none is counted twice or missed."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {PlanUseDaily._meta.db_table} IN EXCLUSIVE MODE")
            PlanUseDaily.objects.all().delete()
            sql, params = from_notes().query.sql_with_params()
            table = PlanUseDaily._meta.db_table
            cursor.execute(f"INSERT INTO {table} (person_id, day, notes, notes_naming_plan) {sql}", params)
        return PlanUseDaily.objects.count()
