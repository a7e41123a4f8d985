"""Forms for incidents and safeguarding. Validation here says what is wrong in plain words; services
enforce the same rules."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils import timezone

from lived.accounts.models import SENIORS, User
from lived.core.form_fields import line_field as _line
from lived.core.form_fields import text_field as _text
from lived.core.nhsuk_forms import NHSDateField
from lived.incidents.models import Incident, RestrictivePractice, SafeguardingConcern


class IncidentForm(forms.Form):
    type = forms.ChoiceField(
        label="Type of incident", choices=[("", "Choose a type")] + Incident.Type.choices
    )
    severity = forms.ChoiceField(
        label="Severity",
        widget=forms.RadioSelect,
        choices=Incident.Severity.choices,
        error_messages={"required": "Select the severity"},
    )
    is_crisis = forms.BooleanField(
        label="This was a crisis (the crisis plan will be reviewed)", required=False
    )
    occurred_on = NHSDateField(label="Date", past_only=True, error_messages={"required": "Enter the date"})
    occurred_time = forms.TimeField(
        label="Time (for example 14:30)",
        input_formats=["%H:%M"],
        error_messages={"required": "Enter the time", "invalid": "Enter a time like 14:30"},
    )
    place = _line("Where it happened", required=True)
    who_involved = _text("Who was involved", required=False)
    what_happened = _text("What happened", rows=5)
    crisis_plan_used = forms.ChoiceField(
        label="Was the crisis plan used?",
        widget=forms.RadioSelect,
        choices=Incident.PlanUsed.choices,
        error_messages={"required": "Select whether the crisis plan was used"},
    )
    crisis_plan_why = _text("If partly or not, why not?", required=False)
    police_involved = forms.BooleanField(label="The police were involved", required=False)
    police_details = _text("How the police were involved", required=False)
    restrictive_practice_used = forms.BooleanField(
        label="Restraint, seclusion or another restrictive practice was used", required=False
    )
    rp_type = forms.ChoiceField(
        label="Type of restrictive practice",
        required=False,
        choices=[("", "Choose a type")] + RestrictivePractice.Type.choices,
    )
    rp_duration = forms.IntegerField(
        label="How long it lasted, in minutes", required=False, min_value=1, max_value=10000
    )
    # Chosen by public id; the error never repeats what was posted (Django's default message does).
    rp_authorised_by = forms.ChoiceField(
        label="Who authorised it (a senior or manager)",
        required=False,
        error_messages={"invalid_choice": "Choose who authorised it from the list"},
    )
    rp_debrief = _text("Debrief with the person: what they said", required=False)
    safeguarding_raised = forms.BooleanField(label="A safeguarding concern was raised", required=False)
    sg_category = forms.ChoiceField(
        label="Safeguarding category",
        required=False,
        choices=[("", "Choose a category")] + SafeguardingConcern.Category.choices,
    )
    sg_details = _text("About the safeguarding concern", required=False)
    sg_referred_on = NHSDateField(
        label="Date referred to the local authority (if referred)", required=False, past_only=True
    )
    sg_reference = _line("Local authority reference")
    risk_plan = forms.ChoiceField(
        label="Related risk plan",
        required=False,
        error_messages={"invalid_choice": "Choose a related risk plan from the list"},
    )
    learning = _text("Learning", required=False)
    # Made when the page is drawn, so an incident sent twice from a phone is saved once (ADR 0008).
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, person, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.person = person
        approvers = (
            User.objects.filter(
                service_roles__service_id=person.service_id,
                service_roles__role__in=SENIORS,
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.approvers = {str(u.public_id): u for u in approvers}
        self.fields["rp_authorised_by"].choices = [("", "Choose who authorised it")] + [
            (key, u.display_name) for key, u in self.approvers.items()
        ]
        self.plans = {str(p.public_id): p for p in person.risk_plans.filter(archived_at__isnull=True)}
        self.fields["risk_plan"].choices = [("", "None")] + [(k, p.goal[:80]) for k, p in self.plans.items()]

    def clean(self):
        data = super().clean()
        if (
            data.get("crisis_plan_used") in ("partly", "no")
            and not (data.get("crisis_plan_why") or "").strip()
        ):
            self.add_error("crisis_plan_why", "Say why the crisis plan was not used, or only partly")
        if data.get("police_involved") and not (data.get("police_details") or "").strip():
            self.add_error("police_details", "Say how the police were involved")
        if data.get("restrictive_practice_used"):
            if not data.get("rp_type"):
                self.add_error("rp_type", "Choose the type of restrictive practice")
            if not data.get("rp_duration"):
                self.add_error("rp_duration", "Enter how long it lasted, in minutes")
            if not data.get("rp_authorised_by") and "rp_authorised_by" not in self.errors:
                self.add_error(
                    "rp_authorised_by", "Choose who authorised it: a restrictive practice must be authorised"
                )
            if not (data.get("rp_debrief") or "").strip():
                self.add_error("rp_debrief", "Record the debrief with the person: it is required")
        if data.get("safeguarding_raised") and not data.get("sg_category"):
            self.add_error("sg_category", "Choose the category of the safeguarding concern")
        when = data.get("occurred_on"), data.get("occurred_time")
        if all(when):
            at = timezone.make_aware(datetime.datetime.combine(*when))
            if at > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("occurred_time", "The time must be now or in the past")
            data["occurred_at"] = at
        return data

    def service_args(self) -> dict:
        d = self.cleaned_data
        data = {k: d[k] for k in Incident.AUDIT_FIELDS}
        data["risk_plan"] = self.plans.get(d.get("risk_plan") or "")
        restrictive = safeguarding = None
        if d["restrictive_practice_used"]:
            restrictive = {
                "type": d["rp_type"],
                "duration_minutes": d["rp_duration"],
                "authorised_by": self.approvers.get(d["rp_authorised_by"]),
                "debrief_with_person": d["rp_debrief"],
            }
        if d["safeguarding_raised"]:
            safeguarding = {
                "category": d["sg_category"],
                "details": d["sg_details"],
                "referred_on": d["sg_referred_on"],
                "reference": d["sg_reference"],
            }
        return {
            "data": data,
            "restrictive": restrictive,
            "safeguarding": safeguarding,
            "idempotency_key": d.get("idempotency_key"),
        }


class CloseSafeguardingForm(forms.Form):
    referred_on = NHSDateField(
        label="Date referred to the local authority (if referred)", required=False, past_only=True
    )
    reference = _line("Local authority reference")
    outcome = _text("Outcome")
