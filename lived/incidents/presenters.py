"""Charts and links the incident pages show, and the parts of the risk pages that are about incidents
(lived.risk asks for them here)."""

from __future__ import annotations

import datetime

from lived.core.charts import Series, bar_chart
from lived.core.conf import lived_settings
from lived.incidents.queries import monthly_trends, weekly_incidents


def safeguarding_link() -> dict:
    config = lived_settings()
    return {"url": config.safeguarding_url, "text": config.safeguarding_text}


def weekly_incident_chart(person, today: datetime.date):
    """One person's incidents each week for the last 8 weeks, mornings apart from the rest of the day."""
    weekly = weekly_incidents(person, today)
    return bar_chart(
        title="Incidents each week, last 8 weeks",
        labels=[f"w/c {start.day} {start:%b}" for start in weekly["starts"]],
        series=[
            Series("Mornings (before 12:00)", weekly["mornings"]),
            Series("Rest of the day", weekly["rest"]),
        ],
        y_label="Incidents",
        x_label="Week beginning",
        summary=(
            f"Mornings: {weekly['mornings'][0]} incidents in the first week, "
            f"{weekly['mornings'][-1]} in the last. Rest of the day: {weekly['rest'][0]} then "
            f"{weekly['rest'][-1]}."
        ),
    )


def month_chart(title, months, values, summary_noun):
    labels = [m.strftime("%b %y") for m in months]
    return bar_chart(
        title=title,
        labels=labels,
        series=[Series(summary_noun, values)],
        y_label="Number",
        summary=f"{sum(values)} {summary_noun.lower()} in the last 12 months.",
    )


def monthly_charts(people, months: list[datetime.date]) -> list:
    """The service's incident, police, restraint, restrictive-practice and safeguarding charts."""
    trends = monthly_trends(people, months)
    return [
        month_chart("Incidents by month", months, trends["incidents"], "Incidents"),
        month_chart("Police involvement by month", months, trends["police"], "Incidents with police"),
        month_chart("Physical restraint by month", months, trends["restraint"], "Restraints"),
        month_chart(
            "All restrictive practices by month", months, trends["restrictive"], "Restrictive practices"
        ),
        month_chart(
            "Safeguarding concerns by month", months, trends["safeguarding"], "Safeguarding concerns"
        ),
    ]
