"""A plain-words comparison of two plan versions, matched by each part's stable key."""

from __future__ import annotations

from dataclasses import dataclass, field

from lived.plans.models import PlanVersion


@dataclass
class Change:
    kind: str  # "added", "removed" or "changed"
    what: str  # e.g. "Outcome", "Action in 'I want to cook'"
    label: str  # the part's own words
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        if self.kind == "added":
            return f"{self.what} added: {self.label}"
        if self.kind == "removed":
            return f"{self.what} removed: {self.label}"
        return f"{self.what} changed: {self.label}"


def _parts(version: PlanVersion) -> dict:
    parts = {}
    for outcome in version.outcomes.prefetch_related("actions__owner").select_related("review_owner"):
        parts[outcome.key] = ("Outcome", outcome)
        for action in outcome.actions.all():
            parts[action.key] = (f"Action for \u201c{outcome.in_persons_words[:50]}\u201d", action)
    for routine in version.routines.prefetch_related("steps"):
        parts[routine.key] = ("Routine", routine)
        for step in routine.steps.all():
            parts[step.key] = (f"Step in {routine.name}", step)
    for card in version.prompt_cards.all():
        parts[card.key] = ("Prompt card", card)
    for conversation in version.conversations.all():
        parts[conversation.key] = ("Planning conversation", conversation)
    return parts


def _label(obj) -> str:
    return str(obj)[:120]


def _value(obj, name):
    value = getattr(obj, name)
    if hasattr(obj, f"get_{name}_display"):
        return getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return ""
    return str(value)


def compare_versions(older: PlanVersion, newer: PlanVersion) -> list[Change]:
    old_parts, new_parts = _parts(older), _parts(newer)
    changes = []
    for key, (what, obj) in new_parts.items():
        if key not in old_parts:
            changes.append(Change("added", what, _label(obj)))
            continue
        old = old_parts[key][1]
        diffs = []
        for name in obj.COMPARE_FIELDS:
            before, after = _value(old, name), _value(obj, name)
            if before != after:
                diffs.append((obj._meta.get_field(name).verbose_name.capitalize(), before, after))
        if diffs:
            changes.append(Change("changed", what, _label(obj), diffs))
    for key, (what, obj) in old_parts.items():
        if key not in new_parts:
            changes.append(Change("removed", what, _label(obj)))
    return changes
