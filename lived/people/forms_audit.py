"""Filters for a person's audit trail: kind of change, who, dates, and whether to show page views.

The filters narrow a queryset of audit rows; which rows the viewer may see at all is still decided by
`lived.core.audit_visibility.visible_audit_rows`, applied on top."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.core.nhsuk_forms import NHSDateField

VIEW = AuditEvent.Action.VIEW

# Each kind of change: its label and the kinds of record (model labels, or an app's prefix) it covers.
KINDS: dict[str, tuple[str, list[str]]] = {
    "sharing": (
        "Sharing and consent",
        [
            "people.SharingAgreement",
            "people.CircleMember",
            "people.AdvanceSharingWishes",
            "people.CommunicationProfile",
        ],
    ),
    "about_me": ("About me and personal details", ["people.AboutMeEntry", "people.Person"]),
    "plans": ("Support plans", ["plans."]),
    "reviews": ("Reviews and check-ins", ["reviews."]),
    "notes": ("Daily notes and handover", ["notes."]),
    "risk": ("Risk and safety", ["risk.", "crisis.", "incidents.", "complaints."]),
    "outcomes": ("Outcomes and health checks", ["outcomes."]),
    "rota": ("Who supports the person", ["rota."]),
    "account": ("Sign-in and account", ["accounts."]),
}
VIEWS = "views"


def _kind_filter(kind: str) -> Q:
    if kind == VIEWS:
        return Q(action=VIEW)
    covers = Q()
    for name in KINDS[kind][1]:
        covers |= Q(object_type__startswith=name) if name.endswith(".") else Q(object_type=name)
    return covers & ~Q(action=VIEW)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of change",
        required=False,
        choices=[("", "Every kind")]
        + [(k, label) for k, (label, _) in KINDS.items()]
        + [(VIEWS, "Views of the record")],
        error_messages={"invalid_choice": "Choose a kind of change from the list"},
    )
    who = forms.ChoiceField(
        label="Who",
        required=False,
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    date_from = NHSDateField(label="From", required=False, help_text="For example, 15 3 2026")
    date_to = NHSDateField(label="To", required=False, help_text="For example, 31 3 2026")
    show_views = forms.BooleanField(label="Show when someone only viewed the record", required=False)

    def __init__(self, data, *, people):
        """`people`: the users who appear in this person's trail (as the viewer may see it)."""
        super().__init__(data)
        self.people = {str(user.public_id): user for user in people}
        self.fields["who"].choices = [("", "Anyone")] + [
            (key, u.display_name) for key, u in self.people.items()
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    @property
    def views_hidden(self) -> bool:
        """Page views are hidden unless asked for, or unless the kind asked for is views."""
        data = getattr(self, "cleaned_data", {})
        return not data.get("show_views") and data.get("kind") != VIEWS

    def narrow(self, rows):
        """The rows that match every filter that is valid (an invalid one is shown as an error and
        left out), before page views are hidden."""
        data = getattr(self, "cleaned_data", {})
        if data.get("kind"):
            rows = rows.filter(_kind_filter(data["kind"]))
        if data.get("who"):
            rows = rows.filter(actor=self.people[data["who"]])
        if data.get("date_from"):
            rows = rows.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            rows = rows.filter(at__lt=_start_of(data["date_to"] + datetime.timedelta(days=1)))
        return rows
