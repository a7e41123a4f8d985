"""Asking for a PDF pack of every plan at a service (lived/plans/packs.py). Its path stays
/jobs/plan-pack/: the pack is made by a background job, whose page (/jobs/<id>/) shows it."""

from django import forms
from django.shortcuts import redirect, render

from lived.core.permissions import PermissionView
from lived.jobs.rules import managed_services
from lived.plans.tasks import request_plan_pack


class PlanPackForm(forms.Form):
    service = forms.ModelChoiceField(
        queryset=None,
        to_field_name="public_id",
        label="Which service?",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the service whose plans you want",
            "invalid_choice": "Choose one of your services",
        },
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class RequestPlanPack(PermissionView):
    """A manager asks for every plan at one of their services as one PDF, made in the background."""

    permission = "plans.request_plan_pack"

    def get(self, request):
        return self.show(PlanPackForm(services=managed_services(request.user)))

    def post(self, request):
        form = PlanPackForm(request.POST, services=managed_services(request.user))
        if not form.is_valid():
            return self.show(form, status=400)
        job = request_plan_pack(actor=request.user, service=form.cleaned_data["service"])
        return redirect("jobs:job", job_id=job.public_id)

    def show(self, form, status=200):
        return render(self.request, "plans/plan_pack_form.jinja", {"form": form}, status=status)
