"""Forms for writing a support plan with the person. Every message says what to do next, in plain
words; the person's own words are labelled as theirs."""

from __future__ import annotations

import datetime

from django import forms

from lived.core.nhsuk_forms import NHSDateField
from lived.people.forms import LONG_TEXT, VersionedForm, staff_at
from lived.plans.models import Action, ChimeDomain, LifeArea, Outcome, PromptCard, Routine, RoutineStep

YES_NO = [("true", "Yes"), ("false", "No")]


def _textarea(label, required=False, help_text="", rows=3, required_message=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or f"Enter {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be {LONG_TEXT} characters or fewer",
        },
    )


def _text(label, max_length, required=False, help_text="", required_message=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": required_message or f"Enter {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _weeks(label, required=False, help_text="For example, 6"):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=104,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter how many weeks between reviews",
            "invalid": "Enter the number of weeks as a whole number, like 6",
            "min_value": "The number of weeks must be 1 or more",
            "max_value": "The number of weeks must be 104 or fewer",
        },
    )


def _yes_no(label, required_message):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _staff_choice(label, person, help_text=""):
    field = forms.ModelChoiceField(
        queryset=staff_at([person.service_id]).order_by("first_name", "last_name"),
        to_field_name="public_id",
        required=False,
        label=label,
        help_text=help_text,
        empty_label="Choose a member of staff",
        error_messages={"invalid_choice": "Select a member of staff from the list"},
    )
    field.label_from_instance = lambda u: u.display_name
    return field


