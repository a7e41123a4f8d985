"""Forms for who supports the person and for staff profiles. Workers are offered by public id, never
by key; anything not offered is "choose from the list". Messages say what to do, in plain words;
services enforce the same rules."""

from __future__ import annotations

import re

from django import forms

from lived.core.nhsuk_forms import NHSDateField
from lived.rota.models import Absence, Availability, Skill, StaffProfile, SupportPreferences
from lived.rota.queries import short_names

RANKS = [
    ("first_choice", "First choice"),
    ("second_choice", "Second choice"),
    ("third_choice", "Third choice"),
]
# The UK postcode shape (for a home base, not an address check).
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def _version():
    # The version the editor opened (a stale save is refused, lived.core.concurrency).
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": "Open the page again and try again"},
    )


def _with_person(person) -> forms.BooleanField:
    return forms.BooleanField(
        label=f"{person.known_as} made these choices with me",
        help_text=f"Record {person.known_as}'s own choices, with them. "
        "Your name is kept as the person who helped.",
        error_messages={"required": f"Confirm that {person.known_as} made these choices with you"},
    )


class PreferencesForm(forms.Form):
    """The person's choices: up to three people in order, a gender and a language, a small team."""

    version = _version()
    first_choice = forms.ChoiceField(required=False)
    second_choice = forms.ChoiceField(required=False)
    third_choice = forms.ChoiceField(required=False)
    preferred_gender = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "I do not mind"), *SupportPreferences.Gender.choices],
    )
    preferred_language = forms.CharField(required=False, max_length=100)
    small_team = forms.BooleanField(required=False)

    def __init__(self, *args, person, workers, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        names = short_names(workers)
        self.workers = {str(w.public_id): w for w in workers}
        choices = [("", "No one")] + [(key, names[w.pk]) for key, w in self.workers.items()]
        invalid = f"Choose someone who works at {person.service.name}"
        for name, label in RANKS:
            field = self.fields[name]
            field.choices = choices
            field.label = label
            field.error_messages["invalid_choice"] = invalid
        you = viewer_is_person
        self.fields["preferred_gender"].label = (
            "I would like to be supported by" if you else f"{person.known_as} would like to be supported by"
        )
        self.fields["preferred_language"].label = (
            "A language I would like them to speak" if you else "A language they would like them to speak"
        )
        self.fields[
            "preferred_language"
        ].help_text = "For example, Polish. Leave it blank if it does not matter."
        self.fields["small_team"].label = (
            "I would like a small team" if you else f"{person.known_as} would like a small team"
        )
        self.fields[
            "small_team"
        ].help_text = "As few different people as the rota allows, and the same people from week to week."
        self.fields["preferred_gender"].error_messages["invalid_choice"] = "Choose from the list"
        if not you:
            self.fields["with_person"] = _with_person(person)

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name, _label in RANKS if data.get(name)]
        if len(set(chosen)) != len(chosen):
            self.add_error("second_choice", "Choose each person only once")
        return data

    def preferred(self) -> list:
        return [
            self.workers[self.cleaned_data[name]] for name, _label in RANKS if self.cleaned_data.get(name)
        ]

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "preferred": self.preferred(),
            "data": {
                "preferred_gender": d["preferred_gender"],
                "preferred_language": d["preferred_language"],
                "small_team": d["small_team"],
            },
            "opened_version": d["version"],
        }

    @staticmethod
    def initial_for(prefs: SupportPreferences) -> dict:
        initial = {
            "version": prefs.version,
            "preferred_gender": prefs.preferred_gender,
            "preferred_language": prefs.preferred_language,
            "small_team": prefs.small_team,
        }
        if prefs.pk:
            for (name, _label), chosen in zip(RANKS, prefs.ranked(), strict=False):
                initial[name] = str(chosen.worker.public_id)
        return initial


class NotToSendForm(forms.Form):
    worker = forms.ChoiceField()
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, person, workers, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        names = short_names(workers)
        self.workers = {str(w.public_id): w for w in workers}
        worker = self.fields["worker"]
        worker.choices = [("", "Choose someone")] + [(key, names[w.pk]) for key, w in self.workers.items()]
        worker.label = "Who do you not want to be sent?" if viewer_is_person else "Who should not be sent?"
        worker.error_messages.update(
            required="Choose who should not be sent",
            invalid_choice=f"Choose someone who works at {person.service.name}",
        )
        reason = self.fields["reason"]
        reason.label = "Why?" if viewer_is_person else f"Why does {person.known_as} not want them sent?"
        reason.help_text = (
            "Only you and the managers of your service can read this. The person you name is never told."
            if viewer_is_person
            else f"Only {person.known_as} and managers can read this. Support workers never see this list."
        )
        reason.error_messages.update(
            required="Say why"
            if viewer_is_person
            else f"Enter why {person.known_as} does not want them sent",
            max_length="Keep it to 2,000 characters or fewer",
        )
        if not viewer_is_person:
            self.fields["with_person"] = _with_person(person)

    def service_args(self) -> dict:
        return {"worker": self.workers[self.cleaned_data["worker"]], "reason": self.cleaned_data["reason"]}


