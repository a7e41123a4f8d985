"""Placeholder pages; the issue that builds this app replaces them."""

from django.shortcuts import render

from lived.core.views import PermissionView, PersonView


class PersonRisk(PersonView):
    audit_what = "Risk and safety"
    permission = "risk.view_risk"

    def get(self, request, person_id):
        return self.render(
            "risk/placeholder_person.jinja", {"title": "Risk and safety", "current": "person_risk"}
        )


class CrisisPlan(PersonView):
    audit_what = "Crisis plan"
    permission = "risk.view_crisis_plan"

    def get(self, request, person_id):
        return self.render(
            "risk/placeholder_person.jinja", {"title": "Crisis plan", "current": "crisis_plan"}
        )


class ServiceRisk(PermissionView):
    permission = "risk.view_service_risk"

    def get(self, request):
        return render(request, "risk/placeholder_service.jinja", {"title": "Risk, incidents and complaints"})
