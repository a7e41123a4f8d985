"""Complaints and compliments. Views are thin: scoped lookup and permission (PersonView), a form, a
service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect

from lived.complaints import forms, services
from lived.complaints.models import Complaint
from lived.core.nhsuk_forms import add_service_errors
from lived.people.access import PersonView


class NewComplaint(PersonView):
    audit_what = "Complaint or compliment (recording)"
    permission = "complaints.raise_complaint"

    def _form(self, data=None):
        return forms.ComplaintForm(data, viewer_is_person=self.viewer_is_person)

    def get(self, request, person_id):
        return self.render("complaints/complaint_form.jinja", {"form": self._form()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                complaint = services.record_complaint(
                    actor=request.user, person=self.person, **form.service_args()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. We have received it and will reply." if self.viewer_is_person else "Recorded",
                )
                return redirect(
                    "complaints:complaint", person_id=self.person.public_id, complaint_id=complaint.public_id
                )
        return self.render("complaints/complaint_form.jinja", {"form": form}, status=400)


class ComplaintDetail(PersonView):
    audit_what = "Complaint or compliment"
    permission = "complaints.view_complaints"

    def _complaint(self, complaint_id) -> Complaint:
        return get_object_or_404(self.person.complaints.prefetch_related("themes"), public_id=complaint_id)

    def _page(self, complaint, form, status=200):
        can_respond = self.request.user.has_perm("complaints.respond_complaint", self.person)
        return self.render(
            "complaints/complaint.jinja",
            {"complaint": complaint, "form": form if can_respond else None},
            status=status,
        )

    def get(self, request, person_id, complaint_id):
        complaint = self._complaint(complaint_id)
        initial = {"response": complaint.response, "outcome": complaint.outcome}
        return self._page(complaint, forms.RespondForm(initial=initial))

    def post(self, request, person_id, complaint_id):
        complaint = self._complaint(complaint_id)
        if not request.user.has_perm("complaints.respond_complaint", self.person):
            raise PermissionDenied
        form = forms.RespondForm(request.POST)
        if form.is_valid():
            try:
                services.respond_to_complaint(actor=request.user, complaint=complaint, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Response saved")
                return redirect(
                    "complaints:complaint", person_id=self.person.public_id, complaint_id=complaint.public_id
                )
        return self._page(complaint, form, status=400)
