"""Forms for the crisis plan. Validation here says what is wrong in plain words; services enforce the
same rules."""

from __future__ import annotations

from django import forms

from lived.core.form_fields import VersionForm
from lived.core.form_fields import line_field as _line
from lived.core.form_fields import text_field as _text
from lived.crisis.models import CrisisPlan

CONTACT_ROWS = 3


class CrisisPlanForm(VersionForm):
    early_signs = _text("Early signs that I am becoming unwell", required=False)
    what_helps = _text(
        "What helps", required=False, help_text="How the person prefers to be supported to calm"
    )
    avoid = _text("Language and actions to avoid", required=False)
    emergency_when = _text("When to call emergency services", required=False)
    alternatives_to_admission = _text("Alternatives to admission", required=False)
    dependants_and_pets = _text("Dependants and pets: who looks after them", required=False)
    wishes = _text("What the person wants to happen and to be shared if they become unwell", required=False)
    written_with_person = forms.BooleanField(label="Written with the person", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, CONTACT_ROWS + 1):
            self.fields[f"contact_name_{i}"] = _line(f"Person to involve {i}: name")
            self.fields[f"contact_relationship_{i}"] = _line(f"Person to involve {i}: relationship")
            self.fields[f"contact_phone_{i}"] = forms.RegexField(
                label=f"Person to involve {i}: phone number",
                regex=r"^[0-9 +()-]{6,20}$",
                required=False,
                error_messages={"invalid": "Enter a phone number using digits, spaces and + only"},
            )

    @staticmethod
    def initial_for(plan) -> dict:
        data = {name: getattr(plan, name) for name in CrisisPlan.STAFF_FIELDS if name != "contacts"}
        data["version"] = plan.version
        for i, contact in enumerate(plan.contacts[:CONTACT_ROWS], start=1):
            data[f"contact_name_{i}"] = contact.get("name", "")
            data[f"contact_relationship_{i}"] = contact.get("relationship", "")
            data[f"contact_phone_{i}"] = contact.get("phone", "")
        return data

    def clean(self):
        data = super().clean()
        contacts = []
        for i in range(1, CONTACT_ROWS + 1):
            name = (data.get(f"contact_name_{i}") or "").strip()
            phone = (data.get(f"contact_phone_{i}") or "").strip()
            relationship = (data.get(f"contact_relationship_{i}") or "").strip()
            if (phone or relationship) and not name:
                self.add_error(f"contact_name_{i}", f"Enter the name of person {i} to involve")
            elif name:
                contacts.append({"name": name, "relationship": relationship, "phone": phone})
        data["contacts"] = contacts
        if not any((data.get(k) or "").strip() for k in ["early_signs", "what_helps", "emergency_when"]):
            self.add_error(
                "early_signs", "Write at least the early signs, what helps or when to call for help"
            )
        return data

    def plan_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in CrisisPlan.STAFF_FIELDS}


class OwnWordsForm(VersionForm):
    persons_own_words = _text(
        "Anything you want to add in your own words", help_text="Staff will read this in a crisis", rows=5
    )
