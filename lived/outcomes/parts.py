"""What people's pages show from outcomes (the contract is lived/people/parts.py), registered in
OutcomesConfig.ready(): the questionnaires due, for the prompt on the person's own record, and the
plain names of questionnaires, for the "what has changed" page."""

from __future__ import annotations

import re

from django.utils import timezone

from lived.outcomes.measures import MEASURES
from lived.outcomes.models import MeasureSchedule
from lived.outcomes.queries import due_for_person
from lived.people import parts


def outcomes_due(person, viewer) -> list[MeasureSchedule]:
    """Questionnaires due today or overdue for the person."""
    return due_for_person(person, timezone.localdate())


def measure_title(code: str) -> str | None:
    """A questionnaire's plain title, or None for a code that is not one of ours."""
    measure = MEASURES.get(code)
    return measure.title if measure else None


def measures_in_words(text: str) -> str:
    """A questionnaire's code only with its plain name beside it ("PHQ-9: questions about low mood")."""
    for measure in MEASURES.values():
        if measure.title.startswith(measure.name + ":"):
            text = re.sub(rf"{re.escape(measure.name)}(?!:)", measure.title, text)
    return text


def register() -> None:
    parts.register("outcomes_due", outcomes_due)
    parts.register("measure_title", measure_title)
    parts.register("measures_in_words", measures_in_words)
