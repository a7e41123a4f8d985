"""Forms for observations of practice. Workers, people and plan parts are offered by public id, never
by key; anything not offered is "choose from the list". The service checks the same rules again
(the person's agreement, a note when partly or no, the feedback), so its messages are the form's."""

from __future__ import annotations

from django import forms

from lived.core.nhsuk_forms import NHSDateField
from lived.supervision.models_observations import Observation
from lived.supervision.services_observations import QUESTIONS

TEXT_LIMIT = 10000
F = Observation.Followed


def _note(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer"},
    )


def _followed(name: str, label: str, hint: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=F.choices,
        widget=forms.RadioSelect,
        error_messages={"required": QUESTIONS[name], "invalid_choice": QUESTIONS[name]},
    )


class ChoosePersonForm(forms.Form):
    person = forms.ChoiceField(
        label="Who was the worker supporting?",
        error_messages={
            "required": "Choose who was being supported",
            "invalid_choice": "Choose from the list",
        },
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose someone")] + [
            (str(p.public_id), f"{p.name} ({p.service.name})") for p in people
        ]


class ObservationForm(forms.Form):
    """Recording an observation (with who and what) or changing one (with the version opened)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": "Open the page again and try again"},
    )
    worker = forms.ChoiceField(
        label="Who did you observe?",
        error_messages={"required": "Choose who you observed", "invalid_choice": "Choose from the list"},
    )
    part = forms.ChoiceField(
        label="What did you observe?",
        help_text="A routine or an action from the person's current agreed plan.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the routine or action you observed",
            "invalid_choice": "Choose a routine or action from the list",
        },
    )
    observed_on = NHSDateField(
        label="Date of the observation",
        help_text="For example, 14 3 2026",
        past_only=True,
        error_messages={"required": "Enter the date of the observation"},
    )
    person_agreed = forms.BooleanField(label="", required=False)
    how_agreed = forms.CharField(
        label="How they agreed",
        help_text="For example, 'said yes when I asked at the door'.",
        required=False,
        max_length=300,
        error_messages={"max_length": "How they agreed must be 300 characters or fewer"},
    )
    words = _followed(
        "words", "Were the agreed words used?", "The words in the plan, and none it says to avoid."
    )
    words_note = _note("About the words")
    order = _followed("order", "Was the agreed order followed?", "The steps in the order the person chose.")
    order_note = _note("About the order")
    window = _followed("window", "Was the arrival window kept?", "Arrived within the agreed window.")
    window_note = _note("About the arrival time")
    boundaries = _followed(
        "boundaries",
        "Were the boundaries kept as agreed?",
        "Only the agreed boundaries, explained as agreed.",
    )
    boundaries_note = _note("About the boundaries")
    choices_offered = _followed(
        "choices_offered", "Were choices offered?", "Real choices, in the person's way."
    )
    choices_note = _note("About the choices")
    consent_checked = _followed(
        "consent_checked", "Was consent checked?", "Asked before each part, in the way the profile says."
    )
    consent_note = _note("About consent")
    in_persons_words = forms.CharField(
        label="How it went, in the person's own words",
        help_text="Write what they said, as they said it. Leave it blank if they did not want to say.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The person's words must be {TEXT_LIMIT:,} characters or fewer"},
    )
    feedback = forms.CharField(
        label="Feedback you gave the worker",
        help_text="What went well, and what to do differently.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"The feedback must be {TEXT_LIMIT:,} characters or fewer"},
    )

    def __init__(self, *args, person, workers=None, routines=None, actions=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["person_agreed"].label = f"{person.known_as} agreed to be observed"
        self.fields["in_persons_words"].label = f"How it went, in {person.known_as}'s own words"
        if editing:
            del self.fields["worker"], self.fields["part"]
            self.workers, self.parts = {}, {}
            return
        del self.fields["version"]
        self.workers = {str(w.public_id): w for w in workers}
        self.fields["worker"].choices = [("", "Choose someone")] + [
            (key, w.display_name) for key, w in self.workers.items()
        ]
        self.parts = {f"routine-{r.public_id}": r for r in routines}
        self.parts.update({f"action-{a.public_id}": a for a in actions})
        self.fields["part"].choices = [(f"routine-{r.public_id}", f"Routine: {r.name}") for r in routines] + [
            (f"action-{a.public_id}", f"Plan action: {a.what}") for a in actions
        ]

    @staticmethod
    def initial_for(obs: Observation) -> dict:
        return {"version": obs.version, **{name: getattr(obs, name) for name in Observation.EDITABLE_FIELDS}}

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in Observation.EDITABLE_FIELDS}
