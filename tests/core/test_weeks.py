"""The one week helper: Monday-start calendar weeks, and rolling weeks ending today for the charts."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from lived.core.weeks import RollingWeeks, months_back, week_start

LONDON = ZoneInfo("Europe/London")
D = datetime.date


def test_week_start_is_the_monday_of_the_week():
    assert week_start(D(2025, 3, 10)) == D(2025, 3, 10)  # a Monday
    assert week_start(D(2025, 3, 16)) == D(2025, 3, 10)  # the Sunday after it
    assert week_start(D(2025, 1, 1)) == D(2024, 12, 30)  # across a year end


def test_rolling_weeks_end_today_and_start_seven_days_apart():
    run = RollingWeeks(D(2025, 3, 12), 3)
    assert run.first_day == D(2025, 2, 20)
    assert run.starts == [D(2025, 2, 20), D(2025, 2, 27), D(2025, 3, 6)]
    assert run.zeros() == [0, 0, 0]
    assert run.since == datetime.datetime(2025, 2, 20, tzinfo=LONDON)


def test_eight_weeks_by_default():
    assert len(RollingWeeks(D(2025, 3, 12)).starts) == 8


def test_index_buckets_days_and_leaves_out_those_outside():
    run = RollingWeeks(D(2025, 3, 12), 3)
    assert run.index(D(2025, 2, 19)) is None
    assert run.index(D(2025, 2, 20)) == 0
    assert run.index(D(2025, 2, 26)) == 0
    assert run.index(D(2025, 2, 27)) == 1
    assert run.index(D(2025, 3, 12)) == 2
    assert run.index(D(2025, 3, 13)) is None


def test_a_moment_is_bucketed_by_its_local_date():
    run = RollingWeeks(D(2025, 6, 12), 2)  # weeks start on 30 May and 6 June
    # 23:30 UTC on 5 June is 00:30 on 6 June in London (summer time): the second week.
    late = datetime.datetime(2025, 6, 5, 23, 30, tzinfo=datetime.UTC)
    assert run.index(late) == 1
    assert run.index(datetime.datetime(2025, 6, 5, 22, 30, tzinfo=datetime.UTC)) == 0


def test_a_run_needs_a_week():
    with pytest.raises(ValueError):
        RollingWeeks(D(2025, 3, 12), 0)


def test_months_back_are_first_days_oldest_first_ending_this_month_across_a_new_year():
    assert months_back(datetime.date(2026, 2, 17), 4) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    assert len(months_back(datetime.date(2026, 2, 17))) == 12
