"""Every write about observations of practice: one transaction, the permission checked first, validation,
and the audit row with what it was before and after. An observation is about a person as well as a
worker, so its audit rows name the person (who reads them: lived/core/audit_visibility.py).

Guarantees (tests/supervision/test_observations.py):
- Recorded only by a senior or manager at the person's service, about a worker there (never
  themselves), on a day today or before.
- Never without the person's agreement: an observation that does not record it is refused and nothing
  is saved.
- Only of a routine or action in the person's current agreed plan: anything else is refused.
- Words, order, window, boundaries, choice and consent are each yes, partly, no or does not apply, with
  a note when partly or no; feedback to the worker is required. "Followed as agreed" is worked out here
  on every save (words, order, window and boundaries each yes or does not apply).
- A change is saved against the version the editor opened; a stale save is refused (StaleEdit) and
  nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.accounts.models import WRITERS, User
from lived.core.audit import record_person_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.plans.models import Action, Routine
from lived.plans.queries import agreed_version_of
from lived.supervision.models_observations import Observation

F = Observation.Followed
# What each assessed part is called in an error message ("Say what was different about ...").
PART_WORDS = {
    "words": "the agreed words",
    "order": "the agreed order",
    "window": "the arrival window",
    "boundaries": "the boundaries",
    "choices_offered": "the choices offered",
    "consent_checked": "checking consent",
}
QUESTIONS = {
    "words": "Say whether the agreed words were used",
    "order": "Say whether the agreed order was followed",
    "window": "Say whether the arrival window was kept",
    "boundaries": "Say whether the boundaries were kept as agreed",
    "choices_offered": "Say whether choices were offered",
    "consent_checked": "Say whether consent was checked",
}


def _picture(obs: Observation) -> dict:
    picture = {name: getattr(obs, name) for name in Observation.EDITABLE_FIELDS}
    picture["observed_on"] = obs.observed_on.isoformat() if obs.observed_on else None
    picture["worker"] = obs.worker.display_name
    picture["part_name"] = obs.part_name
    picture["followed_as_agreed"] = obs.followed_as_agreed
    return picture


def _text(data: dict, name: str) -> str:
    return (data.get(name) or "").strip()


def _clean(person, worker_first_name: str, data: dict) -> dict:
    """The submitted values, checked, as the fields to write. Raises ValidationError (field errors
    where a field is named) and writes nothing."""
    errors: dict[str, list[str]] = {}
    if not data.get("person_agreed"):
        errors["person_agreed"] = [
            f"Confirm that {person.known_as} agreed to be observed. Without their agreement, "
            "do not record an observation."
        ]
    observed_on = data.get("observed_on")
    if observed_on is None:
        errors["observed_on"] = ["Enter the date of the observation"]
    elif observed_on > timezone.localdate():
        errors["observed_on"] = ["The date of the observation must be today or in the past"]
    values = {
        "observed_on": observed_on,
        "person_agreed": True,
        "how_agreed": _text(data, "how_agreed"),
        "in_persons_words": _text(data, "in_persons_words"),
        "feedback": _text(data, "feedback"),
    }
    for field, note in Observation.AGREED_PARTS + Observation.PRACTICE_PARTS:
        answer = data.get(field)
        values[field], values[note] = answer, _text(data, note)
        if answer not in F.values:
            errors[field] = [QUESTIONS[field]]
        elif answer in (F.PARTLY, F.NO) and not values[note]:
            errors[note] = [f"Say what was different about {PART_WORDS[field]}"]
    if not values["feedback"]:
        errors["feedback"] = [f"Enter the feedback you gave {worker_first_name}"]
    if errors:
        raise ValidationError(errors)
    values["followed_as_agreed"] = all(
        values[field] in (F.YES, F.DOES_NOT_APPLY) for field, _note in Observation.AGREED_PARTS
    )
    return values


def observable_parts(person) -> tuple[list[Routine], list[Action]]:
    """The routines and actions of the person's current agreed plan (none before the first
    agreement): what an observation may be of. Two queries."""
    version = agreed_version_of(person)
    routines = list(Routine.objects.filter(plan_version__in=version).order_by("order", "pk"))
    actions = list(
        Action.objects.filter(outcome__plan_version__in=version).order_by("outcome__order", "order", "pk")
    )
    return routines, actions


def _check_part(person, part) -> None:
    routines, actions = observable_parts(person)
    if not routines and not actions:
        raise ValidationError(
            f"{person.known_as} has no agreed plan yet, so there is no routine or action to observe"
        )
    allowed = {("routine", r.pk) for r in routines} | {("action", a.pk) for a in actions}
    kind = "routine" if isinstance(part, Routine) else "action" if isinstance(part, Action) else None
    if part is None or (kind, part.pk) not in allowed:
        raise ValidationError(
            {"part": [f"Choose a routine or action from {person.known_as}'s current agreed plan"]}
        )


def record_observation(*, actor, person, worker: User | None, part, data: dict) -> Observation:
    """Record an observation of `worker` supporting `person` with `part` (a Routine or Action of the
    person's current agreed plan)."""
    require(
        actor, "supervision.record_observation", person, "Only seniors and managers at the service observe"
    )
    if worker is None:
        raise ValidationError({"worker": ["Choose who you observed"]})
    if worker.pk == actor.pk:
        raise ValidationError({"worker": ["You cannot observe yourself. Choose who you observed."]})
    if not worker.service_roles.filter(service_id=person.service_id, role__in=WRITERS).exists():
        raise ValidationError({"worker": [f"Choose someone who works at {person.service.name}"]})
    values = _clean(person, worker.first_name, data)
    _check_part(person, part)
    with transaction.atomic():
        observation = Observation.objects.create(
            service_id=person.service_id,
            person=person,
            observer=actor,
            worker=worker,
            plan_version_id=part.plan_version_id
            if isinstance(part, Routine)
            else part.outcome.plan_version_id,
            routine=part if isinstance(part, Routine) else None,
            action=part if isinstance(part, Action) else None,
            part_key=part.key,
            part_name=(part.name if isinstance(part, Routine) else part.what)[:300],
            created_by=actor,
            updated_by=actor,
            **values,
        )
        record_person_change(
            actor,
            AuditEvent.Action.CREATE,
            observation,
            person,
            f"Observation of {worker.display_name}: {observation.part_name}",
            after=_picture(observation),
        )
    return observation


def change_observation(
    *, actor, observation: Observation, data: dict, opened_version: int | None
) -> Observation:
    """Change what was recorded (not who, whom or what was observed), against the version opened."""
    require(
        actor,
        "supervision.change_observation",
        observation,
        "Only the observer and managers at the service change an observation",
    )
    submitted = {name: data.get(name, "") for name in Observation.EDITABLE_FIELDS}
    values = _clean(observation.person, observation.worker.first_name, data)
    with locked_for_change(
        Observation.objects.select_related("worker", "person"),
        observation.pk,
        actor=actor,
        fields=_picture,
        what=lambda o: f"Observation of {o.worker.display_name} changed: {o.part_name}",
        opened_version=opened_version,
        submitted=submitted,
    ) as change:
        for name, value in values.items():
            setattr(change.obj, name, value)
    return change.obj
