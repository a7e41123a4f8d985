"""People without a crisis plan, most in need of one first: for seniors, managers and quality leads
at their services (HAZ-036)."""

from __future__ import annotations

from django.shortcuts import render

from lived.accounts.models import Role
from lived.core.views import Attention, PermissionView, choose_service
from lived.people.models import Person
from lived.risk.without_crisis_plan import RECENT_DAYS, count_by_service, people_without_crisis_plan

ROLES = {Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD}


class WithoutCrisisPlan(PermissionView):
    permission = "risk.view_without_crisis_plan"

    def get(self, request):
        ids = {sid for sid, roles in request.user.roles_by_service.items() if roles & ROLES}
        visible = Person.objects.visible_to(request.user).active()
        choice = choose_service(
            request,
            service_ids=ids,
            attention=Attention(
                count=lambda chosen: count_by_service(visible.filter(service__in=chosen)),
                one="{n} person has no crisis plan",
                many="{n} people have no crisis plan",
                none="everyone has a crisis plan",
            ),
        )
        people = visible.filter(service=choice.service) if choice.service else visible.none()
        return render(
            request,
            "risk/without_crisis_plan.jinja",
            {"choice": choice, "gaps": people_without_crisis_plan(people), "days": RECENT_DAYS},
        )