class RemoveNotToSendForm(forms.Form):
    """Taking someone off the list needs no more than the button."""


class OwnProfileForm(forms.Form):
    version = _version()
    shared_about_me = forms.CharField(
        label="What would you like the people you support to know about you?",
        help_text="A sentence or two, for example: I love gardening and football; I speak Polish. "
        "People see it beside your first name when they choose who supports them.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 500 characters or fewer"},
    )
    gender = forms.ChoiceField(
        label="Your gender (optional)",
        help_text="Some people ask to be supported by a woman or by a man.",
        required=False,
        widget=forms.RadioSelect,
        choices=StaffProfile.Gender.choices,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    languages = forms.CharField(
        label="Languages you speak (optional)",
        help_text="Separate them with commas, for example: English, Polish. "
        "Leave it blank if you prefer not to say.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep it to 200 characters or fewer"},
    )

    @staticmethod
    def initial_for(profile: StaffProfile) -> dict:
        return {
            "version": profile.version,
            **{name: getattr(profile, name) for name in StaffProfile.OWN_FIELDS},
        }

    def service_args(self) -> dict:
        data = dict(self.cleaned_data)
        return {"opened_version": data.pop("version"), "data": data}


def _hours(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=99,
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
        error_messages={
            "invalid": "Enter a number of hours, like 37.5",
            "min_value": "Enter 0 or more hours",
            "max_value": "Enter 99 hours or fewer",
            "max_digits": "Enter a number of hours, like 37.5",
            "max_decimal_places": "Enter hours to one decimal place, like 37.5",
        },
    )


class StaffProfileForm(forms.Form):
    """What a manager sets for a worker: hours, the 48-hour opt-out, home postcode, and for each skill
    whether the worker holds it and when it lapses."""

    version = _version()
    contracted_hours = _hours("Contracted hours a week")
    maximum_hours = _hours("Most hours a week")
    opted_out_of_48_hours = forms.BooleanField(
        label="They have opted out of the 48-hour average week",
        help_text="Working Time Regulations: only with their written agreement, which they can withdraw.",
        required=False,
    )
    home_postcode = forms.CharField(
        label="Home postcode",
        help_text="Used only to estimate travel between visits. For example, LS6 2AB.",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "nhsuk-input--width-10"}),
        error_messages={"max_length": "Enter a postcode, like LS6 2AB"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(Skill.objects.filter(active=True))
        for skill in self.skills:
            self.fields[f"skill_{skill.public_id}"] = forms.BooleanField(label=skill.name, required=False)
            self.fields[f"expires_{skill.public_id}"] = NHSDateField(
                label=f"{skill.name}: when it lapses (optional)", required=False
            )

    def skill_fields(self):
        return [(self[f"skill_{s.public_id}"], self[f"expires_{s.public_id}"]) for s in self.skills]

    def clean_home_postcode(self):
        value = re.sub(r"\s+", " ", (self.cleaned_data.get("home_postcode") or "").upper().strip())
        if value and not POSTCODE.match(value):
            raise forms.ValidationError("Enter a postcode, like LS6 2AB")
        return value

    def clean(self):
        data = super().clean()
        contracted, maximum = data.get("contracted_hours"), data.get("maximum_hours")
        if contracted is not None and maximum is not None and maximum < contracted:
            self.add_error("maximum_hours", "The most hours a week cannot be fewer than the contracted hours")
        for skill in self.skills:
            if data.get(f"expires_{skill.public_id}") and not data.get(f"skill_{skill.public_id}"):
                self.add_error(f"skill_{skill.public_id}", f"Tick {skill.name} or leave its date blank")
        return data

    @staticmethod
    def initial_for(profile: StaffProfile, held) -> dict:
        initial = {
            "version": profile.version,
            **{n: getattr(profile, n) for n in StaffProfile.MANAGED_FIELDS},
        }
        for worker_skill in held:
            initial[f"skill_{worker_skill.skill.public_id}"] = True
            initial[f"expires_{worker_skill.skill.public_id}"] = worker_skill.expires_on
        return initial

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "opened_version": d["version"],
            "data": {name: d.get(name) for name in StaffProfile.MANAGED_FIELDS},
            "skills": {
                s: d.get(f"expires_{s.public_id}") for s in self.skills if d.get(f"skill_{s.public_id}")
            },
        }


