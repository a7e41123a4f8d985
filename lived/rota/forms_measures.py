"""The period the measures pages show: two dates, both included, a year at most. Without either date
the pages show the last 28 days."""

from __future__ import annotations

import datetime

from django import forms

from lived.core.nhsuk_forms import NHSDateField
from lived.rota.measures import LONGEST_PERIOD_DAYS, default_period

FIELDS = ("date_from", "date_to")


class PeriodForm(forms.Form):
    date_from = NHSDateField(label="From", required=False, help_text="For example, 1 3 2026")
    date_to = NHSDateField(label="To", required=False, help_text="For example, 28 3 2026")

    def __init__(self, data, *, today: datetime.date):
        self.today = today
        self.asked = any(key.startswith(FIELDS) and value.strip() for key, value in data.items())
        super().__init__(data if self.asked else None, initial=self._initial())

    def _initial(self) -> dict:
        start, end = default_period(self.today)
        return {"date_from": start, "date_to": end}

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if "date_from" not in self.errors and start is None:
            self.add_error("date_from", "Enter the date the period starts")
        if "date_to" not in self.errors and end is None:
            self.add_error("date_to", "Enter the date the period ends")
        if start and end:
            if end < start:
                self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
            elif (end - start).days + 1 > LONGEST_PERIOD_DAYS:
                self.add_error("date_to", "The period can be a year at most: choose a ‘to’ date sooner")
        return data

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The dates asked for, or the last 28 days when none were; None when they are wrong."""
        if not self.asked:
            return default_period(self.today)
        if not self.is_valid():
            return None
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
