"""Incidents (with restrictive practice) and safeguarding concerns. Views are thin: scoped lookup and
permission (PersonView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from lived.core import outbox
from lived.core.language import check_language
from lived.core.nhsuk_forms import add_service_errors
from lived.incidents import forms, services
from lived.incidents.presenters import safeguarding_link
from lived.people.access import PersonView


class NewIncident(PersonView):
    audit_what = "Incident (recording)"
    permission = "incidents.record_incident"

    def get(self, request, person_id):
        return self.render("incidents/incident_form.jinja", {"form": forms.IncidentForm(person=self.person)})

    def post(self, request, person_id):
        form = forms.IncidentForm(request.POST, person=self.person)
        if form.is_valid():
            try:
                incident = services.record_incident(
                    actor=request.user, person=self.person, **form.service_args()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = "Incident recorded."
                if incident.is_crisis:
                    text += " A post-crisis review of the crisis plan has been raised."
                if incident.restrictive_practice_used:
                    text += " The restrictive practice is on the register."
                messages.success(request, text)
                done = reverse("incidents:incident", args=[self.person.public_id, incident.public_id])
                if outbox.wants_json(request):
                    return outbox.saved(incident, next_url=done)
                return redirect(done)
        if outbox.wants_json(request):
            return outbox.refused(form)
        text = " ".join(request.POST.get(name, "") for name in ("what_happened", "who_involved", "learning"))
        return self.render(
            "incidents/incident_form.jinja",
            {"form": form, "flags": check_language(text, person=self.person)},
            status=400,
        )


class IncidentDetail(PersonView):
    audit_what = "Incident"
    permission = "incidents.view_incidents"

    def get(self, request, person_id, incident_id):
        incident = get_object_or_404(
            self.person.incidents.select_related("recorded_by", "risk_plan"), public_id=incident_id
        )
        staff = request.user.has_perm("incidents.view_safeguarding", self.person)
        rp = (
            getattr(incident, "restrictive_practice", None)
            if hasattr(incident, "restrictive_practice")
            else None
        )
        concern = None
        if staff and hasattr(incident, "safeguarding"):
            concern = incident.safeguarding
        flags = check_language(
            " ".join([incident.what_happened, incident.learning, incident.who_involved]), person=self.person
        )
        return self.render(
            "incidents/incident.jinja",
            {
                "current": "risk",
                "incident": incident,
                "rp": rp,
                "concern": concern,
                "flags": flags if staff else [],
            },
        )


class SafeguardingDetail(PersonView):
    audit_what = "Safeguarding concern"
    permission = "incidents.view_safeguarding"

    def _concern(self, concern_id):
        return get_object_or_404(
            self.person.safeguarding_concerns.select_related("closed_by"), public_id=concern_id
        )

    def _page(self, concern, form, status=200):
        can_close = self.request.user.has_perm("incidents.close_safeguarding", self.person)
        return self.render(
            "incidents/safeguarding.jinja",
            {
                "concern": concern,
                "form": form if can_close and concern.is_open else None,
                "safeguarding": safeguarding_link(),
            },
            status=status,
        )

    def get(self, request, person_id, concern_id):
        concern = self._concern(concern_id)
        return self._page(concern, forms.CloseSafeguardingForm(initial={"reference": concern.reference}))

    def post(self, request, person_id, concern_id):
        concern = self._concern(concern_id)
        if not request.user.has_perm("incidents.close_safeguarding", self.person):
            raise PermissionDenied
        form = forms.CloseSafeguardingForm(request.POST)
        if form.is_valid():
            try:
                services.close_safeguarding(actor=request.user, concern=concern, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Safeguarding concern closed with its outcome")
                return redirect(
                    "incidents:safeguarding", person_id=self.person.public_id, concern_id=concern.public_id
                )
        return self._page(concern, form, status=400)
