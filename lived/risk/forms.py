"""Forms for risk. Validation here says what is wrong in plain words; services enforce the same rules."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils import timezone

from lived.accounts.models import Role
from lived.core.concurrency import SeenVersionField
from lived.core.nhsuk_forms import NHSDateField
from lived.risk.models import (
    CapacityAssessment,
    Complaint,
    ComplaintTheme,
    Incident,
    RestrictivePractice,
    SafeguardingConcern,
)

OPTION_ROWS = 4
STAGE_ROWS = 4
CONTACT_ROWS = 3
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label, required=True, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
    )


def _line(label, required=False, max_length=200):
    return forms.CharField(label=label, required=required, max_length=max_length)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RiskPlanForm(VersionForm):
    goal = _text(
        "The person's goal, in their words", help_text="For example: “I want to walk to the shop on my own”"
    )
    risk = _text("The risk")
    chosen_option = forms.TypedChoiceField(
        label="Which option was chosen?",
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        choices=[(str(i), f"Option {i + 1}") for i in range(OPTION_ROWS)],
    )
    why_proportionate = _text("Why the chosen option is proportionate", required=False)
    safety_strategies = _text("The person's own safety strategies", required=False)
    contingency = _text("Contingency: what happens if something goes wrong", required=False)
    review_triggers = _text(
        "Review triggers",
        required=False,
        help_text="For example: a change in mobility, confusion, a missed check-in",
    )
    escalation = _text("Escalation routes", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, OPTION_ROWS + 1):
            first = " (most restrictive)" if i == 1 else ""
            self.fields[f"option_{i}"] = _line(f"Option {i}{first}", max_length=500)
            self.fields[f"reason_{i}"] = _line(f"Reason for or against option {i}", max_length=1000)
        for i in range(1, STAGE_ROWS + 1):
            self.fields[f"stage_{i}"] = _line(f"Stage {i}")
            self.fields[f"to_progress_{i}"] = _line(
                f"What must be shown before moving on from stage {i}", max_length=500
            )
            self.fields[f"check_in_{i}"] = _line(
                f"Check-in call during stage {i} (leave empty if none)", max_length=200
            )

    @staticmethod
    def initial_for(plan) -> dict:
        data = {
            name: getattr(plan, name)
            for name in [
                "goal",
                "risk",
                "why_proportionate",
                "safety_strategies",
                "contingency",
                "review_triggers",
                "escalation",
            ]
        }
        data["version"] = plan.version
        data["chosen_option"] = "" if plan.chosen_option is None else str(plan.chosen_option)
        for i, option in enumerate(plan.options[:OPTION_ROWS], start=1):
            data[f"option_{i}"], data[f"reason_{i}"] = option["option"], option["reason"]
        for i, stage in enumerate(plan.stages[:STAGE_ROWS], start=1):
            data[f"stage_{i}"] = stage["title"]
            data[f"to_progress_{i}"] = stage.get("to_progress", "")
            data[f"check_in_{i}"] = stage.get("check_in", "")
        return data

    def clean(self):
        data = super().clean()
        options = []
        for i in range(1, OPTION_ROWS + 1):
            option, reason = (data.get(f"option_{i}") or "").strip(), (data.get(f"reason_{i}") or "").strip()
            if option and not reason:
                self.add_error(f"reason_{i}", f"Give the reason for option {i}")
            elif reason and not option:
                self.add_error(f"option_{i}", f"Describe option {i}")
            elif option:
                options.append({"option": option, "reason": reason})
        if len(options) < 2 and "option_1" not in self.errors:
            self.add_error("option_1", "List at least two options, from most to least restrictive")
        chosen = data.get("chosen_option")
        if chosen not in (None, "") and chosen >= len(options):
            self.add_error("chosen_option", "Choose one of the options you listed")
        stages = []
        for i in range(1, STAGE_ROWS + 1):
            title = (data.get(f"stage_{i}") or "").strip()
            if title:
                stages.append(
                    {
                        "title": title,
                        "to_progress": (data.get(f"to_progress_{i}") or "").strip(),
                        "check_in": (data.get(f"check_in_{i}") or "").strip(),
                    }
                )
        data["options"] = options
        data["stages"] = stages
        data["chosen_option"] = None if chosen in (None, "") else chosen
        return data

    def plan_data(self) -> dict:
        keys = [
            "goal",
            "risk",
            "options",
            "chosen_option",
            "why_proportionate",
            "safety_strategies",
            "contingency",
            "review_triggers",
            "escalation",
            "stages",
        ]
        return {k: self.cleaned_data[k] for k in keys}


class DecisionForm(forms.Form):
    """Approving a plan, moving a stage on, a manager review: who decided what, why and with whom, on
    the plan version the decider was shown (`seen_version`, set from the plan when the page opens)."""

    seen_version = SeenVersionField()
    why = _text("Why")
    with_whom = _text("Who was involved", help_text="The person, family, professionals")

    def __init__(self, *args, user, person, permission: str, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person, self.permission = user, person, permission
        if plan is not None:
            self.fields["seen_version"].initial = plan.version

    def clean(self):
        data = super().clean()
        if not self.user.has_perm(self.permission, self.person):
            raise forms.ValidationError("Your role cannot make this decision. Ask a senior or a manager.")
        return data


class ApproveForm(DecisionForm):
    pass


class StageForm(DecisionForm):
    evidence = _text("What has been shown (the evidence)")
    field_order = ["seen_version", "evidence", "why", "with_whom"]


class ManagerReviewForm(DecisionForm):
    what = _text("What was decided")
    field_order = ["seen_version", "what", "why", "with_whom"]


class CheckInForm(forms.Form):
    status = forms.ChoiceField(
        label="Was the check-in call made?",
        widget=forms.RadioSelect,
        choices=[("made", "Yes, the check-in was made"), ("missed", "No, the check-in was missed")],
        error_messages={"required": "Select whether the check-in was made or missed"},
    )
    notes = _text("Notes", required=False)
    # Made when the page is drawn, so a check-in sent twice from a phone is saved once (ADR 0008).
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class CapacityForm(forms.Form):
    seen_version = SeenVersionField()
    decision = _text("The decision this assessment is about")
    impairment = forms.ChoiceField(
        label="Is there an impairment of, or disturbance in the functioning of, the mind or brain?",
        widget=forms.RadioSelect,
        choices=YES_NO,
        error_messages={"required": "Select yes or no"},
    )
    impairment_evidence = _text("Evidence of the impairment", required=False)
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=CapacityAssessment.Outcome.choices,
        error_messages={"required": "Select the outcome"},
    )
    wishes_and_feelings = _text("Best interests: the person's wishes and feelings", required=False)
    consulted = _text("Best interests: who was consulted", required=False)
    least_restrictive = _text("Best interests: the least restrictive option", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CapacityAssessment.TESTS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                widget=forms.RadioSelect,
                choices=YES_NO,
                error_messages={"required": "Select yes or no"},
            )
            self.fields[f"{name}_evidence"] = _text(f"Evidence: {label[0].lower() + label[1:]}")
        order = ["seen_version", "decision", "impairment", "impairment_evidence"]
        for name, _ in CapacityAssessment.TESTS:
            order += [name, f"{name}_evidence"]
        order += ["outcome", "wishes_and_feelings", "consulted", "least_restrictive"]
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        tests = [name for name, _ in CapacityAssessment.TESTS]
        if data.get("outcome") == CapacityAssessment.Outcome.LACKS:
            if data.get("impairment") != "yes" or not (data.get("impairment_evidence") or "").strip():
                self.add_error(
                    "outcome",
                    "Capacity is presumed. You cannot record that the person lacks capacity without an "
                    "impairment and its evidence",
                )
            elif not any(data.get(name) == "no" for name in tests):
                self.add_error(
                    "outcome",
                    "Capacity is presumed. You cannot record that the person lacks capacity unless at least "
                    "one of the four tests is not met, with its evidence",
                )
            for name in ["wishes_and_feelings", "consulted", "least_restrictive"]:
                if not (data.get(name) or "").strip():
                    self.add_error(name, "Record this for the best-interests decision")
        return data

    def assessment_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "seen_version"}
        data["impairment"] = data["impairment"] == "yes"
        data["assessed_on"] = timezone.localdate()
        return data


class CrisisPlanForm(VersionForm):
    early_signs = _text("Early signs that I am becoming unwell", required=False)
    what_helps = _text(
        "What helps", required=False, help_text="How the person prefers to be supported to calm"
    )
    avoid = _text("Language and actions to avoid", required=False)
    emergency_when = _text("When to call emergency services", required=False)
    alternatives_to_admission = _text("Alternatives to admission", required=False)
    dependants_and_pets = _text("Dependants and pets: who looks after them", required=False)
    wishes = _text("What the person wants to happen and to be shared if they become unwell", required=False)
    written_with_person = forms.BooleanField(label="Written with the person", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, CONTACT_ROWS + 1):
            self.fields[f"contact_name_{i}"] = _line(f"Person to involve {i}: name")
            self.fields[f"contact_relationship_{i}"] = _line(f"Person to involve {i}: relationship")
            self.fields[f"contact_phone_{i}"] = forms.RegexField(
                label=f"Person to involve {i}: phone number",
                regex=r"^[0-9 +()-]{6,20}$",
                required=False,
                error_messages={"invalid": "Enter a phone number using digits, spaces and + only"},
            )

    @staticmethod
    def initial_for(plan) -> dict:
        data = {
            name: getattr(plan, name)
            for name in [
                "early_signs",
                "what_helps",
                "avoid",
                "emergency_when",
                "alternatives_to_admission",
                "dependants_and_pets",
                "wishes",
                "written_with_person",
            ]
        }
        data["version"] = plan.version
        for i, contact in enumerate(plan.contacts[:CONTACT_ROWS], start=1):
            data[f"contact_name_{i}"] = contact.get("name", "")
            data[f"contact_relationship_{i}"] = contact.get("relationship", "")
            data[f"contact_phone_{i}"] = contact.get("phone", "")
        return data

    def clean(self):
        data = super().clean()
        contacts = []
        for i in range(1, CONTACT_ROWS + 1):
            name = (data.get(f"contact_name_{i}") or "").strip()
            phone = (data.get(f"contact_phone_{i}") or "").strip()
            relationship = (data.get(f"contact_relationship_{i}") or "").strip()
            if (phone or relationship) and not name:
                self.add_error(f"contact_name_{i}", f"Enter the name of person {i} to involve")
            elif name:
                contacts.append({"name": name, "relationship": relationship, "phone": phone})
        data["contacts"] = contacts
        if not any((data.get(k) or "").strip() for k in ["early_signs", "what_helps", "emergency_when"]):
            self.add_error(
                "early_signs", "Write at least the early signs, what helps or when to call for help"
            )
        return data

    def plan_data(self) -> dict:
        keys = [
            "early_signs",
            "what_helps",
            "contacts",
            "avoid",
            "emergency_when",
            "alternatives_to_admission",
            "dependants_and_pets",
            "wishes",
            "written_with_person",
        ]
        return {k: self.cleaned_data[k] for k in keys}


class OwnWordsForm(VersionForm):
    persons_own_words = _text(
        "Anything you want to add in your own words", help_text="Staff will read this in a crisis", rows=5
    )


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
        from lived.accounts.models import User

        self.person = person
        approvers = (
            User.objects.filter(
                service_roles__service_id=person.service_id,
                service_roles__role__in=[Role.SENIOR, Role.MANAGER],
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
        data = {
            k: d[k]
            for k in [
                "type",
                "severity",
                "is_crisis",
                "place",
                "who_involved",
                "what_happened",
                "crisis_plan_used",
                "crisis_plan_why",
                "police_involved",
                "police_details",
                "restrictive_practice_used",
                "safeguarding_raised",
                "learning",
                "occurred_at",
            ]
        }
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


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a complaint or a compliment?",
        widget=forms.RadioSelect,
        choices=Complaint.Kind.choices,
        error_messages={"required": "Select one"},
    )
    raised_by = forms.ChoiceField(
        label="Who raised it?",
        widget=forms.RadioSelect,
        choices=Complaint.RaisedBy.choices,
        error_messages={"required": "Select who"},
    )
    raised_by_name = _line("Their name (if not the person)")
    received_on = NHSDateField(
        label="Date received", past_only=True, error_messages={"required": "Enter the date received"}
    )
    summary = _text("What it is about", rows=5)
    themes = forms.MultipleChoiceField(
        label="Themes",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose what it is about from the list"},
    )

    def __init__(self, *args, viewer_is_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_objects = {str(t.public_id): t for t in ComplaintTheme.objects.filter(active=True)}
        self.fields["themes"].choices = [(k, t.name) for k, t in self.theme_objects.items()]
        self.viewer_is_person = viewer_is_person
        if viewer_is_person:
            for name in ["raised_by", "raised_by_name", "received_on"]:
                del self.fields[name]
            self.fields["summary"].label = "What do you want to tell us?"
            self.fields["summary"].error_messages["required"] = "Write what you want to tell us"
            self.fields["kind"].label = "Is this a complaint or a compliment?"
            self.fields["themes"].label = "What is it about? (optional)"

    def service_args(self) -> dict:
        d = self.cleaned_data
        data = {"kind": d["kind"], "summary": d["summary"]}
        if self.viewer_is_person:
            data.update(raised_by=Complaint.RaisedBy.PERSON, received_on=timezone.localdate())
        else:
            data.update(
                raised_by=d["raised_by"], raised_by_name=d["raised_by_name"], received_on=d["received_on"]
            )
        return {"data": data, "themes": [self.theme_objects[k] for k in d["themes"]]}


class RespondForm(forms.Form):
    response = _text("Response")
    outcome = _text("Outcome", required=False)
    close = forms.BooleanField(label="Close it now", required=False)

    def clean(self):
        data = super().clean()
        if data.get("close") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", "Record the outcome before closing")
        return data
