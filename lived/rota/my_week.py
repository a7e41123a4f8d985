"""A worker's own published sessions ("My week") and their private calendar feed (C13).

Only published rotas are read: for each service and week, `RotaWeek.published` is the allocation
whose current assignments (`replaced_at` empty) say who is coming. A cancelled session, or an
assignment replaced by an override, drops out of the page and the feed at once.

The feed's address holds a secret shown once; only its SHA-256 is stored (CalendarFeed). Making a new
address archives the old one, and so does turning the feed off: an old address then finds nothing."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lived.accounts.models import User
from lived.core.audit import record_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.core.weeks import week_start
from lived.people.models import Person
from lived.rota import ical
from lived.rota.models import Assignment, CalendarFeed, RotaWeek, SupportSession
from lived.rota.queries import short_names

A = AuditEvent.Action
# The feed's window: published sessions from four weeks ago onwards.
FEED_DAYS_BACK = 28
# A feed's last use is written at most this often (calendar apps ask every few minutes).
LAST_USED_EVERY = datetime.timedelta(hours=1)


def _published_ids(**filters) -> list[int]:
    return list(
        RotaWeek.objects.filter(published__isnull=False, **filters).values_list("published_id", flat=True)
    )


def _current_assignments(worker, allocation_ids, **session_filters):
    return (
        Assignment.objects.filter(
            worker=worker,
            allocation_id__in=allocation_ids,
            replaced_at__isnull=True,
            session__status=SupportSession.Status.PLANNED,
            session__archived_at__isnull=True,
            **session_filters,
        )
        .select_related("session__person", "session__service")
        .order_by("session__date", "session__window_start", "session__pk")
    )


@dataclass
class MySession:
    session: SupportSession
    person_name: str  # the person's first name (known_as), or "" for a shift
    person_link: bool  # whether the worker may open the person's record
    partners: list[str] = field(default_factory=list)  # the other worker(s) on a double-up


@dataclass
class MyWeek:
    start: datetime.date
    published: bool  # a rota is published this week at a service where the worker works
    days: list[tuple[datetime.date, list[MySession]]]

    @property
    def count(self) -> int:
        return sum(len(sessions) for _day, sessions in self.days)

    @property
    def minutes(self) -> int:
        return sum(s.session.duration_minutes for _day, sessions in self.days for s in sessions)


def my_week(worker, start: datetime.date) -> MyWeek:
    """The worker's own sessions on the published rotas for the week from Monday `start`, day by day,
    with the person's first name, whether the worker may open their record, and double-up partners.
    Four queries however many sessions there are."""
    start = week_start(start)
    weeks = list(
        RotaWeek.objects.filter(week_start=start, published__isnull=False).values_list(
            "service_id", "published_id"
        )
    )
    allocation_ids = [published for _service, published in weeks]
    published_here = bool({service for service, _p in weeks} & worker.care_service_ids())
    assignments = list(_current_assignments(worker, allocation_ids)) if allocation_ids else []
    session_ids = {a.session_id for a in assignments}
    partners: dict[int, list] = {}
    if session_ids:
        for other in (
            Assignment.objects.filter(
                allocation_id__in=allocation_ids, session_id__in=session_ids, replaced_at__isnull=True
            )
            .exclude(worker=worker)
            .select_related("worker")
        ):
            partners.setdefault(other.session_id, []).append(other.worker)
    person_ids = {a.session.person_id for a in assignments if a.session.person_id}
    reachable = (
        set(Person.objects.visible_to(worker).filter(pk__in=person_ids).values_list("pk", flat=True))
        if person_ids
        else set()
    )
    names = short_names([w for ws in partners.values() for w in ws])
    by_day: dict[datetime.date, list[MySession]] = {start + datetime.timedelta(days=n): [] for n in range(7)}
    seen = set()
    for assignment in assignments:
        session = assignment.session
        if session.pk in seen or session.date not in by_day:
            continue
        seen.add(session.pk)
        person = session.person
        by_day[session.date].append(
            MySession(
                session=session,
                person_name=person.known_as if person else "",
                person_link=person is not None and person.pk in reachable,
                partners=sorted(names[w.pk] for w in partners.get(session.pk, [])),
            )
        )
    return MyWeek(start=start, published=published_here or bool(assignments), days=list(by_day.items()))


# --- the calendar feed -----------------------------------------------------------------------------


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def live_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, archived_at__isnull=True).first()


def _archive_live(user, actor, reason: str) -> CalendarFeed | None:
    feed = CalendarFeed.objects.select_for_update().filter(user=user, archived_at__isnull=True).first()
    if feed is None:
        return None
    # The worker's own address, on nobody's record; no picture: the row holds little but the hash.
    with locked_for_change(
        feed,
        actor=actor,
        person=None,
        action=A.ARCHIVE,
        what=f"Calendar address turned off: {reason}",
        update_fields=["archived_at", "archived_by", "archived_reason"],
    ) as change:
        change.obj.mark_archived(actor, reason)
    return change.obj


def make_feed(*, actor) -> tuple[CalendarFeed, str]:
    """A new private calendar address for the actor's own sessions; the old one, if any, stops
    working. Returns the feed and its secret, which is never stored and cannot be shown again."""
    require(actor, "rota.view_own_week", None, "Only people who support people have a calendar of sessions")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        # The worker's row is locked, so two taps at once make one live feed after the other.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        _archive_live(actor, actor, "a new address was made")
        feed = CalendarFeed.objects.create(
            user=actor, secret_hash=secret_hash(secret), created_by=actor, updated_by=actor
        )
        record_change(actor=actor, action=A.CREATE, obj=feed, what="Calendar address made")
    return feed, secret


def turn_off_feed(*, actor) -> CalendarFeed | None:
    """The actor's calendar address stops working. Turning off one already off changes nothing."""
    require(actor, "rota.view_own_week", None, "Only people who support people have a calendar of sessions")
    with transaction.atomic():
        return _archive_live(actor, actor, "turned off by the worker")


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The live feed this secret opens, for an active worker who may still have one; else None."""
    if not secret or len(secret) > 200:
        return None
    feed = (
        CalendarFeed.objects.filter(secret_hash=secret_hash(secret), archived_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active or not feed.user.has_perm("rota.view_own_week"):
        return None
    return feed


def note_use(feed: CalendarFeed, now: datetime.datetime | None = None) -> None:
    """Records when the feed was last read, at most once an hour."""
    now = now or timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at >= LAST_USED_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def feed_events(worker, today: datetime.date | None = None) -> list[ical.Event]:
    """The worker's published sessions from four weeks ago onwards, as calendar events holding the
    person's first name and the times only: no plan text, no address, not what the session is for."""
    today = today or timezone.localdate()
    since = week_start(today) - datetime.timedelta(days=FEED_DAYS_BACK)
    allocation_ids = _published_ids(week_start__gte=since)
    if not allocation_ids:
        return []
    events, seen = [], set()
    for assignment in _current_assignments(worker, allocation_ids, session__date__gte=since):
        session = assignment.session
        if session.pk in seen:
            continue
        seen.add(session.pk)
        start = _local(session.date, session.window_start)
        summary = session.person.known_as if session.person_id else "Shift"
        description = (
            f"Arrive between {session.window_start:%H:%M} and {session.window_end:%H:%M}. "
            f"{session.duration_text}."
        )
        events.append(
            ical.Event(
                uid=f"session-{session.public_id}@lived",
                stamp=assignment.created_at,
                start=start,
                end=start + datetime.timedelta(minutes=session.duration_minutes),
                summary=summary,
                description=description,
            )
        )
    return events


def feed_text(worker, today: datetime.date | None = None) -> str:
    return ical.calendar("My week (Lived)", feed_events(worker, today))
