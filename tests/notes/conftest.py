import pytest

from lived.plans.models import Action, RoutineStep
from tests.plans.factories import agree, make_plan


@pytest.fixture
def agreed(person, senior, person_user):
    """The person's agreed plan (like Ada's): a morning routine with a tea step and a boundary step."""
    plan = make_plan(person, senior)
    version = agree(plan.draft, person_user)
    steps = list(RoutineStep.objects.filter(routine__plan_version=version).order_by("order", "pk"))
    actions = list(Action.objects.filter(outcome__plan_version=version))
    return type("Agreed", (), {"version": version, "tea": steps[0], "meds": steps[1], "action": actions[0]})
