"""Forms for supervision. Workers and themes are offered by public id, never by key; anything not
offered is "choose from the list". Messages say what to do; the services enforce the same rules."""

from __future__ import annotations

from django import forms

from lived.core.concurrency import SeenVersionField
from lived.core.nhsuk_forms import NHSDateField
from lived.supervision.models import Supervision

TEXT_LIMIT = 10000


def _version():
    # The version the editor opened (a stale save is refused, lived.core.concurrency).
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": "Open the page again and try again"},
    )


def _kind():
    return forms.ChoiceField(
        label="Kind of session",
        choices=Supervision.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of session",
            "invalid_choice": "Choose the kind of session",
        },
    )


def _held_on():
    return NHSDateField(
        label="Date of the session",
        help_text="For example, 14 3 2026",
        past_only=True,
        error_messages={"required": "Enter the date of the session"},
    )


def _long_text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer"},
    )


class StartForm(forms.Form):
    worker = forms.ChoiceField(
        label="Who is the session with?",
        error_messages={
            "required": "Choose who the session is with",
            "invalid_choice": "Choose from the list",
        },
    )
    held_on = _held_on()
    kind = _kind()

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(worker.public_id): worker for worker, _service in choices}
        self.fields["worker"].choices = [("", "Choose someone")] + [
            (str(worker.public_id), f"{worker.display_name} ({service.name})") for worker, service in choices
        ]

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {"worker": self.workers[d["worker"]], "held_on": d["held_on"], "kind": d["kind"]}


class SupervisorPartForm(forms.Form):
    version = _version()
    held_on = _held_on()
    kind = _kind()
    discussed = _long_text("What we talked about", "Include how support followed people's priorities.")
    wellbeing = _long_text("How they are doing", "Their wellbeing: workload, stress, what would help.")
    themes = forms.MultipleChoiceField(
        label="Themes from this session",
        help_text="Choose any that came up. They are counted, by month, for the service.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_rows = {str(t.public_id): t for t in themes}
        self.fields["themes"].choices = [(key, t.name) for key, t in self.theme_rows.items()]

    @staticmethod
    def initial_for(record: Supervision) -> dict:
        return {
            "version": record.version,
            "held_on": record.held_on,
            "kind": record.kind,
            "discussed": record.discussed,
            "wellbeing": record.wellbeing,
            "themes": [str(t.public_id) for t in record.themes.all()],
        }

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "data": {name: d[name] for name in Supervision.SUPERVISOR_FIELDS},
            "themes": [self.theme_rows[key] for key in d["themes"]],
            "opened_version": d["version"],
        }


class ReflectionForm(forms.Form):
    version = _version()
    reflection = _long_text(
        "My reflection",
        "In your own words: how did your support follow people's priorities? "
        "Where did it drift into routine?",
    )
    disagreement = _long_text(
        "Anything I disagree with",
        "If you disagree with what is written, say what and why. Your words are kept as you wrote them.",
    )

    @staticmethod
    def initial_for(record: Supervision) -> dict:
        return {
            "version": record.version,
            "reflection": record.reflection,
            "disagreement": record.disagreement,
        }

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "data": {name: d[name] for name in Supervision.WORKER_FIELDS},
            "opened_version": d["version"],
        }


class ActionForm(forms.Form):
    what = forms.CharField(
        label="What you agreed",
        max_length=300,
        error_messages={
            "required": "Enter what you agreed",
            "max_length": "What you agreed must be 300 characters or fewer",
        },
    )
    owner = forms.ChoiceField(
        label="Who will do it",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who will do it", "invalid_choice": "Choose who will do it"},
    )
    due_on = NHSDateField(
        label="By when",
        help_text="For example, 30 4 2026",
        error_messages={"required": "Enter the date it is due by"},
    )

    def __init__(self, *args, record: Supervision, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {str(u.public_id): u for u in (record.worker, record.supervisor)}
        self.fields["owner"].choices = [(key, u.display_name) for key, u in self.owners.items()]

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {"what": d["what"], "owner": self.owners[d["owner"]], "due_on": d["due_on"]}


class SignForm(forms.Form):
    seen_version = SeenVersionField()
