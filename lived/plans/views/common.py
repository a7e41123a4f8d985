"""What every plan page shares: the person's plan and versions, read through the person the viewer
may reach (PersonView), with every part prefetched so a page costs the same whatever its size."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from lived.people.access import PersonView
from lived.plans import presenters, quality, readability
from lived.plans.models import Action, Outcome, PlanVersion, Routine, RoutineStep, SupportPlan


def with_parts(versions):
    """Versions with every part they show, in a fixed number of queries."""
    return versions.select_related(
        "response_supported_by", "response_recorded_by", "based_on"
    ).prefetch_related(
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.select_related("review_owner").prefetch_related(
                Prefetch("actions", queryset=Action.objects.select_related("owner"))
            ),
        ),
        Prefetch(
            "routines",
            queryset=Routine.objects.prefetch_related(Prefetch("steps", RoutineStep.objects.all())),
        ),
        "prompt_cards",
        "conversations",
    )


def quality_for(version: PlanVersion):
    """The plan quality check's findings and the person's-version readability for this version."""
    return list(quality.check_plan(version)), readability.readability(version)


class PlanView(PersonView):
    """A page about the person's support plan. The person comes from the scoped lookup (404 when out of
    reach); the permission is checked against them (403)."""

    permission = "plans.view_plan"
    audit_what = "Support plan"

    def plan(self) -> SupportPlan | None:
        return SupportPlan.objects.filter(person=self.person).select_related("review_owner").first()

    def version_or_404(self, number: int, parts: bool = False) -> PlanVersion:
        versions = PlanVersion.objects.filter(plan__person=self.person, number=number).select_related(
            "plan__person", "plan__review_owner"
        )
        if parts:
            versions = with_parts(versions)
        version = versions.first()
        if version is None:
            raise Http404
        return version

    def version_url(self, version: PlanVersion) -> str:
        return reverse("plans:version", args=[self.person.public_id, version.number])

    def plan_url(self) -> str:
        return reverse("plans:plan", args=[self.person.public_id])

    def frozen(self, version: PlanVersion):
        """Any attempt to change a version that is not a draft: a clear message, nothing changed."""
        return self.render("plans/frozen.jinja", {"version": version}, status=400)

    def render(self, template: str, context: dict | None = None, status: int = 200):
        return super().render(template, {"present": presenters, **(context or {})}, status=status)
