"""Rows for the measures' tests, made directly (the allocation is another part's): a published rota
week, sessions, current and replaced assignments, shortfalls and daily notes with visit times."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from lived.notes.models import DailyNote
from lived.rota.models import (
    Allocation,
    Assignment,
    PreferredWorker,
    RotaWeek,
    Shortfall,
    SupportPreferences,
    SupportSession,
    Uncovered,
)

# A Monday well in the past, so every session in its week is before today.
MONDAY = datetime.date(2026, 3, 2)


def at(day: datetime.date, hhmm: str) -> datetime.datetime:
    """A local moment on `day`."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def published_week(service, monday: datetime.date = MONDAY) -> Allocation:
    week = RotaWeek.objects.create(service=service, week_start=monday)
    allocation = Allocation.objects.create(week=week, status=Allocation.Status.PUBLISHED)
    week.published = allocation
    week.save(update_fields=["published"])
    return allocation


def draft_week(service, monday: datetime.date = MONDAY) -> Allocation:
    week = RotaWeek.objects.create(service=service, week_start=monday)
    allocation = Allocation.objects.create(week=week, status=Allocation.Status.READY)
    week.draft = allocation
    week.save(update_fields=["draft"])
    return allocation


def session(service, person, day, start="08:00", end="08:45", minutes=45, **extra) -> SupportSession:
    return SupportSession.objects.create(
        service=service,
        person=person,
        date=day,
        window_start=datetime.time.fromisoformat(start),
        window_end=datetime.time.fromisoformat(end),
        duration_minutes=minutes,
        **extra,
    )


def assign(allocation, sent, worker, *, replaced=False) -> Assignment:
    return Assignment.objects.create(
        allocation=allocation,
        session=sent,
        worker=worker,
        replaced_at=timezone.now() if replaced else None,
    )


def uncovered(allocation, sent) -> Uncovered:
    return Uncovered.objects.create(allocation=allocation, session=sent, reason="No one with the skill")


def shortfall(allocation, sent, preference="preferred_worker") -> Shortfall:
    return Shortfall.objects.create(
        allocation=allocation, person=sent.person, session=sent, preference=preference, reason="On leave"
    )


def choose(person, *workers, **fields) -> SupportPreferences:
    prefs = SupportPreferences.objects.create(person=person, **fields)
    for rank, worker in enumerate(workers, start=1):
        PreferredWorker.objects.create(preferences=prefs, worker=worker, rank=rank)
    return prefs


def note(person, author, day, arrived=None, left=None, written="23:00", **extra) -> DailyNote:
    return DailyNote.objects.create(
        person=person,
        author=author,
        occurred_at=at(day, written),
        shift="early",
        arrived_at=at(day, arrived) if arrived else None,
        left_at=at(day, left) if left else None,
        idempotency_key=uuid.uuid4(),
        content_hash="x",
        **extra,
    )
