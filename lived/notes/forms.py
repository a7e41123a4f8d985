"""Forms for daily notes and handover.

Routine steps and actions are chosen by public id (integer keys never leave the server). The boxes
shown are one version's (the current agreed one, or for a correction the one in force when the note
was written); what a posted note may name is any step or action of the person's agreed or superseded
plan versions, and `record_note` then checks it was in force at the note's time, so a note kept on a
phone while the plan changed is saved against the version it was written against (ADR 0008)."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from lived.core.conf import lived_settings
from lived.core.nhsuk_forms import rating_scale
from lived.notes.models import DailyNote
from lived.plans.models import Action, PlanVersion, RoutineStep

RATING_CHOICES = [("", "Not asked or not given")] + [(str(n), str(n)) for n in range(11)]


def integer_plan_keys_accepted() -> bool:
    """Notes kept on phones by pages drawn before public ids name steps and actions by integer key.
    Accepted for a transition, and only within the person's own plan versions; turn off with
    LIVED_ACCEPT_INTEGER_PLAN_KEYS=false once every phone has sent what it kept."""
    return lived_settings().accept_integer_plan_keys


class PlanChoiceField(forms.ModelMultipleChoiceField):
    """Steps or actions by public id. `queryset` is what the page shows; `accepted` (set by the form)
    is what a posted note may name. The error never repeats what was posted."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        super().__init__(*args, **kwargs)
        self.accepted = None

    def label_from_instance(self, obj):
        text = " ".join(obj.what.split())
        if len(text) <= 120:
            return text
        return text[:120].rsplit(" ", 1)[0].rstrip(",;:.") + "…"

    def _check_values(self, value):
        accepted = self.accepted if self.accepted is not None else self.queryset
        invalid = ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        try:
            values = {str(v).strip() for v in value} - {""}
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        public_ids, legacy = set(), set()
        for raw in values:
            if raw.isdigit() and integer_plan_keys_accepted():
                legacy.add(int(raw))
                continue
            try:
                public_ids.add(uuid.UUID(raw))
            except ValueError:
                raise invalid from None
        found = list(accepted.filter(Q(public_id__in=public_ids) | Q(pk__in=legacy)))
        if not public_ids <= {o.public_id for o in found} or not legacy <= {o.pk for o in found}:
            raise invalid
        return accepted.filter(pk__in=[o.pk for o in found])


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
    # Labelled choices on the 0 to 10 scale, not a bare number (issue 12, item 11).
    self_rating = forms.TypedChoiceField(
        label="How the person rates how they feel, from 0 (very bad) to 10 (very good)",
        help_text="Only the person's own rating. Leave it out if they did not give one.",
        choices=[RATING_CHOICES[0]] + rating_scale(0, 10, "very bad", "very good")[0],
        coerce=int,
        empty_value=None,
        required=False,
        widget=rating_scale(0, 10, "very bad", "very good")[1],
    )
    text = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    # A visit's times, as a time of day ("08:20"); the service puts them on the note's day.
    arrived = forms.TimeField(
        label="What time did you arrive?",
        help_text="For a visit. Use the 24-hour clock, for example 08:20.",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "nhsuk-input--width-5"}, format="%H:%M"),
        error_messages={"invalid": "Enter the time you arrived, for example 08:20"},
    )
    left = forms.TimeField(
        label="What time did you leave?",
        help_text="Leave it empty if you are still there.",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "nhsuk-input--width-5"}, format="%H:%M"),
        error_messages={"invalid": "Enter the time you left, for example 09:05"},
    )
    occurred_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, version=None, person=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        frozen = [PlanVersion.Status.AGREED, PlanVersion.Status.SUPERSEDED]
        steps, actions = self.fields["steps"], self.fields["actions"]
        if person is None:
            steps.accepted, actions.accepted = RoutineStep.objects.none(), Action.objects.none()
        else:
            steps.accepted = RoutineStep.objects.filter(
                routine__plan_version__plan__person=person, routine__plan_version__status__in=frozen
            ).select_related("routine__plan_version__plan")
            actions.accepted = Action.objects.filter(
                outcome__plan_version__plan__person=person, outcome__plan_version__status__in=frozen
            ).select_related("outcome__plan_version__plan")
        if version is None or person is None:
            steps.queryset = RoutineStep.objects.none()
            actions.queryset = Action.objects.none()
        else:
            steps.queryset = RoutineStep.objects.filter(
                routine__plan_version=version, routine__plan_version__plan__person=person
            ).select_related("routine")
            actions.queryset = Action.objects.filter(
                outcome__plan_version=version, outcome__plan_version__plan__person=person
            )
        steps.error_messages["invalid_choice"] = "Choose a step from this person's plan"
        actions.error_messages["invalid_choice"] = "Choose an action from this person's plan"
        self.fields["idempotency_key"].error_messages["required"] = "Reload the page and try again"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("left") and not cleaned.get("arrived") and not self.has_error("arrived"):
            self.add_error("arrived", "Enter the time you arrived, or leave both times empty")
        return cleaned


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


class DiscardKeptForm(forms.Form):
    """Posted by the outbox script (never drawn as a page): what a phone kept, and why it goes."""

    kind = forms.ChoiceField(choices=[(k, k) for k in ("note", "handover", "incident", "check_in")])
    key = forms.UUIDField()
    kept_by = forms.UUIDField(required=False)
    kept_at = forms.CharField(required=False, max_length=40)
    fields = forms.JSONField()
    refused_because = forms.CharField(required=False, max_length=4000)
    reason = forms.CharField(max_length=4000, error_messages={"required": "Say why it is being discarded"})
