"""Weeks, in one place: the calendar week a day falls in (weeks start on Monday), and the rolling
weeks that charts count things in ("the last 8 weeks", the last one ending today). Also the calendar
months that month-by-month charts count in ("the last 12 months", ending with this one).

Every date here is a local date; a moment is turned into one with the current time zone first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

DAYS_IN_A_WEEK = 7


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the calendar week `day` falls in."""
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class RollingWeeks:
    """`count` back-to-back seven-day weeks, the last of them ending on `today`. Bucket something by
    the week it happened in with `index`; draw the axis with `starts`."""

    today: datetime.date
    count: int = 8

    def __post_init__(self):
        if self.count < 1:
            raise ValueError("A run of weeks needs at least one week")

    @property
    def first_day(self) -> datetime.date:
        return self.today - datetime.timedelta(days=DAYS_IN_A_WEEK * self.count - 1)

    @property
    def starts(self) -> list[datetime.date]:
        """The first day of each week, oldest first."""
        return [self.first_day + datetime.timedelta(days=DAYS_IN_A_WEEK * n) for n in range(self.count)]

    @property
    def since(self) -> datetime.datetime:
        """The first moment of the first week (local midnight), to filter a query by."""
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time.min))

    def zeros(self) -> list[int]:
        """A count per week, all nought, to add to by `index`."""
        return [0] * self.count

    def index(self, when: datetime.date | datetime.datetime) -> int | None:
        """Which week (0 is the oldest) a day or moment falls in, or None outside these weeks. A moment
        is taken in local time."""
        if isinstance(when, datetime.datetime):
            when = timezone.localtime(when).date()
        index = (when - self.first_day).days // DAYS_IN_A_WEEK
        return index if 0 <= index < self.count else None


def months_back(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first day of each of the last `count` calendar months, oldest first, ending with the month
    `today` falls in."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))
