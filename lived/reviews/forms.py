"""Forms for reviews and check-ins. Labels speak to the person ("you", "I") when they are the one
signed in, and name them when staff are writing with them."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from lived.core.concurrency import SeenVersionField
from lived.core.presenters import date_long
from lived.core.weeks import week_start
from lived.reviews.models import Review
from lived.reviews.services import MAX_TEXT

OWN_WORDS_HINT = "Write it the way you would say it. Staff will see your own words."
STAFF_TRIGGERS = [
    (value, label) for value, label in Review.Trigger.choices if value != Review.Trigger.SCHEDULED
]


def _textarea(label, *, required=False, required_message="", help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or "Write something in the box",
            "max_length": f"Keep it to {MAX_TEXT} characters or fewer",
        },
    )


def _whose_words(person):
    return forms.TypedChoiceField(
        label="Whose words are these?",
        choices=[
            ("true", f"{person.known_as}'s own words"),
            ("false", f"A staff note of what {person.known_as} said"),
        ],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose words these are"},
    )


class AskForReviewForm(forms.Form):
    trigger = forms.ChoiceField(
        label="Why is a review needed?",
        choices=STAFF_TRIGGERS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select why a review is needed",
            "invalid_choice": "Select a reason from the list",
        },
    )
    details = _textarea("What has happened", required=True, required_message="Say why a review is needed")

    def __init__(self, *args, person, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer_is_person:
            del self.fields["trigger"]
            self.fields["details"].label = "What would you like to talk about at your review?"
            self.fields["details"].help_text = OWN_WORDS_HINT
            self.fields["details"].error_messages["required"] = "Write what you would like to talk about"
        else:
            self.fields["details"].help_text = f"Use {person.known_as}'s words where you can"

    def trigger_value(self, viewer_is_person: bool) -> str:
        if viewer_is_person:
            return Review.Trigger.PERSON_ASKS
        return self.cleaned_data["trigger"]


class AgendaItemForm(forms.Form):
    text = _textarea(
        "What do you want to talk about?",
        required=True,
        required_message="Write what you want to talk about",
    )
    in_persons_words = forms.TypedChoiceField(choices=[], required=False)

    def __init__(self, *args, person, viewer_is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer_is_person:
            del self.fields["in_persons_words"]
            self.fields["text"].help_text = OWN_WORDS_HINT
        else:
            self.fields["in_persons_words"] = _whose_words(person)
            self.fields["text"].label = "What to talk about"
            self.fields["text"].error_messages["required"] = "Write what to talk about"


class CompleteReviewForm(forms.Form):
    # The review's version when the page was opened: completing it is refused if the agenda changed.
    seen_version = SeenVersionField()
    what_is_working = _textarea("What is working", help_text="From the person's point of view first")
    what_is_not_working = _textarea("What is not working")
    decisions = _textarea(
        "What was decided",
        required=True,
        required_message="Write what was decided",
        help_text="This becomes the reason for change on the next draft of the plan",
        rows=6,
    )


class CancelReviewForm(forms.Form):
    seen_version = SeenVersionField()
    reason = _textarea(
        "Why is this review no longer needed?", required=True, required_message="Enter a reason"
    )


class CheckInForm(forms.Form):
    week_starting = forms.ChoiceField(
        label="Which week?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which week", "invalid_choice": "Select a week from the list"},
    )
    what_worked = _textarea("What worked this week?")
    what_didnt = _textarea("What didn't?")
    in_persons_words = forms.TypedChoiceField(choices=[], required=False)

    def __init__(self, *args, person, viewer_is_person: bool, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        this_week = week_start(today or timezone.localdate())
        last_week = this_week - datetime.timedelta(days=7)
        self.fields["week_starting"].choices = [
            (this_week.isoformat(), f"This week (starting Monday {date_long(this_week)})"),
            (last_week.isoformat(), f"Last week (starting Monday {date_long(last_week)})"),
        ]
        self.fields["week_starting"].initial = this_week.isoformat()
        if viewer_is_person:
            del self.fields["in_persons_words"]
            self.fields["what_worked"].label = "What worked for me this week?"
            self.fields["what_didnt"].label = "What didn't work for me?"
            self.fields["what_worked"].help_text = "In your own words"
        else:
            self.fields["in_persons_words"] = _whose_words(person)
            self.fields["what_worked"].label = f"What worked for {person.known_as} this week?"
            self.fields["what_didnt"].label = f"What didn't work for {person.known_as}?"

    def clean_week_starting(self):
        return datetime.date.fromisoformat(self.cleaned_data["week_starting"])

    def clean(self):
        data = super().clean()
        if not (data.get("what_worked") or "").strip() and not (data.get("what_didnt") or "").strip():
            if "what_worked" not in self.errors:
                self.add_error("what_worked", "Write what worked or what didn't, or both")
        return data
