"""What people's pages show from the apps above people, without people importing them.

Pages that compose several apps (the circle member's view of what the person shares, the person's
own record at /me/, the "what has changed" page) ask each app for its part by name:
`parts.get("plan_summary")(person, viewer)`. Each app registers its providers in its
AppConfig.ready() (lived/plans/parts.py, lived/reviews/parts.py, lived/outcomes/parts.py), as the
shift briefing asks lived/risk/briefing.py and lived/outcomes/briefing.py for theirs.

A part no app provides is an error at start-up (the system check lived.people.E001, run by
`manage.py check`, runserver, migrate and the workers) and when a page asks for it, never a blank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Link:
    """A link one app offers on a page of people's: where it goes and what it says."""

    href: str
    text: str


# Every part people's pages ask for, and the app expected to provide it.
REQUIRED: dict[str, str] = {
    # (person, viewer) → the agreed plan as the person reads it (PersonVersion), or None: never a draft.
    "plan_summary": "lived.plans",
    # (person, viewer) → Link to the person's own support plan, on their record.
    "plan_link": "lived.plans",
    # (person, viewer) → Link to the person's own reviews and check-ins, on their record.
    "reviews_link": "lived.reviews",
    # (person, viewer) → the questionnaires due today or overdue, for the prompt on their record.
    "outcomes_due": "lived.outcomes",
    # (code) → a questionnaire's plain title ("PHQ-9: questions about low mood"), or None if unknown.
    "measure_title": "lived.outcomes",
    # (text) → the text with every questionnaire code given its plain title beside it.
    "measures_in_words": "lived.outcomes",
    # (person, viewer) → Link to who the person would like to support them, or None when the viewer
    # may not see it.
    "who_supports_me_link": "lived.rota",
    # (review, viewer) → the library prompts on a review's agenda and the link to choose them, or None
    # when the viewer is not staff at the person's service (the review page, lived/reviews/views.py).
    "review_agenda_prompts": "lived.supervision",
}

_providers: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    """Called from the providing app's AppConfig.ready(). A name is provided by one function only."""
    if name not in REQUIRED:
        raise ImproperlyConfigured(f"No page of people's asks for a part called {name!r}.")
    existing = _providers.get(name)
    if existing is not None and existing is not provider:
        raise ImproperlyConfigured(f"The part {name!r} is provided twice.")
    _providers[name] = provider


def get(name: str) -> Callable:
    try:
        return _providers[name]
    except KeyError:
        provider = REQUIRED.get(name, "an app")
        raise ImproperlyConfigured(
            f"No app provides the part {name!r}; {provider} should register it in ready()."
        ) from None


def missing() -> list[str]:
    return [name for name in REQUIRED if name not in _providers]


def check_parts(app_configs=None, **kwargs) -> list[Error]:
    """Every part people's pages ask for that no installed app provides."""
    return [
        Error(
            f"No app provides the part {name!r} that people's pages ask for.",
            hint=f"Register it in the AppConfig.ready() of {REQUIRED[name]} (see lived/people/parts.py).",
            obj=name,
            id="lived.people.E001",
        )
        for name in missing()
    ]
