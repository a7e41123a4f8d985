"""Forms for outcomes. Questions speak to the person ("you") when they are signed in, and name them
when staff complete a measure with them. Every field reports in the NHS error summary."""

from __future__ import annotations

from django import forms

from lived.core.nhsuk_forms import NHSDateField, rating_scale
from lived.outcomes.models import CompletionMode, HealthCheck, SelfRatingScale
from lived.people.queries import search_people
from lived.plans.models import ChimeDomain

HOW_LABELS = {
    CompletionMode.WITH_STAFF.value: "With the person: they answered, I entered their answers",
    CompletionMode.ON_BEHALF.value: "On the person's behalf",
}


def _mode_field(modes):
    staff_modes = [(m, HOW_LABELS[m]) for m in modes if m != CompletionMode.OWN_ACCOUNT]
    return forms.ChoiceField(
        label="How was this completed?",
        choices=staff_modes,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how this was completed",
            "invalid_choice": "Select from the list",
        },
    )


class MeasureForm(forms.Form):
    """One radio question per item, named by item code; DIALOG adds "more help?" per item."""

    def __init__(self, *args, measure, person, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        for number, item in enumerate(measure.items, start=1):
            text = (
                item.text[0].upper() + item.text[1:]
                if measure.rule != "dialog"
                else f"{measure.stem[:-1]} {item.text}"
            )
            self.fields[item.code] = forms.TypedChoiceField(
                label=f"{number}. {text}",
                choices=[(str(v), label) for v, label in measure.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Answer question {number}",
                    "invalid_choice": f"Choose one of the answers for question {number}",
                },
            )
            if measure.more_help:
                self.fields[f"help_{item.code}"] = forms.TypedChoiceField(
                    label=f"{number}. "
                    + ("Do you" if viewer_is_person else f"Does {person.known_as}")
                    + " want more help with this?",
                    choices=[("yes", "Yes"), ("no", "No")],
                    coerce=lambda v: v == "yes",
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Say if more help is wanted for question {number}"},
                )
        if not viewer_is_person:
            if measure.modes == (CompletionMode.OWN_ACCOUNT,):
                self.self_report_only = True
            else:
                self.fields["mode"] = _mode_field(measure.modes)

    def item_pairs(self):
        return [
            (self[i.code], self[f"help_{i.code}"] if self.measure.more_help else None)
            for i in self.measure.items
        ]

    def answers(self) -> dict:
        return {code: self.cleaned_data[code] for code in self.measure.item_codes}

    def more_help(self) -> dict:
        if not self.measure.more_help:
            return {}
        return {code: self.cleaned_data[f"help_{code}"] for code in self.measure.item_codes}


class SelfRatingForm(forms.Form):
    def __init__(self, *args, scale: SelfRatingScale, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale
        hint = ""
        if scale.low_anchor or scale.high_anchor:
            hint = (
                f"{scale.low} means {scale.low_anchor or 'the lowest'}; "
                f"{scale.high} means {scale.high_anchor or 'the highest'}."
            )
        if scale.kind == SelfRatingScale.Kind.RATING and scale.high - scale.low <= 10:
            # A rating is a choice on a scale, each end in the scale's own words (issue 12, item 11).
            choose = f"Choose a number from {scale.low} to {scale.high}"
            choices, widget = rating_scale(
                scale.low, scale.high, scale.low_anchor or "the lowest", scale.high_anchor or "the highest"
            )
            self.fields["value"] = forms.TypedChoiceField(
                label=scale.question,
                choices=choices,
                coerce=int,
                widget=widget,
                error_messages={"required": choose, "invalid_choice": choose},
            )
            self._add_mode(scale, viewer_is_person)
            return
        self.fields["value"] = forms.IntegerField(
            label=scale.question,
            help_text=hint,
            min_value=scale.low,
            max_value=scale.high,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "required": f"Enter a number from {scale.low} to {scale.high}",
                "invalid": f"Enter a number from {scale.low} to {scale.high}",
                "min_value": f"Enter a number from {scale.low} to {scale.high}",
                "max_value": f"Enter a number from {scale.low} to {scale.high}",
            },
        )
        self._add_mode(scale, viewer_is_person)

    def _add_mode(self, scale, viewer_is_person: bool) -> None:
        if not viewer_is_person and scale.allow_with_staff:
            self.fields["mode"] = _mode_field(scale.modes)


class AcknowledgeForm(forms.Form):
    action_taken = forms.CharField(
        label="What did you do?",
        help_text="For example: talked with them today, went through their crisis plan, "
        "contacted the crisis team.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was done", "max_length": "Keep it to 4000 characters or fewer"},
    )


