"""Published rota rows made directly, for the tests of what people read from a published rota (My
week, the calendar feed, the person's picture of this week). The allocation services are tested on
their own; these tests need only the rows they leave."""

from __future__ import annotations

import datetime

from django.utils import timezone

from lived.rota.models import Allocation, Assignment, RotaWeek, Shortfall, SupportSession, Uncovered


def monday(day: datetime.date | None = None) -> datetime.date:
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def publish(service, week_start: datetime.date) -> Allocation:
    """A rota week for the service with a new published allocation (replacing any published before)."""
    week, _ = RotaWeek.objects.get_or_create(service=service, week_start=week_start)
    allocation = Allocation.objects.create(
        week=week, status=Allocation.Status.PUBLISHED, published_at=timezone.now()
    )
    week.published = allocation
    week.save(update_fields=["published", "updated_at"])
    return allocation


def session(service, person, day, start="08:00", end="08:45", minutes=30, staff=1, what="Morning routine"):
    return SupportSession.objects.create(
        service=service,
        person=person,
        date=day,
        window_start=datetime.time.fromisoformat(start),
        window_end=datetime.time.fromisoformat(end),
        duration_minutes=minutes,
        staff_needed=staff,
        what=what,
    )


def assign(allocation, the_session, *workers) -> list[Assignment]:
    return [Assignment.objects.create(allocation=allocation, session=the_session, worker=w) for w in workers]


def shortfall(allocation, person, the_session, reason, instead=None, preference="preferred_worker"):
    return Shortfall.objects.create(
        allocation=allocation,
        person=person,
        session=the_session,
        preference=preference,
        reason=reason,
        instead=instead,
    )


def uncovered(allocation, the_session, reason="No worker could be sent: 2 on leave."):
    return Uncovered.objects.create(allocation=allocation, session=the_session, reason=reason)
