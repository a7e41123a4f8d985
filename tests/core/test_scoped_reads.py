"""ARCHITECTURE rule 1: views never read person data through Model.objects directly.

A view must start from `Person.objects.visible_to(user)` (or a related manager of a person it got that
way). This test reads every views.py and fails on a direct `.objects.` read of a person-data model
that is not a visible_to() call, so a new unscoped read cannot slip in.
"""

import ast
from pathlib import Path

PERSON_MODELS = {
    "Person",
    "AboutMeEntry",
    "CommunicationProfile",
    "CircleMember",
    "SharingAgreement",
    "AdvanceSharingWishes",
    "SupportPlan",
    "PlanVersion",
    "Outcome",
    "Action",
    "Routine",
    "RoutineStep",
    "PromptCard",
    "PlanningConversation",
    "Review",
    "AgendaItem",
    "CheckIn",
}


def _models_holding_person_data() -> set[str]:
    """Every model of ours that points at a Person, directly or through another such model.

    New apps (notes, risk, outcomes, …) are covered without anyone remembering to list them.
    """
    from django.apps import apps

    from lived.people.models import Person

    ours = [m for m in apps.get_models() if m.__module__.startswith("lived.")]
    found = {Person}
    changed = True
    while changed:
        changed = False
        for model in ours:
            if model in found:
                continue
            for field in model._meta.get_fields():
                if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
                    if field.concrete and field.related_model in found:
                        found.add(model)
                        changed = True
                        break
    return {m.__name__ for m in found}


ROOT = Path(__file__).resolve().parents[2] / "lived"


# Prefetch querysets only ever load rows related to the parent rows already read through a scope.
SCOPED_MARKERS = (".visible_to(", "person=self.person", "person=person", "self.person.", "Prefetch(")


def _scoped(model: str, segment: str) -> bool:
    # People themselves are only ever read through visible_to: "pk=self.person.pk" is not a scope.
    if model == "Person":
        return ".visible_to(" in segment
    return any(marker in segment for marker in SCOPED_MARKERS)


def _unscoped_reads(source: str) -> list[str]:
    """Each simple statement that reads a person-data model's `.objects` without a scoping marker.

    Reads keyed to a person already loaded through visible_to (`person=self.person`, or a related
    manager of `self.person`) are scoped by construction.
    """
    problems = []
    for stmt in ast.walk(ast.parse(source)):
        if not isinstance(stmt, ast.stmt) or hasattr(stmt, "body"):
            continue
        segment = ast.get_source_segment(source, stmt) or ""
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "objects"
                and isinstance(node.value, ast.Name)
                and node.value.id in PERSON_MODELS
                and not _scoped(node.value.id, segment)
            ):
                problems.append(f"{node.value.id}.objects at line {node.lineno}")
    return problems


def test_no_view_reads_person_data_without_a_scoped_query():
    PERSON_MODELS.update(_models_holding_person_data())
    offenders = []
    for path in sorted(set(ROOT.rglob("views*.py")) | set(ROOT.rglob("views/*.py"))):
        source = path.read_text()
        offenders += [f"{path.relative_to(ROOT.parent)}: {problem}" for problem in _unscoped_reads(source)]
    assert not offenders, "Unscoped person-data reads in views:\n" + "\n".join(offenders)


def test_the_checker_catches_an_unscoped_read():
    assert _unscoped_reads("def v(request):\n    return Person.objects.all()\n")
    assert _unscoped_reads("def v(request):\n    x = AboutMeEntry.objects.filter(\n        section='a')\n")
    assert not _unscoped_reads("def v(request):\n    return Person.objects.visible_to(request.user)\n")
    assert _unscoped_reads("def v(self):\n    return Person.objects.filter(pk=self.person.pk)\n")


def test_models_that_point_at_a_person_are_found_without_being_listed():
    found = _models_holding_person_data()
    assert {"Person", "AboutMeEntry", "Review", "CheckIn", "Action", "RoutineStep"} <= found
    assert "Service" not in found and "Organisation" not in found