class OptionalVersionForm(VersionedForm):
    """Adding a part has no version to check; changing one does."""

    def __init__(self, *args, is_new: bool = False, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if is_new:
            del self.fields["version"]


class OutcomeForm(OptionalVersionForm):
    in_persons_words = _textarea(
        "What the person wants, in their words",
        required=True,
        rows=4,
        required_message="Write what the person wants, in their words",
    )
    written_by_person = _yes_no("Whose words are these?", "Select whose words these are")
    life_area = forms.ChoiceField(
        label="Life area",
        choices=[("", "Choose a life area")] + LifeArea.choices,
        error_messages={
            "required": "Select a life area",
            "invalid_choice": "Select a life area from the list",
        },
    )
    chime_domain = forms.ChoiceField(
        label="Recovery (CHIME) domain",
        choices=ChimeDomain.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a recovery domain",
            "invalid_choice": "Select a recovery domain from the list",
        },
    )
    review_frequency_weeks = _weeks("Review this outcome every (weeks)")
    review_owner = forms.ModelChoiceField(queryset=None)  # set per person in __init__
    evidence = _textarea(
        "How we will know it is working",
        help_text="What you will see, count or hear. For example, meals cooked, recorded in daily notes.",
    )
    funded_by = _text("Paid for by", 200, help_text="For example, individual service fund, 4 hours a week")
    is_limited = forms.BooleanField(label="Risk or resources limit what the person wants", required=False)
    limit_explained = _textarea(
        "The limit, explained in plain words",
        help_text="What the limit is, why it is there, and what would change it",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.person
        self.fields["in_persons_words"].label = f"What {person.known_as} wants, in their words"
        self.fields["in_persons_words"].error_messages["required"] = (
            f"Write what {person.known_as} wants, in their words"
        )
        self.fields["review_owner"] = _staff_choice("Who reviews this outcome", person)
        self.fields["written_by_person"].choices = [
            ("true", f"{person.known_as}'s own words"),
            ("false", f"A staff summary of what {person.known_as} said"),
        ]
        # Keep the fields in the order the page asks for them: the model's own list.
        self.order_fields(["version", *Outcome.COMPARE_FIELDS])

    def clean(self):
        data = super().clean()
        if data.get("is_limited") and not (data.get("limit_explained") or "").strip():
            self.add_error("limit_explained", "Explain the limit in plain words")
        return data

    @staticmethod
    def initial_for(outcome) -> dict:
        return {
            **{name: getattr(outcome, name) for name in Outcome.COMPARE_FIELDS if name != "review_owner"},
            "version": outcome.version,
            "written_by_person": "true" if outcome.written_by_person else "false",
            "review_owner": outcome.review_owner.public_id if outcome.review_owner_id else None,
        }


class ActionForm(OptionalVersionForm):
    what = _textarea(
        "What staff will do",
        required=True,
        help_text="Say exactly what, so anyone on shift could do it. "
        "For example, walk to the shop with Sam on Mondays and let him choose and pay.",
        required_message="Say what staff will do",
    )
    owner = forms.ModelChoiceField(queryset=None)  # set per person in __init__
    owner_role = _text(
        "Or, who (if not one named person)",
        100,
        help_text="For example, any support worker on shift",
    )
    frequency = _text("When or how often", 200, help_text="For example, Mondays after 2pm")
    prompts = _textarea(
        "Prompts", help_text="What staff say or do to prompt, in words that work for the person"
    )
    adjustments = _textarea("Adjustments", help_text="Changes that make this work for the person")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _staff_choice(
            "Who will do it", self.person, help_text="Choose a named person, or describe their role below"
        )
        self.order_fields(["version", *Action.COMPARE_FIELDS])

    @staticmethod
    def initial_for(action) -> dict:
        return {
            **{name: getattr(action, name) for name in Action.COMPARE_FIELDS if name != "owner"},
            "version": action.version,
            "owner": action.owner.public_id if action.owner_id else None,
        }


class ConversationForm(OptionalVersionForm):
    held_on = NHSDateField(
        label="When was it?",
        past_only=True,
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the date of the conversation"},
    )
    participants = _textarea(
        "Who took part",
        required=True,
        help_text="The person, family, advocate, staff",
        required_message="Say who took part",
    )
    person_took_part = _yes_no("Did the person take part?", "Select yes if the person took part")
    options_considered = _textarea(
        "Options considered", required=True, required_message="Say which options were considered"
    )
    agreed = _textarea("What was agreed", required=True, required_message="Say what was agreed")
    why = _textarea("Why", required=True, required_message="Say why this was agreed")
    disagreement = _textarea(
        "Any disagreement, and the reason", help_text="Where the person or anyone else disagreed, and why"
    )

    FIELDS = [
        "held_on",
        "participants",
        "person_took_part",
        "options_considered",
        "agreed",
        "why",
        "disagreement",
    ]

    @classmethod
    def initial_for(cls, conversation) -> dict:
        initial = {name: getattr(conversation, name) for name in cls.FIELDS}
        initial["person_took_part"] = "true" if conversation.person_took_part else "false"
        initial["version"] = conversation.version
        return initial


class RoutineForm(OptionalVersionForm):
    name = _text(
        "Name of the routine",
        200,
        required=True,
        help_text="For example, morning support agreement",
        required_message="Enter a name for the routine",
    )
    in_persons_words = _textarea("Why this routine matters, in the person's words")
    arrival_window = _text("Arrival window", 100, help_text="For example, 8:00 to 8:45")
    when_distress_rises = _textarea("Options when distress rises")
    agency_summary = _textarea(
        "Short summary for agency staff", help_text="Two or three sentences anyone new could follow"
    )

    FIELDS = Routine.COMPARE_FIELDS

    @classmethod
    def initial_for(cls, routine) -> dict:
        initial = {name: getattr(routine, name) for name in cls.FIELDS}
        initial["version"] = routine.version
        return initial


class TimeOfDayInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _time(label):
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=TimeOfDayInput,
        help_text="Use the 24-hour clock, for example 08:30",
        error_messages={"invalid": f"Enter {label.lower()} as a time, like 08:30"},
    )


class RoutineStepForm(OptionalVersionForm):
    what = _text("What happens", 300, required=True, required_message="Say what happens in this step")
    agreed_language = _textarea("Words to use", help_text="The words the person has agreed work for them")
    window_start = _time("Earliest time")
    window_end = _time("Latest time")
    flexibility = forms.ChoiceField(
        label="Can this step flex?",
        choices=RoutineStep.Flexibility.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this step can flex",
            "invalid_choice": "Select whether this step can flex",
        },
    )
    boundary_reason = _textarea(
        "Why this needs a boundary", help_text="For example, medication must be taken within an hour of 9am"
    )

    FIELDS = RoutineStep.COMPARE_FIELDS

    def clean(self):
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
            self.add_error("window_end", "The latest time must be after the earliest time")
        boundary = data.get("flexibility") == RoutineStep.Flexibility.BOUNDARY
        if boundary and not (data.get("boundary_reason") or "").strip():
            self.add_error("boundary_reason", "Say why this step needs a boundary")
        return data

    @classmethod
    def initial_for(cls, step) -> dict:
        initial = {name: getattr(step, name) for name in cls.FIELDS}
        initial["version"] = step.version
        return initial