class GoalsForm(forms.Form):
    """One score (−2…+2) and weight per outcome in the current agreed plan; leave a goal blank to skip."""

    SCORES = [
        ("", "Not scored today"),
        ("-2", "−2: much less than expected"),
        ("-1", "−1: less than expected"),
        ("0", "0: as expected"),
        ("1", "+1: more than expected"),
        ("2", "+2: much more than expected"),
    ]

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for n, outcome in enumerate(outcomes, start=1):
            self.fields[f"score_{outcome.key}"] = forms.TypedChoiceField(
                label=f"Goal {n}: score",
                choices=self.SCORES,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": f"Choose a score from −2 to +2 for goal {n}"},
            )
            self.fields[f"weight_{outcome.key}"] = forms.DecimalField(
                label=f"Goal {n}: weight",
                help_text="How much this goal matters, from 0.1 to 10. Use 1 for all goals if unsure.",
                initial=1,
                min_value=0.1,
                max_value=10,
                decimal_places=1,
                error_messages={
                    "required": f"Enter a weight for goal {n}",
                    "invalid": f"Enter a weight from 0.1 to 10 for goal {n}",
                    "min_value": f"Enter a weight from 0.1 to 10 for goal {n}",
                    "max_value": f"Enter a weight from 0.1 to 10 for goal {n}",
                    "max_decimal_places": f"Use at most one decimal place for goal {n}",
                },
            )

    def rows(self):
        return [(o, self[f"score_{o.key}"], self[f"weight_{o.key}"]) for o in self.outcomes]

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(f"score_{o.key}") is not None for o in self.outcomes):
            raise forms.ValidationError("Score at least one goal")
        return data

    def scores(self):
        return [
            (o, self.cleaned_data[f"weight_{o.key}"], self.cleaned_data[f"score_{o.key}"])
            for o in self.outcomes
            if self.cleaned_data.get(f"score_{o.key}") is not None
        ]


class ScheduleForm(forms.Form):
    def __init__(self, *args, measures, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_code"] = forms.ChoiceField(
            label="Questionnaire",
            choices=[(m.code, m.title) for m in measures],
            widget=forms.RadioSelect,
            error_messages={"required": "Select a questionnaire", "invalid_choice": "Select from the list"},
        )
        self.fields["outcome_key"] = forms.ChoiceField(
            label="Which outcome in the support plan is it for?",
            choices=[("", "Not linked to an outcome")] + [(str(o.key), str(o)) for o in outcomes],
            required=False,
            error_messages={"invalid_choice": "Select an outcome from the list"},
        )
        self.fields["every_weeks"] = forms.IntegerField(
            label="Repeat every (weeks)",
            min_value=1,
            max_value=104,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "required": "Enter how often, in weeks",
                "invalid": "Enter a whole number of weeks from 1 to 104",
                "min_value": "Enter a whole number of weeks from 1 to 104",
                "max_value": "Enter a whole number of weeks from 1 to 104",
            },
        )
        self.fields["first_due"] = NHSDateField(
            label="First due on", error_messages={"required": "Enter when it is first due"}
        )


def _num(label, *, decimals=1, hint="", max_digits=5):
    return forms.DecimalField(
        label=label,
        required=False,
        help_text=hint,
        max_digits=max_digits,
        decimal_places=decimals,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": f"{label} must be a number",
            "max_digits": f"{label} is too large",
            "max_decimal_places": f"{label}: use at most {decimals} decimal place",
            "max_whole_digits": f"{label} is too large",
        },
    )


