"""Forms for risk plans, their decisions, check-ins and capacity assessments. Validation here says what
is wrong in plain words; services enforce the same rules."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone

from lived.core.concurrency import SeenVersionField
from lived.core.form_fields import VersionForm
from lived.core.form_fields import line_field as _line
from lived.core.form_fields import text_field as _text
from lived.risk.models import CapacityAssessment, RiskPlan

OPTION_ROWS = 4
STAGE_ROWS = 4
YES_NO = [("yes", "Yes"), ("no", "No")]


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
        data = {name: getattr(plan, name) for name in RiskPlan.TEXT_FIELDS}
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
        return {k: self.cleaned_data[k] for k in RiskPlan.WRITTEN_FIELDS}


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
