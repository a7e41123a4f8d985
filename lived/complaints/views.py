"""Complaints and compliments. Views are thin: scoped lookup and permission (PersonView), a form, a
service call, a page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from lived.complaints import forms, services
from lived.people.access import PersonFormView


class NewComplaint(PersonFormView):
    audit_what = "Complaint or compliment (recording)"
    permission = "complaints.raise_complaint"
    form_class = forms.ComplaintForm
    template_name = "complaints/complaint_form.jinja"

    def form_kwargs(self) -> dict:
        return {"viewer_is_person": self.viewer_is_person}

    def save(self, form):
        return services.record_complaint(actor=self.request.user, person=self.person, **form.service_args())

    def success_message(self, saved, form) -> str:
        return "Thank you. We have received it and will reply." if self.viewer_is_person else "Recorded"

    def success_url(self, saved) -> str:
        return reverse("complaints:complaint", args=[self.person.public_id, saved.public_id])


class ComplaintDetail(PersonFormView):
    """The complaint or compliment, with the response form for those who respond."""

    audit_what = "Complaint or compliment"
    permission = "complaints.view_complaints"
    form_class = forms.RespondForm
    template_name = "complaints/complaint.jinja"

    def load(self) -> None:
        self.complaint = get_object_or_404(
            self.person.complaints.prefetch_related("themes"), public_id=self.kwargs["complaint_id"]
        )
        self.can_respond = self.request.user.has_perm("complaints.respond_complaint", self.person)
        if self.request.method == "POST" and not self.can_respond:
            raise PermissionDenied

    def initial(self) -> dict:
        return {"response": self.complaint.response, "outcome": self.complaint.outcome}

    def show(self, form, status: int = 200):
        return super().show(form if self.can_respond else None, status=status)

    def context(self) -> dict:
        return {"complaint": self.complaint}

    def save(self, form):
        return services.respond_to_complaint(
            actor=self.request.user, complaint=self.complaint, **form.cleaned_data
        )

    def success_message(self, saved, form) -> str:
        return "Response saved"

    def success_url(self, saved) -> str:
        return reverse("complaints:complaint", args=[self.person.public_id, self.complaint.public_id])
