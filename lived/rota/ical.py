"""A worker's calendar feed as iCalendar (RFC 5545), written by the `icalendar` library, which does
the folding at 75 octets, the escaping of TEXT values and the line endings.

Times are given in UTC ("Z" form), so no VTIMEZONE is needed and a calendar app shows them in its
own time zone. Each event carries only what `Event` holds: lived/rota/my_week.feed_events decides
that (first names and times, nothing about health).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class Event:
    uid: str
    stamp: datetime.datetime  # aware
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    description: str = ""


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def calendar(name: str, events: Iterable[Event]) -> str:
    """The whole calendar as text, every line ending in CRLF."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Lived//My week//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", _utc(event.stamp))
        entry.add("dtstart", _utc(event.start))
        entry.add("dtend", _utc(event.end))
        entry.add("summary", event.summary)
        if event.description:
            entry.add("description", event.description)
        entry.add("transp", "OPAQUE")
        cal.add_component(entry)
    return cal.to_ical().decode("utf-8")