class PromptCardForm(OptionalVersionForm):
    title = _text(
        "Title",
        200,
        required=True,
        help_text="For example, when anxiety rises in the morning",
        required_message="Enter a title for the prompt card",
    )
    green_looks_like = _textarea("Green: what it looks like", required=True)
    green_staff_do = _textarea("Green: what staff do", required=True)
    amber_looks_like = _textarea("Amber: what it looks like", required=True)
    amber_staff_do = _textarea("Amber: what staff do", required=True)
    red_looks_like = _textarea("Red: what it looks like", required=True)
    red_staff_do = _textarea("Red: what staff do", required=True)

    FIELDS = PromptCard.COMPARE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.FIELDS[1:]:
            colour, _, rest = str(self.fields[name].label).partition(": ")
            self.fields[name].error_messages["required"] = f"Say {rest} ({colour.lower()})"

    @classmethod
    def initial_for(cls, card) -> dict:
        initial = {name: getattr(card, name) for name in cls.FIELDS}
        initial["version"] = card.version
        return initial


class RemoveForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Are you sure?",
        choices=[("yes", "Yes, remove it"), ("no", "No, keep it")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you want to remove it",
            "invalid_choice": "Select yes if you want to remove it",
        },
    )


class NewDraftForm(forms.Form):
    reason = _textarea(
        "Why the plan is changing",
        required=True,
        help_text="For example, Sam asked to change how mornings work, or after the review on 3 March",
        required_message="Say why the plan is changing",
    )


class PlanSettingsForm(forms.Form):
    review_frequency_weeks = _weeks(
        "Review the whole plan every (weeks)", required=True, help_text="For example, 26"
    )
    review_owner = forms.ModelChoiceField(queryset=None)  # set per person in __init__

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_owner"] = _staff_choice("Who reviews the plan", person)


class ResponseForm(VersionedForm):
    agrees = forms.TypedChoiceField(
        label="Do you agree with this plan?",
        choices=[("true", "Yes, I agree"), ("false", "No, I do not agree")],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you agree with the plan",
            "invalid_choice": "Select yes if you agree with the plan",
        },
    )
    persons_words = _textarea(
        "In your own words",
        required=True,
        help_text="For example, yes, that's me",
        required_message="Write what you think of the plan, in your own words",
    )
    disagreement_reason = _textarea("What needs to change, and why")

    def __init__(self, *args, person, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        name = person.known_as
        if not viewer_is_person:
            self.fields["agrees"].label = f"What did {name} say?"
            self.fields["agrees"].error_messages["required"] = f"Select whether {name} agrees"
            self.fields["agrees"].error_messages["invalid_choice"] = f"Select whether {name} agrees"
            self.fields["persons_words"].label = f"What {name} said, in their words"
            self.fields["persons_words"].help_text = "Write it the way they said it"
            self.fields["persons_words"].error_messages["required"] = (
                f"Write what {name} said, in their words"
            )
            self.fields["disagreement_reason"].label = f"Why {name} does not agree"
        self.viewer_is_person = viewer_is_person
        self.person = person

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not (data.get("disagreement_reason") or "").strip():
            message = (
                "Say what needs to change"
                if self.viewer_is_person
                else f"Say why {self.person.known_as} does not agree"
            )
            self.add_error("disagreement_reason", message)
        return data


class CompareForm(forms.Form):
    """Which two versions to compare (a GET form: ?from=1&to=2)."""

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(v.number), f"Version {v.number} ({v.get_status_display().lower()})") for v in versions
        ]
        for name, label in [("from", "Compare version"), ("to", "With version")]:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={
                    "required": "Choose two versions to compare",
                    "invalid_choice": "Choose versions from the list",
                },
            )

    def clean(self):
        data = super().clean()
        if data.get("from") is not None and data.get("from") == data.get("to"):
            self.add_error("to", "Choose two different versions")
        return data
