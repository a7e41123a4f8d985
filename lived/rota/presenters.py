"""What the measures pages show of the figures (lived/rota/measures.py): the chart of the shares as
percentages, with the sentence that says the same in words for those who cannot see the chart."""

from __future__ import annotations

from lived.core.charts import Series, bar_chart
from lived.rota.measures import Figures


def shares_chart(title: str, columns: list[tuple[str, Figures]], summary: str):
    """A bar chart of each column's shares (one series a column: a person, everyone at the service)."""
    labels = [label for label, _share in columns[0][1].shares()]
    series = [
        Series(name, [share.percent for _label, share in figures.shares()]) for name, figures in columns
    ]
    return bar_chart(
        title=title,
        labels=labels,
        series=series,
        y_min=0,
        y_max=100,
        y_label="Per cent",
        x_label="Measure",
        summary=summary,
        value_format="{:.0f}%",
    )


def shares_summary(figures: Figures, whose: str) -> str:
    """The shares in one sentence, e.g. "Ada: preferred worker 80%; preferences met 75%."."""
    return (
        f"{whose}: " + "; ".join(f"{label} {share.percent_text}" for label, share in figures.shares()) + "."
    )


# Said after the summary: the table beside the chart holds the same numbers.
TABLE_SENTENCE = " The table below has every value."
