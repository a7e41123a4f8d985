"""Shifts: early, late and night, set by `LIVED_SHIFTS` (start and end as "HH:MM"; a shift whose end
is before its start runs past midnight). Shifts may overlap (the handover time); the current shift is
the latest one that has started."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from lived.core.conf import SHIFT_NAMES, lived_settings

ORDER = list(SHIFT_NAMES)


def shift_times() -> dict[str, tuple[datetime.time, datetime.time]]:
    """Each shift's start and end, from LIVED_SHIFTS (checked at start-up, lived/core/checks.py)."""
    return lived_settings().shift_times()


@dataclass(frozen=True)
class ShiftWindow:
    name: str  # early, late, night
    date: datetime.date  # the day the shift starts
    start: datetime.datetime
    end: datetime.datetime

    @property
    def label(self) -> str:
        return self.name.title()

    def contains_time(self, value: datetime.time | None) -> bool:
        """Whether a time of day (e.g. a routine step's window) falls in this shift."""
        if value is None:
            return False
        start, end = self.start.timetz().replace(tzinfo=None), self.end.timetz().replace(tzinfo=None)
        if start <= end:
            return start <= value < end
        return value >= start or value < end

    def previous(self) -> ShiftWindow:
        index = ORDER.index(self.name)
        if index == 0:
            return window(ORDER[-1], self.date - datetime.timedelta(days=1))
        return window(ORDER[index - 1], self.date)


def window(name: str, date: datetime.date) -> ShiftWindow:
    start_t, end_t = shift_times()[name]
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(date, start_t, tzinfo=tz)
    end_day = date if end_t > start_t else date + datetime.timedelta(days=1)
    end = datetime.datetime.combine(end_day, end_t, tzinfo=tz)
    return ShiftWindow(name=name, date=date, start=start, end=end)


def shift_at(moment: datetime.datetime | None = None) -> ShiftWindow:
    """The shift running at this moment: the one that started most recently."""
    moment = timezone.localtime(moment or timezone.now())
    candidates = []
    for day in (moment.date() - datetime.timedelta(days=1), moment.date()):
        for name in ORDER:
            w = window(name, day)
            if w.start <= moment < w.end:
                candidates.append(w)
    if not candidates:  # gaps between shifts in a custom setting: the last one that started
        started = [
            window(n, d) for d in (moment.date() - datetime.timedelta(days=1), moment.date()) for n in ORDER
        ]
        candidates = [w for w in started if w.start <= moment]
    return max(candidates, key=lambda w: w.start)


def chosen_window(name: str = "", day: datetime.date | None = None) -> ShiftWindow:
    """The shift a reader asked for: by name (early, late or night) and/or by the day it starts. What
    was not asked for is the running shift's; an unknown name counts as not asked. The running shift
    when neither was asked for."""
    current = shift_at()
    if name in ORDER or day:
        return window(name if name in ORDER else current.name, day or current.date)
    return current


def handover_since(shift: ShiftWindow | None = None) -> datetime.datetime:
    """Handover goes from shift to shift: the handover notes for `shift` (by default the running one)
    are those written since the start of the shift before it. The notes page, confirming handover
    read and the briefing all read this window."""
    return (shift or shift_at()).previous().start


# However long a reader has been away, the briefing looks back at most this far (a worker back from
# two weeks' leave reads the record, not a briefing card, for what happened before that).
MAX_LOOKBACK = datetime.timedelta(days=14)


def since_last_worked(
    shift: ShiftWindow, last_worked: datetime.datetime | None, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, str]:
    """Where a reader's briefing for `shift` starts, and why in words: the start of the last shift they
    worked before this one (`last_worked` is a moment they were at work, e.g. when they last opened the
    briefing or recorded a note), or 24 hours back, whichever is earlier, and never later than the
    start of the shift before this one. "24 hours back" is from now on the shift running now, from the
    start of a shift still to come and from the end of one that is over. Never more than MAX_LOOKBACK
    back."""
    now = now or timezone.now()
    moment = min(max(now, shift.start), shift.end)
    previous = shift.previous()
    candidates = [
        (moment - datetime.timedelta(hours=24), "24 hours back"),
        (previous.start, f"the start of the {previous.name} shift"),
    ]
    if last_worked is not None and last_worked < shift.start:
        worked = shift_at(last_worked)
        candidates.append((worked.start, f"the start of your last shift here, the {worked.name} shift"))
    since, because = min(candidates, key=lambda c: c[0])
    floor = moment - MAX_LOOKBACK
    if since < floor:
        return floor, f"{MAX_LOOKBACK.days} days back, the furthest the briefing looks"
    return since, because
