"""Placeholder pages; the issue that builds this app replaces them."""

from django.shortcuts import render

from lived.core.views import PermissionView, PersonView


class PersonOutcomes(PersonView):
    audit_what = "Outcomes and health"
    permission = "outcomes.view_outcomes"

    def get(self, request, person_id):
        return self.render(
            "outcomes/placeholder_person.jinja",
            {"title": "Outcomes and health", "current": "person_outcomes"},
        )


class ServiceOutcomes(PermissionView):
    permission = "outcomes.view_service_outcomes"

    def get(self, request):
        return render(request, "outcomes/placeholder_service.jinja", {"title": "Outcomes and health checks"})
