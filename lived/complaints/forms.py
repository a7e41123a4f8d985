"""Forms for complaints and compliments. Validation here says what is wrong in plain words; services
enforce the same rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from lived.complaints.models import Complaint, ComplaintTheme
from lived.core.form_fields import line_field as _line
from lived.core.form_fields import text_field as _text
from lived.core.nhsuk_forms import NHSDateField


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a complaint or a compliment?",
        widget=forms.RadioSelect,
        choices=Complaint.Kind.choices,
        error_messages={"required": "Select one"},
    )
    raised_by = forms.ChoiceField(
        label="Who raised it?",
        widget=forms.RadioSelect,
        choices=Complaint.RaisedBy.choices,
        error_messages={"required": "Select who"},
    )
    raised_by_name = _line("Their name (if not the person)")
    received_on = NHSDateField(
        label="Date received", past_only=True, error_messages={"required": "Enter the date received"}
    )
    summary = _text("What it is about", rows=5)
    themes = forms.MultipleChoiceField(
        label="Themes",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose what it is about from the list"},
    )

    def __init__(self, *args, viewer_is_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_objects = {str(t.public_id): t for t in ComplaintTheme.objects.filter(active=True)}
        self.fields["themes"].choices = [(k, t.name) for k, t in self.theme_objects.items()]
        self.viewer_is_person = viewer_is_person
        if viewer_is_person:
            for name in ["raised_by", "raised_by_name", "received_on"]:
                del self.fields[name]
            self.fields["summary"].label = "What do you want to tell us?"
            self.fields["summary"].error_messages["required"] = "Write what you want to tell us"
            self.fields["kind"].label = "Is this a complaint or a compliment?"
            self.fields["themes"].label = "What is it about? (optional)"

    def service_args(self) -> dict:
        d = self.cleaned_data
        data = {"kind": d["kind"], "summary": d["summary"]}
        if self.viewer_is_person:
            data.update(raised_by=Complaint.RaisedBy.PERSON, received_on=timezone.localdate())
        else:
            data.update(
                raised_by=d["raised_by"], raised_by_name=d["raised_by_name"], received_on=d["received_on"]
            )
        return {"data": data, "themes": [self.theme_objects[k] for k in d["themes"]]}


class RespondForm(forms.Form):
    response = _text("Response")
    outcome = _text("Outcome", required=False)
    close = forms.BooleanField(label="Close it now", required=False)

    def clean(self):
        data = super().clean()
        if data.get("close") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", "Record the outcome before closing")
        return data
