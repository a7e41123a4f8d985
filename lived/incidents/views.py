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
from lived.people.access import PersonFormView, PersonView


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


class SafeguardingDetail(PersonFormView):
    """The safeguarding concern, with the form that closes it for those who may."""

    audit_what = "Safeguarding concern"
    permission = "incidents.view_safeguarding"
    form_class = forms.CloseSafeguardingForm
    template_name = "incidents/safeguarding.jinja"

    def load(self) -> None:
        self.concern = get_object_or_404(
            self.person.safeguarding_concerns.select_related("closed_by"), public_id=self.kwargs["concern_id"]
        )
        self.can_close = self.request.user.has_perm("incidents.close_safeguarding", self.person)
        if self.request.method == "POST" and not self.can_close:
            raise PermissionDenied

    def initial(self) -> dict:
        return {"reference": self.concern.reference}

    def show(self, form, status: int = 200):
        return super().show(form if self.can_close and self.concern.is_open else None, status=status)

    def context(self) -> dict:
        return {"concern": self.concern, "safeguarding": safeguarding_link()}

    def save(self, form):
        return services.close_safeguarding(actor=self.request.user, concern=self.concern, **form.cleaned_data)

    def success_message(self, saved, form) -> str:
        return "Safeguarding concern closed with its outcome"

    def success_url(self, saved) -> str:
        return reverse("incidents:safeguarding", args=[self.person.public_id, self.concern.public_id])
