"""What the notes pages draw from what their views loaded: the charts, and the respectful-language
suggestions beside each note. Nothing here reads the database; the views load through the scoped
queries (lived/notes/queries.py) and pass what they loaded."""

from __future__ import annotations

import uuid

from django.utils import timezone

from lived.core.charts import Band, Series, bar_chart, line_chart
from lived.core.language import check_language
from lived.notes.models import DailyNote


def rating_chart(ratings, person, you: bool = False):
    """The person's own ratings over time, (when, rating) oldest first: server-side SVG with a table.
    `you` when the person is reading their own notes."""
    if len(ratings) < 2:
        return None
    whose = "Your" if you else f"{person.known_as}'s"
    return line_chart(
        title=f"{whose} own rating of how {'you feel' if you else 'they feel'}, 0 to 10",
        labels=[timezone.localtime(at).strftime("%-d %b") for at, _ in ratings],
        series=[Series(f"{whose} rating", [value for _, value in ratings])],
        y_min=0,
        y_max=10,
        y_label="Rating (0 to 10)",
        bands=[Band(7, 10, "Good")],
        summary=f"{len(ratings)} ratings. First {ratings[0][1]}, latest {ratings[-1][1]}.",
    )


def outcomes_chart(weekly, person, you: bool = False):
    """Support offered, week by week: done against 'said no'. None when nothing was recorded."""
    if not any(weekly["done"]) and not any(weekly["declined"]):
        return None
    return bar_chart(
        title="Support offered each week, last 8 weeks",
        labels=[f"w/c {start.day} {start:%b}" for start in weekly["starts"]],
        series=[
            Series("Done (as agreed or with changes)", weekly["done"]),
            Series(f"{'You' if you else person.known_as} said no", weekly["declined"]),
        ],
        y_label="Notes",
        x_label="Week beginning",
        summary=(
            f"Done: {weekly['done'][0]} in the first week, {weekly['done'][-1]} in the last. "
            f"Said no: {weekly['declined'][0]} in the first week, {weekly['declined'][-1]} in the last."
        ),
    )


def note_language(note, person) -> list:
    """The respectful-language suggestions for everything written in a note."""
    return check_language(" ".join(getattr(note, f) for f in DailyNote.TEXT_FIELDS), person=person)


def notes_with_language(notes, person) -> list[tuple]:
    """(note, suggestions) for each note, in order."""
    return [(note, note_language(note, person)) for note in notes]


def handover_language(handover, person) -> list:
    """The respectful-language suggestions for a handover note."""
    return check_language(handover.text, person=person)


def handovers_with_language(handovers, person) -> list[tuple]:
    """(handover, suggestions) for each handover note, in order."""
    return [(handover, handover_language(handover, person)) for handover in handovers]


def quick_steps(version) -> list[tuple]:
    """(routine, step, idempotency key) for each routine step of the plan version, in the plan's
    order: one "done as agreed" button each on the recording page. Empty without an agreed plan."""
    if version is None:
        return []
    return [
        (routine, step, uuid.uuid4()) for routine in version.routines.all() for step in routine.steps.all()
    ]
