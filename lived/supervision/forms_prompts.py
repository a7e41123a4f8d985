"""Forms for prompts. Prompts are offered by public id; anything not offered (a retired prompt, one
already attached, one made up) is "choose from the list", and nothing is saved."""

from __future__ import annotations

from django import forms

from lived.supervision.forms import TEXT_LIMIT, _long_text, _version
from lived.supervision.models import Prompt

STAGE_CHOICES = Prompt.Stage.choices


def _label(prompt: Prompt) -> str:
    stage = prompt.get_stage_display()
    return f"{stage}: {prompt.title}" + ("" if prompt.active else " (retired)")


class _PickPrompts(forms.Form):
    prompts = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose prompts from the list",
            "required": "Choose at least one prompt",
        },
    )

    def __init__(self, *args, prompts, label, hint="", required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {str(p.public_id): p for p in prompts}
        field = self.fields["prompts"]
        field.label = label
        field.help_text = hint
        field.required = required
        field.choices = [(key, _label(p)) for key, p in self.rows.items()]

    def chosen(self) -> list[Prompt]:
        return [self.rows[key] for key in self.cleaned_data["prompts"]]


class AttachToSessionForm(_PickPrompts):
    version = _version()

    def __init__(self, *args, prompts, **kwargs):
        super().__init__(
            *args,
            prompts=prompts,
            label="Which prompts do you want to talk about?",
            hint="Prompts from the library, for each stage of a person's journey through services.",
            **kwargs,
        )


class ReviewAgendaForm(_PickPrompts):
    version = _version()

    def __init__(self, *args, prompts, **kwargs):
        super().__init__(
            *args,
            prompts=prompts,
            label="Prompts on the review's agenda",
            hint="Untick a prompt to take it off the agenda.",
            required=False,
            **kwargs,
        )


class DiscussedForm(forms.Form):
    version = _version()
    discussed = _long_text(
        "What we talked about",
        "Write how support followed the person's priorities and what you agreed. Do not copy notes here.",
    )


class PromptWordsForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        error_messages={
            "required": "Enter a short title for the prompt",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    wording = forms.CharField(
        label="What the prompt asks",
        help_text="Plain words, as you would ask it. Say 'the person', never 'service user' or 'client'.",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what the prompt asks",
            "max_length": f"What the prompt asks must be {TEXT_LIMIT:,} characters or fewer",
        },
    )
    stage = forms.ChoiceField(
        label="Stage of the person's journey",
        choices=STAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a stage of the person's journey",
            "invalid_choice": "Choose a stage of the person's journey",
        },
    )


class AddPromptForm(PromptWordsForm):
    code = forms.SlugField(
        label="Code",
        help_text="A code that never changes, lower case with hyphens: for example, journey-crisis-after",
        max_length=60,
        error_messages={
            "required": "Enter a code for the prompt",
            "invalid": "The code must be lower-case letters, numbers and hyphens only",
            "max_length": "The code must be 60 characters or fewer",
        },
    )

    field_order = ["code", "stage", "title", "wording"]

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "code": d["code"],
            "data": {"title": d["title"], "wording": d["wording"], "stage": d["stage"]},
        }


class ChangePromptForm(PromptWordsForm):
    status = forms.ChoiceField(
        label="Is the prompt in use?",
        choices=[("active", "In use"), ("retired", "Retired: stays on old records, not offered again")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the prompt is in use",
            "invalid_choice": "Choose whether the prompt is in use",
        },
    )

    field_order = ["stage", "title", "wording", "status"]

    def __init__(self, *args, prompt: Prompt, **kwargs):
        super().__init__(*args, **kwargs)
        if prompt.kind == Prompt.Kind.CASELOAD:
            # Caseload prompts belong to no stage: their evidence comes from the worker's records.
            del self.fields["stage"]

    @staticmethod
    def initial_for(prompt: Prompt) -> dict:
        return {
            "title": prompt.title,
            "wording": prompt.wording,
            "stage": prompt.stage,
            "status": "active" if prompt.active else "retired",
        }

    def service_args(self) -> dict:
        d = self.cleaned_data
        return {
            "data": {"title": d["title"], "wording": d["wording"], "stage": d.get("stage", "")},
            "active": d["status"] == "active",
        }
