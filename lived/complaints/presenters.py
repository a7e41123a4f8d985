"""The complaints chart on the service's risk page (lived.risk asks for it here)."""

from __future__ import annotations

import datetime

from lived.complaints.queries import themes_by_month
from lived.core.charts import Series, bar_chart


def theme_chart(people, months: list[datetime.date]):
    """Complaints by theme and month for these people, or None when none was raised."""
    themes = themes_by_month(people, months)
    if not themes:
        return None
    return bar_chart(
        title="Complaints by theme and month",
        labels=[m.strftime("%b %y") for m in months],
        series=[Series(name, values) for name, values in themes],
        y_label="Complaints",
        summary="Complaints in the last 12 months, by theme.",
    )
