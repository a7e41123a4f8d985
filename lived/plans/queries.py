"""Which version of a person's plan is in use: the one home for that question.

The current agreed version is the one with status "agreed" (at most one per plan, by constraint).
Pages that show the plan before anything is agreed use `current_version` (the agreed version, else
the draft). A note about a past moment uses `version_in_force`. Every function takes a person already
reached through the scoped query (or their ids, for the bulk read), and is a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, Q, QuerySet

from lived.plans.models import Action, Outcome, PlanVersion, RoutineStep
from lived.plans.quality import with_parts

S = PlanVersion.Status

# What recording a note reads from a version: each routine's steps and each outcome's actions.
STEPS_AND_ACTIONS = (Prefetch("routines__steps"), Prefetch("outcomes__actions"))


def agreed_versions() -> QuerySet[PlanVersion]:
    """Every plan's current agreed version (one per plan at most)."""
    return PlanVersion.objects.filter(status=S.AGREED)


def agreed_version_of(person) -> QuerySet[PlanVersion]:
    """The person's current agreed version as a queryset (no rows before the first agreement), to
    filter by or use as a subquery."""
    return agreed_versions().filter(plan__person=person)


def current_agreed_version(person, *, prefetch: Sequence = ()) -> PlanVersion | None:
    """The person's current agreed version, or None before the first agreement. One query, plus one
    per `prefetch` lookup."""
    return agreed_version_of(person).prefetch_related(*prefetch).first()


def current_agreed_versions(person_ids: Iterable[int], *, prefetch: Sequence = ()) -> dict[int, PlanVersion]:
    """The current agreed version of each of these people, by person id (absent: nothing agreed yet),
    with its plan. One query whatever the number of people, plus one per `prefetch` lookup."""
    versions = (
        agreed_versions()
        .filter(plan__person_id__in=list(person_ids))
        .select_related("plan")
        .prefetch_related(*prefetch)
    )
    return {version.plan.person_id: version for version in versions}


def agreed_outcomes(person) -> list[Outcome]:
    """The outcomes of the person's current agreed version, in order, with the version and plan."""
    return list(
        Outcome.objects.filter(plan_version__in=agreed_version_of(person))
        .select_related("plan_version__plan")
        .order_by("order", "pk")
    )


def agreed_steps(person) -> list[RoutineStep]:
    """The routine steps of the person's current agreed version, routine by routine."""
    return list(
        RoutineStep.objects.filter(routine__plan_version__in=agreed_version_of(person)).order_by(
            "routine__order", "order", "pk"
        )
    )


def agreed_actions(person) -> list[Action]:
    """The actions of the person's current agreed version, outcome by outcome."""
    return list(
        Action.objects.filter(outcome__plan_version__in=agreed_version_of(person)).order_by(
            "outcome__order", "order", "pk"
        )
    )


def current_version(person) -> PlanVersion | None:
    """The agreed version, else the draft, else None; loaded with its parts in a fixed number of queries."""
    ids = dict(
        PlanVersion.objects.filter(plan__person=person, status__in=[S.AGREED, S.DRAFT]).values_list(
            "status", "pk"
        )
    )
    chosen = ids.get(S.AGREED) or ids.get(S.DRAFT)
    if chosen is None:
        return None
    return with_parts(PlanVersion.objects.filter(pk=chosen, plan__person=person)).get()


def version_in_force(person, at: datetime.datetime) -> PlanVersion | None:
    """The agreed version of the person's plan that was in force at `at`: agreed at or before it and
    not superseded until after it (it may be superseded now). None before the first agreement. A note
    written at `at` is about this version's steps and actions, wherever it waited before being sent."""
    return (
        PlanVersion.objects.filter(
            plan__person=person,
            status__in=[S.AGREED, S.SUPERSEDED],
            agreed_at__lte=at,
        )
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=at))
        .prefetch_related(*STEPS_AND_ACTIONS)
        .order_by("-agreed_at", "-pk")
        .first()
    )