class HealthCheckForm(forms.Form):
    checked_on = NHSDateField(
        label="Date of the check", past_only=True, error_messages={"required": "Enter the date of the check"}
    )
    done_by = forms.CharField(
        label="Who did the check",
        help_text="For example: Riverside Medical Centre (practice nurse), or a member of staff.",
        max_length=120,
        error_messages={"required": "Say who did the check"},
    )
    height_cm = _num("Height (cm)")
    weight_kg = _num("Weight (kg)", hint="BMI is worked out from height and weight.")
    systolic = forms.IntegerField(
        label="Blood pressure: systolic (top number)",
        required=False,
        error_messages={"invalid": "Systolic must be a whole number"},
    )
    diastolic = forms.IntegerField(
        label="Blood pressure: diastolic (bottom number)",
        required=False,
        error_messages={"invalid": "Diastolic must be a whole number"},
    )
    glucose_test = forms.ChoiceField(
        label="Glucose test",
        required=False,
        choices=[("", "Not done")] + list(HealthCheck.Glucose.choices),
        error_messages={"invalid_choice": "Select a glucose test from the list"},
    )
    glucose_value = _num("Glucose or HbA1c result", max_digits=5)
    cholesterol = _num("Total cholesterol (mmol/L)", max_digits=4)
    smoking = forms.ChoiceField(
        label="Smoking",
        required=False,
        choices=[("", "Not asked")] + list(HealthCheck.Smoking.choices),
        error_messages={"invalid_choice": "Select smoking status from the list"},
    )
    alcohol_units = forms.IntegerField(
        label="Alcohol (units a week)",
        required=False,
        error_messages={"invalid": "Alcohol units must be a whole number"},
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    what = forms.CharField(
        label="What needs to happen", max_length=300, error_messages={"required": "Say what needs to happen"}
    )
    due_on = NHSDateField(label="Due by", error_messages={"required": "Enter when it is due"})

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {str(u.public_id): u for u in owners}
        self.fields["owner"] = forms.ChoiceField(
            label="Who will do it",
            choices=[("", "Choose someone")] + [(k, u.display_name) for k, u in self.owners.items()],
            error_messages={
                "required": "Choose who will do it",
                "invalid_choice": "Choose someone from the list",
            },
        )


class CloseFollowUpForm(forms.Form):
    outcome = forms.CharField(
        label="What happened",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what happened"},
    )


class ScaleForm(forms.Form):
    name = forms.CharField(
        label="Short name", max_length=80, error_messages={"required": "Give it a short name"}
    )
    question = forms.CharField(
        label="The question the person answers",
        max_length=200,
        error_messages={"required": "Write the question"},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=SelfRatingScale.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a kind"},
    )
    low = forms.IntegerField(
        label="Lowest number",
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={"required": "Enter the lowest number", "invalid": "Enter a whole number"},
    )
    high = forms.IntegerField(
        label="Highest number",
        min_value=1,
        max_value=100,
        initial=10,
        error_messages={"required": "Enter the highest number", "invalid": "Enter a whole number"},
    )
    low_anchor = forms.CharField(label="What the lowest number means", max_length=80, required=False)
    high_anchor = forms.CharField(label="What the highest number means", max_length=80, required=False)
    higher_is_better = forms.TypedChoiceField(
        label="Is a higher number better or worse?",
        choices=[("true", "Higher is better"), ("false", "Higher is worse")],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Say if higher is better"},
    )
    chime_domain = forms.ChoiceField(
        label="Recovery (CHIME) domain", required=False, choices=[("", "None")] + list(ChimeDomain.choices)
    )
    allow_with_staff = forms.BooleanField(label="Staff may enter it with the person", required=False)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(s.public_id): s for s in services}
        self.fields["service"] = forms.ChoiceField(
            label="Service",
            choices=[(k, s.name) for k, s in self.services.items()],
            error_messages={
                "required": "Choose the service",
                "invalid_choice": "Choose a service from the list",
            },
        )
        self.order_fields(["service"])

    def clean(self):
        data = super().clean()
        if data.get("low") is not None and data.get("high") is not None and data["low"] >= data["high"]:
            self.add_error("high", "The highest number must be above the lowest")
        return data


class GroupForm(forms.Form):
    name = forms.CharField(
        label="Name of the group or course",
        max_length=120,
        error_messages={"required": "Give the group a name"},
    )
    starts_on = NHSDateField(label="Starts on", error_messages={"required": "Enter the start date"})
    ends_on = NHSDateField(label="Ends on", error_messages={"required": "Enter the end date"})

    q = forms.CharField(
        label="Find someone to add",
        help_text="Part of their name or their NHS number",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, services, people, **kwargs):
        """`people` is who may be in a group (a visible_to queryset). Only the people already ticked
        and those matching the search box are ever loaded or drawn, never everyone (ADR 0016)."""
        super().__init__(*args, **kwargs)
        self.services = {str(s.public_id): s for s in services}
        chosen = self.data.getlist("members") if self.is_bound else []
        query = (self.data.get("q", "") if self.is_bound else "").strip()[:100]
        picked, matches, self.more = search_people(people, query, chosen=chosen)
        self.query, self.found = query, len(matches)
        self.people = {str(p.public_id): p for p in [*picked, *matches]}
        self.fields["service"] = forms.ChoiceField(
            label="Service",
            choices=[(k, s.name) for k, s in self.services.items()],
            error_messages={
                "required": "Choose the service",
                "invalid_choice": "Choose a service from the list",
            },
        )
        self.fields["members"] = forms.MultipleChoiceField(
            label="Who is in the group",
            help_text="Find people below and tick them. Leave everyone unticked to compare everyone at "
            "the service.",
            required=False,
            choices=[(k, f"{p.name} ({p.service.name})") for k, p in self.people.items()],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Choose at least one person",
                "invalid_choice": "Choose people from the list",
            },
        )
        self.order_fields(["name", "service", "starts_on", "ends_on", "q", "members"])

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be after the start date")
        return data
