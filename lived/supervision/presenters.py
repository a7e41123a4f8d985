"""Charts for the supervision pages, built here so the views only choose what to show: the themes
rolled up by month, and the observations of practice by quarter (each with its table on the page)."""

from __future__ import annotations

from lived.core.charts import Series, line_chart


def themes_chart(service, rollup):
    labels = [f"{m:%b %Y}" for m in rollup.months]
    # The chart has room for six lines (lived.core.charts): the six most used; the table has them all.
    busiest = sorted(rollup.themes, key=lambda t: -rollup.total(t))
    shown = [t for t in rollup.themes if t in busiest[:6]]
    series = [Series(t.name, [rollup.count(t, m) for m in rollup.months]) for t in shown]
    top = ", ".join(f"{t.name} {rollup.total(t)}" for t in busiest[:3] if rollup.total(t))
    return line_chart(
        title=f"Themes in supervision at {service.name}, by month",
        labels=labels,
        series=series,
        y_min=0,
        y_label="Sessions",
        x_label="Month",
        summary=f"Sessions tagged with each theme, month by month, over {len(labels)} months."
        + (f" Most often: {top}." if top else "")
        + " The table below has every value.",
    )


def rollup_chart(service, rollup):
    """The shares by quarter as a line chart (its table has every value)."""
    quarters = rollup.quarters
    now = rollup.this_quarter
    return line_chart(
        title=f"Observations at {service.name}, by quarter",
        labels=[q.label.replace(" to ", "–") for q in quarters],
        series=[
            Series("Routines followed as agreed (%)", [q.routines_share for q in quarters]),
            Series("Choices offered (%)", [q.choices_share for q in quarters]),
            Series("Consent checked (%)", [q.consent_share for q in quarters]),
        ],
        y_min=0,
        y_max=100,
        y_label="Share of observations (%)",
        x_label="Quarter",
        summary=f"The share of observations each quarter, over {len(quarters)} quarters."
        + (
            f" This quarter, routines were followed as agreed in {now.routines_share}%."
            if now.routines
            else ""
        )
        + " The table has every value.",
    )
