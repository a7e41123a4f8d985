"""Reads for complaints, scoped to people visible to the user."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth

from lived.complaints.models import Complaint, ComplaintTheme


def themes_by_month(people, months: list[datetime.date]) -> list[tuple[str, list[int]]]:
    """(theme, complaints each month) for these people (a visible_to queryset), in the themes' order,
    only themes that were raised. `months` are the first days of the months, oldest first."""
    theme_rows = (
        Complaint.objects.filter(person__in=people, kind=Complaint.Kind.COMPLAINT, received_on__gte=months[0])
        .annotate(month=TruncMonth("received_on"))
        .values("month", "themes__name")
        .annotate(n=Count("pk"))
    )
    themes: dict[str, dict] = defaultdict(dict)
    for row in theme_rows:
        if row["themes__name"] is None:
            continue
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        themes[row["themes__name"]][month.replace(day=1)] = row["n"]
    theme_order = [t.name for t in ComplaintTheme.objects.all()]
    return [(name, [themes[name].get(m, 0) for m in months]) for name in theme_order if name in themes]
