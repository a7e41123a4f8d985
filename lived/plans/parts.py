"""What people's pages show from plans (the contract is lived/people/parts.py), registered in
PlansConfig.ready(): the agreed plan for the circle member's view, and the link on the person's own
record."""

from __future__ import annotations

from django.urls import reverse

from lived.people import parts
from lived.plans.models import PlanVersion
from lived.plans.queries import current_version
from lived.plans.readability import PersonVersion, person_version


def plan_summary(person, viewer) -> PersonVersion | None:
    """The person's agreed plan as they read it, for those they share it with; None while there is
    only a draft (a draft is never shared) or no plan."""
    version = current_version(person)
    if version is None or version.status != PlanVersion.Status.AGREED:
        return None
    return person_version(version)


def plan_link(person, viewer) -> parts.Link:
    return parts.Link(
        reverse("plans:plan", args=[person.public_id]), "Read your support plan and say whether you agree"
    )


def register() -> None:
    parts.register("plan_summary", plan_summary)
    parts.register("plan_link", plan_link)
