"""The week planner's forms: running the allocation, publishing, and changing who goes to a session."""

from django import forms

from lived.core.concurrency import SeenVersionField


class RunForm(forms.Form):
    start = forms.DateField()
    version = SeenVersionField()


class PublishForm(forms.Form):
    version = SeenVersionField()


class OverrideForm(forms.Form):
    worker = forms.ChoiceField(
        label="Who should go instead?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who should go", "invalid_choice": "Choose from the list"},
    )
    reason = forms.CharField(
        label="Why are you changing who goes?",
        help_text="The person may read this: they are told that the rota was changed by hand, and why.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why you are changing who goes",
            "max_length": "Keep it to 500 characters or fewer",
        },
    )
    replacing = forms.CharField(required=False, widget=forms.HiddenInput)
    version = SeenVersionField()

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = choices