# --- support sessions, availability and leave ------------------------------------------------------


def _time(label: str, example: str, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-5"}),
        help_text=f"Use the 24-hour clock, for example {example}",
        error_messages={
            "required": f"Enter {label.lower()}, for example {example}",
            "invalid": f"Enter {label.lower()} as a time of day between 00:00 and 23:59, like {example}",
        },
        **kwargs,
    )


def _required_date(label: str, missing: str) -> NHSDateField:
    return NHSDateField(label=label, help_text="For example, 15 3 2027", error_messages={"required": missing})


class SessionForm(forms.Form):
    """A session added by hand: for one of the people at the service, or a shift for the service."""

    person = forms.ChoiceField(label="Who is it for?")
    date = _required_date("Date", "Enter the date of the session")
    window_start = _time("The time to arrive from", "08:00")
    window_end = _time("The time to arrive by", "08:45")
    duration_minutes = forms.IntegerField(
        label="How long, in minutes",
        min_value=1,
        max_value=24 * 60,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
        error_messages={
            "required": "Enter how long the session is, in minutes",
            "invalid": "Enter how long the session is as a number of minutes, like 45",
            "min_value": "Enter how long the session is: 1 minute or more",
            "max_value": "Enter 1,440 minutes (24 hours) or fewer",
        },
    )
    staff_needed = forms.TypedChoiceField(
        label="How many staff are needed?",
        coerce=int,
        choices=[(1, "One"), (2, "Two (a double-up)")],
        initial=1,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one or two staff", "invalid_choice": "Choose one or two staff"},
    )
    skills = forms.MultipleChoiceField(
        label="Skills needed (optional)", required=False, widget=forms.CheckboxSelectMultiple
    )
    what = forms.CharField(
        label="What is it for? (optional)",
        help_text="For example, a trip to the dentist.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep it to 200 characters or fewer"},
    )

    SHIFT = "shift"

    def __init__(self, *args, service, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.public_id): p for p in people}
        person = self.fields["person"]
        person.choices = [
            ("", "Choose"),
            (self.SHIFT, f"A shift for {service.name} (no one person)"),
            *((key, p.name) for key, p in self.people.items()),
        ]
        person.error_messages.update(
            required="Choose who the session is for",
            invalid_choice=f"Choose someone supported by {service.name}",
        )
        self.skill_choices = {str(s.public_id): s for s in Skill.objects.filter(active=True)}
        self.fields["skills"].choices = [(key, s.name) for key, s in self.skill_choices.items()]
        self.fields["skills"].error_messages["invalid_choice"] = "Choose skills from the list"

    def clean(self):
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and end < start:
            self.add_error(
                "window_end", "The time to arrive by must be the same as or after the time to arrive from"
            )
        return data

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "data": {
                "person": self.people.get(d["person"]),
                "date": d["date"],
                "window_start": d["window_start"],
                "window_end": d["window_end"],
                "duration_minutes": d["duration_minutes"],
                "staff_needed": d["staff_needed"],
                "skills": [self.skill_choices[key] for key in d["skills"]],
                "what": d["what"],
            }
        }


class GenerateSessionsForm(forms.Form):
    """The week's button: the first day of the week it makes sessions for."""

    start = forms.DateField(widget=forms.HiddenInput, error_messages={"required": "Open the week again"})


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label="Day",
        coerce=int,
        choices=[("", "Choose a day"), *Availability.Weekday.choices],
        error_messages={"required": "Choose a day", "invalid_choice": "Choose a day"},
    )
    start = _time("The time from", "08:00")
    end = _time("The time until", "16:00")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", "The time until must be after the time from")
        return data

    def service_args(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("weekday", "start", "end")}


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of absence?",
        choices=Absence.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose leave, off sick or training",
            "invalid_choice": "Choose from the list",
        },
    )
    starts_on = _required_date("From", "Enter the first day they are away")
    ends_on = _required_date("Until", "Enter the last day they are away")
    note = forms.CharField(
        label="Note (optional)",
        help_text="Only managers at their service can read this. Do not write health details.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 500 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The date until must be the same as or after the date from")
        return data

    def service_args(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kind", "starts_on", "ends_on", "note")}


class TakeOffForm(forms.Form):
    """Taking an availability or an absence off needs no more than the button."""


class VisitPlaceForm(forms.Form):
    postcode = forms.CharField(
        label="Postcode where visits happen",
        max_length=10,
        help_text="The person's home, for working out travel between visits. For example, MB2 4TN.",
        error_messages={"required": "Enter a postcode"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "nhsuk-input--width-10"}
        ),
    )
