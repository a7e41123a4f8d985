"""What the person's outcomes page and PDF show: histories, charts (lived.core.charts) and tables."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from lived.core.charts import Band, Series, bar_chart, line_chart
from lived.core.presenters import date_long
from lived.outcomes.measures import MEASURES
from lived.outcomes.measures.scoring import change_between, gas_t_score
from lived.outcomes.queries import health_status, latest_parts
from lived.plans.models import ChimeDomain


def _short(day: datetime.date) -> str:
    return f"{day.day} {day:%b %y}"


@dataclass
class MeasureHistory:
    measure: object
    responses: list
    chart: object = None
    change: object = None
    plain_title: str = ""  # the questionnaire's name with a plain description beside its code
    plain_change: str = ""  # the change since the first one, said to the person


@dataclass
class ScaleHistory:
    scale: object
    ratings: list
    chart: object = None


@dataclass
class OutcomesSummary:
    measures: list[MeasureHistory] = field(default_factory=list)
    scales: list[ScaleHistory] = field(default_factory=list)
    goals: list = field(default_factory=list)  # latest score per goal
    gas_history: list = field(default_factory=list)  # (date, T)
    gas_chart: object = None
    chime_chart: object = None
    chime_rows: list = field(default_factory=list)
    health_checks: list = field(default_factory=list)
    health: object = None
    health_parts: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    alerts: list = field(default_factory=list)
    schedules: list = field(default_factory=list)


# On the person's own pages a questionnaire's code is never shown bare: always with what it asks about.
PLAIN_TITLES = {
    "phq9": "PHQ-9: questions about low mood",
    "gad7": "GAD-7: questions about anxiety",
    "dialog": "DIALOG: how satisfied you are with your life and your support",
}
# Where the NHS says a score usually means someone would benefit from more help ("caseness").
HELP_RANGE = "the range where people often get more help"
# Goal attainment scores (−2 to +2), in words.
GOAL_WORDS = {
    -2: "much less than expected",
    -1: "less than expected",
    0: "as expected",
    1: "more than expected",
    2: "much more than expected",
}


def plain_title(measure) -> str:
    return PLAIN_TITLES.get(measure.code, measure.title)


def plain_change(change) -> str:
    """The change since the first questionnaire, for the person: no 'threshold', no 'caseness'."""
    if change is None:
        return ""
    if change.reliable_improvement:
        first = "Your score has gone down by enough to be a real improvement (a reliable improvement)."
    elif change.reliable_deterioration:
        first = "Your score has gone up by enough to be a real change for the worse."
    else:
        first = "Your score has not changed by enough to be sure it is a real change."
    if change.recovered:
        second = f"It has moved out of {HELP_RANGE}."
    elif change.case_now:
        second = f"It is in {HELP_RANGE}."
    else:
        second = f"It is below {HELP_RANGE}."
    return f"{first} {second}"


def measure_chart(measure, responses, for_person: bool = False):
    labels = [_short(r.completed_on) for r in responses]
    values = [float(r.total) for r in responses]
    if measure.rule == "dialog":
        return line_chart(
            title=f"{plain_title(measure) if for_person else measure.name}: satisfaction (mean, 1 to 7)",
            labels=labels,
            series=[
                Series("Quality of life", values),
                Series(
                    "Treatment satisfaction",
                    [float(r.subscores.get("treatment_satisfaction", 0)) for r in responses],
                ),
            ],
            y_min=1,
            y_max=7,
            y_label="Mean rating",
            bands=[Band(1, 4, "Dissatisfied (below 4)")],
        )
    low, high = measure.score_range
    band_label = (
        f"{HELP_RANGE[:1].upper()}{HELP_RANGE[1:]} ({measure.caseness} or more)"
        if for_person
        else f"Clinical range ({measure.caseness} or more)"
    )
    bands = [Band(measure.caseness, high, band_label)] if measure.caseness else []
    about = plain_title(measure).partition(": ")[2]
    name = f"{measure.name} total, {about}" if for_person and about else f"{measure.name} total"
    return line_chart(
        title=f"{name} ({low:g} to {high:g}, lower is better)",
        labels=labels,
        series=[Series("Total", values)],
        y_min=low,
        y_max=high,
        y_label="Total",
        bands=bands,
    )


def scale_chart(scale, ratings):
    direction = "higher is better" if scale.higher_is_better else "lower is better"
    return line_chart(
        title=f"{scale.name} ({scale.low} to {scale.high}, {direction})",
        labels=[_short(r.rated_on) for r in ratings],
        series=[Series(scale.name, [r.value for r in ratings])],
        y_min=scale.low,
        y_max=scale.high,
        y_label="Rating",
    )


def gas_history(goal_scores) -> list[tuple[datetime.date, float, int]]:
    """On each scoring day, the T-score of the latest score of every goal scored so far."""
    latest: dict = {}
    out = []
    for day in sorted({g.scored_on for g in goal_scores}):
        for g in goal_scores:
            if g.scored_on == day:
                latest[g.outcome_key] = g
        goals = [(float(g.weight), g.score) for g in latest.values()]
        out.append((day, gas_t_score(goals), len(goals)))
    return out


def chime_picture(goal_scores, ratings_by_scale):
    """Mean goal attainment (−2…+2) by CHIME domain on each scoring day, and a table by domain."""
    domains = list(ChimeDomain)
    days = sorted({g.scored_on for g in goal_scores})
    series = []
    for domain in domains:
        values = []
        for day in days:
            scores = [g.score for g in goal_scores if g.scored_on == day and g.chime_domain == domain.value]
            values.append(round(sum(scores) / len(scores), 2) if scores else None)
        if any(v is not None for v in values):
            series.append(Series(domain.label, values))
    chart = None
    if series:
        chart = line_chart(
            title="Goal attainment by recovery (CHIME) domain (−2 to +2)",
            labels=[_short(d) for d in days],
            series=[Series(s.name, [None if v is None else v + 2 for v in s.values]) for s in series],
            y_min=0,
            y_max=4,
            y_label="Score + 2",
            summary="Mean goal attainment score by CHIME domain on each day goals were scored, shifted "
            "by 2 so that −2 shows as 0 and +2 as 4. The table below has every value.",
        )
    rows = []
    for domain in domains:
        goals = {}
        for g in goal_scores:
            if g.chime_domain == domain.value:
                goals[g.outcome_key] = g
        scales = [
            (scale, ratings[-1])
            for scale, ratings in ratings_by_scale
            if scale.chime_domain == domain.value and ratings
        ]
        if goals or scales:
            rows.append({"domain": domain.label, "goals": list(goals.values()), "scales": scales})
    return chart, rows


def summarise(person, today: datetime.date, for_person: bool = False) -> OutcomesSummary:
    """Everything for one person, read through the person's related managers (a handful of queries).
    `for_person`: the person's own view, in plain words: no T-score chart, no CHIME chart, plain
    questionnaire names and change (the tables below each chart keep every value)."""
    summary = OutcomesSummary()
    responses = list(
        person.measure_responses.select_related("completed_by").order_by("completed_on", "created_at")
    )
    for code, measure in MEASURES.items():
        mine = [r for r in responses if r.measure_code == code]
        if not mine:
            continue
        history = MeasureHistory(measure, mine, measure_chart(measure, mine, for_person))
        history.plain_title = plain_title(measure)
        if len(mine) >= 2:
            history.change = change_between(measure, float(mine[0].total), float(mine[-1].total))
            history.plain_change = plain_change(history.change)
        summary.measures.append(history)
    ratings = list(
        person.self_ratings.select_related("scale", "completed_by").order_by("rated_on", "created_at")
    )
    by_scale: dict = {}
    for r in ratings:
        by_scale.setdefault(r.scale, []).append(r)
    for scale, rs in sorted(by_scale.items(), key=lambda kv: kv[0].name):
        summary.scales.append(ScaleHistory(scale, rs, scale_chart(scale, rs)))
    goal_scores = list(person.goal_scores.select_related("scored_by").order_by("scored_on", "created_at"))
    latest = {}
    for g in goal_scores:
        latest[g.outcome_key] = g
    summary.goals = list(latest.values())
    summary.gas_history = gas_history(goal_scores)
    if summary.gas_history and not for_person:  # a T-score is for staff; the person reads each goal
        summary.gas_chart = line_chart(
            title="Goal attainment T-score (50 = goals met as expected)",
            labels=[_short(d) for d, _, _ in summary.gas_history],
            series=[Series("T-score", [t for _, t, _ in summary.gas_history])],
            y_min=20,
            y_max=80,
            y_label="T-score",
            value_format="{:.2f}",
        )
    summary.chime_chart, summary.chime_rows = chime_picture(goal_scores, list(by_scale.items()))
    if for_person:
        summary.chime_chart = None  # the person reads the table, headed in plain words
    summary.health_checks = list(person.health_checks.select_related("recorded_by"))
    summary.health = health_status(person, summary.health_checks, today)
    summary.health_parts = latest_parts(summary.health_checks)
    summary.follow_ups = list(person.health_follow_ups.select_related("owner", "closed_by"))
    summary.alerts = list(
        person.outcome_alerts.select_related("response", "acknowledged_by").order_by("-created_at")[:20]
    )
    summary.schedules = [
        s for s in person.measure_schedules.filter(archived_at__isnull=True).order_by("next_due")
    ]
    return summary


def comparison_chart(group, rows):
    labels = [r.name for r in rows]
    return bar_chart(
        title=f"{group.name}: mean at start and at end",
        labels=labels,
        series=[
            Series("Start", [r.mean_start for r in rows]),
            Series("End", [r.mean_end for r in rows]),
        ],
        y_label="Mean",
        value_format="{:.2f}",
        summary=" ".join(
            f"{r.name}: {r.mean_start} at the start and {r.mean_end} at the end ({r.n} people)."
            for r in rows
            if r.n
        )
        + f" From {date_long(group.starts_on)} to {date_long(group.ends_on)}."
        + " The table below has every value.",
    )
