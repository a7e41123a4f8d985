"""Managers confirm or decline roles asked for in the administration site (ADR 0013).

A manager sees only requests at their own services (others are not found); only a manager who is
neither the person who asked nor the person it is for may decide (otherwise 403). Views are thin: the
services in lived/accounts/services.py check again, write and audit.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from lived.accounts import services
from lived.accounts.models import RoleGrantRequest
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView

RECENT = 20


class RoleDecisionForm(forms.Form):
    # Kept beside its only view so the accounts forms module stays about signing in.
    decision = forms.ChoiceField(
        label="Do you want to give them this role?",
        choices=[("confirm", "Yes, give them this role"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to give them this role"},
    )
    reason = forms.CharField(
        label="Why are you declining it?",
        help_text="The administrator who asked will see this",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 1000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why you are declining it")
        return data


def _requests_for(user):
    return RoleGrantRequest.objects.for_manager(user).select_related(
        "user", "service", "team", "requested_by", "confirmed_by", "declined_by"
    )


class RoleRequests(PermissionView):
    permission = "accounts.review_role_requests"

    def get(self, request):
        scoped = _requests_for(request.user)
        pending = list(scoped.pending())
        decided = list(scoped.exclude(pk__in=[r.pk for r in pending]).order_by("-updated_at")[:RECENT])
        return render(request, "accounts/role_requests.jinja", {"pending": pending, "decided": decided})


class RoleRequestDetail(PermissionView):
    permission = "accounts.review_role_requests"

    def _grant_request(self, request_id):
        return get_object_or_404(_requests_for(self.request.user), public_id=request_id)

    def _render(self, grant_request, form, status=200):
        context = {
            "grant_request": grant_request,
            "form": form,
            "may_decide": self.request.user.has_perm("accounts.decide_role_request", grant_request),
        }
        return render(self.request, "accounts/role_request.jinja", context, status=status)

    def get(self, request, request_id):
        return self._render(self._grant_request(request_id), RoleDecisionForm())

    def post(self, request, request_id):
        grant_request = self._grant_request(request_id)
        if not request.user.has_perm("accounts.decide_role_request", grant_request):
            raise PermissionDenied
        form = RoleDecisionForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "confirm":
                    services.confirm_role_grant(actor=request.user, grant_request=grant_request)
                    messages.success(request, f"{grant_request} is confirmed")
                else:
                    services.decline_role_grant(
                        actor=request.user, grant_request=grant_request, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, f"{grant_request} is declined")
                return redirect("accounts:role_requests")
            except ValidationError as error:
                add_service_errors(form, error)
        return self._render(grant_request, form, status=400)
