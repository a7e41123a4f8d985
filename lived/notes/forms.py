"""Forms for daily notes and handover. Actions and routine steps are chosen only from the person's
current plan; anything else is a form error and nothing is saved."""

from __future__ import annotations

import uuid

from django import forms

from lived.notes.models import DailyNote

RATING_CHOICES = [("", "Not asked or not given")] + [(str(n), str(n)) for n in range(11)]


class PlanChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        text = " ".join(obj.what.split())
        if len(text) <= 120:
            return text
        return text[:120].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


class NoteForm(forms.Form):
    steps = PlanChoiceField(
        label="Routine steps you supported",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = PlanChoiceField(
        label="Plan actions you supported", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=DailyNote.Outcome.choices,
        initial=DailyNote.Outcome.AS_AGREED,
        widget=forms.RadioSelect,
    )
    choices_offered = forms.CharField(
        label="Choices offered", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    chosen = forms.CharField(
        label="What the person chose", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consent_explained = forms.BooleanField(
        label="Step 1: I explained what, why, and what happens if they say no", required=False
    )
    consent_options = forms.BooleanField(label="Step 2: I offered the options, one at a time", required=False)
    consent_confirmed = forms.BooleanField(
        label="Step 3: the person confirmed what they agreed to", required=False
    )
    alternative_offered = forms.CharField(
        label="If the person said no: the alternative you offered",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    what_happened_next = forms.CharField(
        label="If the person said no: what happened next",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    adjustments = forms.CharField(
        label="Adjustments made", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    self_rating = forms.TypedChoiceField(
        label="How the person rates how they feel, from 0 (very bad) to 10 (very good)",
        help_text="Only the person's own rating. Leave it out if they did not give one.",
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    text = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    occurred_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, version=None, person=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        from lived.plans.models import Action, RoutineStep

        if version is None:
            self.fields["steps"].queryset = RoutineStep.objects.none()
            self.fields["actions"].queryset = Action.objects.none()
        else:
            self.fields["steps"].queryset = RoutineStep.objects.filter(
                routine__plan_version=version, routine__plan_version__plan__person=person
            ).select_related("routine")
            self.fields["actions"].queryset = Action.objects.filter(
                outcome__plan_version=version, outcome__plan_version__plan__person=person
            )
        self.fields["steps"].error_messages["invalid_choice"] = (
            "Choose a step from this person's current plan"
        )
        self.fields["actions"].error_messages["invalid_choice"] = (
            "Choose an action from this person's current plan"
        )
        self.fields["idempotency_key"].error_messages["required"] = "Reload the page and try again"


class AmendForm(NoteForm):
    amendment_reason = forms.CharField(
        label="Why does the note need correcting?", widget=forms.Textarea(attrs={"rows": 2})
    )


class HandoverForm(forms.Form):
    text = forms.CharField(
        label="Handover note for the next shift",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Write the handover note"},
    )
    # Made when the page is drawn, so the same handover posted twice saves once (ADR 0008).
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
