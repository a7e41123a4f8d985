"""Measured, not claimed (C13, issue 14 item 7): how far the published rota gave each person the
support they chose, and how far the visits then happened as agreed, per person and per service over
a period (both dates included). Plain functions over a fixed number of aggregate queries (ten,
however many people or sessions): nothing here queries once per person or per session.

What is counted, and how:

- **The sessions counted** are the period's planned sessions for a person at the service (never a
  cancelled or archived one, never a service-level shift) that are on a *published* rota: the
  session has a current assignment (`replaced_at` empty) or an "uncovered" row in the allocation its
  week's `RotaWeek.published` points at. A session on a week with no published rota, or added to a
  week after it was published, is not counted: nobody was told it was coming. Who was sent is the
  current assignment, so an override counts the worker who replaced the first one.
- **Sessions by a preferred worker**: of the counted sessions of people who ranked at least one
  worker, those where at least one worker sent (of two, for a double-up) is one of the person's
  ranked workers. People who ranked nobody are left out of both numbers.
- **Preferences met**: of the counted sessions of people who set any preference (a ranked worker, a
  gender, a language or a small team), those with no shortfall row for that session in the published
  allocation. A shortfall about the whole week (no session, such as a small team) is not a session's.
  Both read the person's preferences as they are now, not as they were on the day.
- **Continuity**: the number of different workers sent to the person, per 28 days. The period is cut
  into 28-day blocks from its first day; each block the person had counted sessions in gives its
  number of different workers, a last block shorter than 28 days scaled up to 28 (3 workers in 14
  days is 6 per 28 days), and the figure is the mean over those blocks. The service's is the mean
  over its people with counted sessions.
- **A visit** is a counted session before today (today's may not be written up yet) matched to a
  daily note: a note about the same person, that stands (it has not been replaced by a correction),
  written by a worker sent to the session, whose visit day is the session's date (the local date of
  the arrival time the note records, or of the note's own time when it records none). When a day has
  several sessions and notes, each note is matched to one session at most: the closest pairs are
  taken first, by the distance from the note's arrival (or its own time) to the start of the
  session's agreed window, ties by session and then note order.
- **Visits missed**: of the counted sessions before today, those matched to no note.
- **Visits shorter than 30 minutes** (NICE QS123): of the visits whose note records both the arrival
  and leaving time, those under 30 minutes; of those, how many were agreed in advance (the session
  itself was planned for under 30 minutes). Visits without both times are counted as not recorded.
- **Visits that began within the agreed window**: of all the visits, those whose recorded arrival is
  within the session's window (both ends included). A visit whose note records no arrival time is
  "not recorded": it stays in the denominator and is never counted as on time. The plan's times are
  never used for this.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from lived.core.weeks import week_start
from lived.notes.models import DailyNote
from lived.rota.models import (
    Assignment,
    PreferredWorker,
    RotaWeek,
    Shortfall,
    SupportPreferences,
    SupportSession,
    Uncovered,
)

# The default period, and the block continuity is counted in.
BLOCK_DAYS = 28
# The longest period the pages offer (a leap year's days).
LONGEST_PERIOD_DAYS = 366
# NICE QS123: home care visits shorter than this are counted.
SHORT_VISIT_MINUTES = 30


@dataclass
class Share:
    """A measure as its numerator over its denominator, each said in words."""

    numerator: int = 0
    denominator: int = 0

    @property
    def percent(self) -> float | None:
        if not self.denominator:
            return None
        return 100 * self.numerator / self.denominator

    @property
    def percent_text(self) -> str:
        value = self.percent
        return "–" if value is None else f"{value:.0f}%"

    @property
    def text(self) -> str:
        """ "9 of 10 (90%)", or "None to count"."""
        if not self.denominator:
            return "None to count"
        return f"{self.numerator} of {self.denominator} ({self.percent_text})"

    def add(self, other: Share) -> None:
        self.numerator += other.numerator
        self.denominator += other.denominator


@dataclass
class Continuity:
    """Different workers per 28 days: `value` (None without sessions), from `blocks`, and the
    different workers over the whole period."""

    value: float | None = None
    workers: int = 0
    blocks: int = 0

    @property
    def text(self) -> str:
        return "No sessions to count" if self.value is None else f"{self.value:.1f}"


@dataclass
class Figures:
    """Every measure for one person, or the totals for a service."""

    sessions: int = 0
    preferred_worker: Share = field(default_factory=Share)
    preferences_met: Share = field(default_factory=Share)
    continuity: Continuity = field(default_factory=Continuity)
    missed: Share = field(default_factory=Share)
    short: Share = field(default_factory=Share)
    short_agreed: int = 0
    times_not_recorded: int = 0
    on_time: Share = field(default_factory=Share)
    arrival_not_recorded: int = 0
    # worker pk → sessions sent, for the person's page (who supported them).
    workers: dict[int, int] = field(default_factory=dict)

    def shares(self) -> list[tuple[str, Share]]:
        """The shares in the order the pages and charts show them, with short labels."""
        return [
            ("Preferred", self.preferred_worker),
            ("Choices met", self.preferences_met),
            ("Missed", self.missed),
            ("Under 30 min", self.short),
            ("On time", self.on_time),
        ]


# What each share counts, for the pages: (label, full name, numerator, denominator).
DEFINITIONS = [
    (
        "Preferred",
        "Sessions by a preferred worker",
        "sessions where a worker sent is one the person chose",
        "sessions of people who chose at least one worker",
    ),
    (
        "Choices met",
        "Preferences met",
        "sessions with no shortfall recorded",
        "sessions of people who set any preference",
    ),
    (
        "Missed",
        "Visits missed",
        "sessions with no daily note from a worker sent",
        "sessions on the published rota before today",
    ),
    (
        "Under 30 min",
        "Visits shorter than 30 minutes",
        "visits under 30 minutes by the note's arrival and leaving times",
        "visits whose note records both times",
    ),
    (
        "On time",
        "Visits that began within the agreed window",
        "visits whose recorded arrival is within the agreed window",
        "visits, including those with no arrival time recorded",
    ),
]


@dataclass
class ServiceMeasures:
    start: datetime.date
    end: datetime.date
    people: list[tuple[object, Figures]]
    totals: Figures

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class _Session:
    pk: int
    person_id: int
    date: datetime.date
    window_start: datetime.time
    window_end: datetime.time
    duration_minutes: int
    workers: set[int] = field(default_factory=set)
    shortfall: bool = False
    note: _Note | None = None


@dataclass
class _Note:
    pk: int
    person_id: int
    author_id: int
    occurred_at: datetime.datetime
    arrived_at: datetime.datetime | None
    left_at: datetime.datetime | None
    used: bool = False

    @property
    def moment(self) -> datetime.datetime:
        return self.arrived_at or self.occurred_at

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.moment).date()

    @property
    def minutes(self) -> int | None:
        if self.arrived_at is None or self.left_at is None:
            return None
        return int((self.left_at - self.arrived_at).total_seconds() // 60)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 28 days, today the last of them."""
    return today - datetime.timedelta(days=BLOCK_DAYS - 1), today


def measure(
    people, service, start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> ServiceMeasures:
    """Every measure for `people` (a scoped Person queryset) at `service` from `start` to `end`, each
    person's and the service's totals. People are listed if they are active or had counted sessions."""
    today = today or timezone.localdate()
    person_rows = list(people.filter(service=service).order_by("family_name", "given_name", "pk"))
    sessions = _published_sessions(people, service, start, end)
    preferred, any_preference = _preferences(people)
    _match_notes(people, sessions, start, end)

    by_person: dict[int, list[_Session]] = {}
    for session in sessions:
        by_person.setdefault(session.person_id, []).append(session)
    totals = Figures()
    continuity_sum, continuity_people = 0.0, 0
    rows = []
    for person in person_rows:
        mine = by_person.get(person.pk, [])
        if not mine and person.archived_at is not None:
            continue
        figures = _figures(
            mine, preferred.get(person.pk, set()), person.pk in any_preference, start, end, today
        )
        rows.append((person, figures))
        _add(totals, figures)
        if figures.continuity.value is not None:
            continuity_sum += figures.continuity.value
            continuity_people += 1
    if continuity_people:
        totals.continuity = Continuity(
            value=continuity_sum / continuity_people,
            workers=len({w for s in sessions for w in s.workers}),
            blocks=continuity_people,
        )
    return ServiceMeasures(start=start, end=end, people=rows, totals=totals)


def _add(totals: Figures, figures: Figures) -> None:
    totals.sessions += figures.sessions
    for name in ["preferred_worker", "preferences_met", "missed", "short", "on_time"]:
        getattr(totals, name).add(getattr(figures, name))
    totals.short_agreed += figures.short_agreed
    totals.times_not_recorded += figures.times_not_recorded
    totals.arrival_not_recorded += figures.arrival_not_recorded
    for worker, count in figures.workers.items():
        totals.workers[worker] = totals.workers.get(worker, 0) + count


def _figures(
    sessions: list[_Session],
    preferred: set[int],
    has_preference: bool,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> Figures:
    figures = Figures(sessions=len(sessions))
    for session in sessions:
        for worker in session.workers:
            figures.workers[worker] = figures.workers.get(worker, 0) + 1
        if preferred:
            figures.preferred_worker.denominator += 1
            figures.preferred_worker.numerator += bool(session.workers & preferred)
        if has_preference:
            figures.preferences_met.denominator += 1
            figures.preferences_met.numerator += not session.shortfall
        if session.date >= today:
            continue
        figures.missed.denominator += 1
        note = session.note
        if note is None:
            figures.missed.numerator += 1
            continue
        minutes = note.minutes
        if minutes is None:
            figures.times_not_recorded += 1
        else:
            figures.short.denominator += 1
            if minutes < SHORT_VISIT_MINUTES:
                figures.short.numerator += 1
                figures.short_agreed += session.duration_minutes < SHORT_VISIT_MINUTES
        figures.on_time.denominator += 1
        if note.arrived_at is None:
            figures.arrival_not_recorded += 1
        else:
            arrived = timezone.localtime(note.arrived_at)
            figures.on_time.numerator += (
                arrived.date() == session.date
                and session.window_start <= arrived.time() <= session.window_end
            )
    figures.continuity = continuity(sessions, start, end)
    return figures


def continuity(sessions, start: datetime.date, end: datetime.date) -> Continuity:
    """Different workers per 28 days over the blocks with sessions (module docstring)."""
    blocks: dict[int, set[int]] = {}
    for session in sessions:
        blocks.setdefault((session.date - start).days // BLOCK_DAYS, set()).update(session.workers)
    if not blocks:
        return Continuity()
    total_days = (end - start).days + 1
    values = []
    for index, workers in blocks.items():
        length = min(BLOCK_DAYS, total_days - index * BLOCK_DAYS)
        values.append(len(workers) * BLOCK_DAYS / length)
    every = {w for session in sessions for w in session.workers}
    return Continuity(value=sum(values) / len(values), workers=len(every), blocks=len(values))


# --- the queries ----------------------------------------------------------------------------------


def _published_sessions(people, service, start, end) -> list[_Session]:
    """The counted sessions (module docstring), each with the workers currently sent and whether a
    shortfall is recorded for it. Five queries."""
    published = dict(
        RotaWeek.objects.filter(
            service=service, week_start__range=(week_start(start), end), published__isnull=False
        ).values_list("week_start", "published_id")
    )
    if not published:
        return []
    allocation_ids = list(published.values())
    sessions = {
        row[0]: _Session(*row)
        for row in SupportSession.objects.filter(
            service=service,
            person__in=people,
            date__range=(start, end),
            status=SupportSession.Status.PLANNED,
            archived_at__isnull=True,
        )
        .order_by("date", "window_start", "pk")
        .values_list("pk", "person_id", "date", "window_start", "window_end", "duration_minutes")
    }

    def belongs(allocation_id, session_id) -> bool:
        session = sessions.get(session_id)
        return session is not None and published.get(week_start(session.date)) == allocation_id

    on_rota: set[int] = set()
    in_period = {"session__date__range": (start, end), "session__service": service}
    for allocation_id, session_id, worker_id in Assignment.objects.filter(
        allocation_id__in=allocation_ids, replaced_at__isnull=True, **in_period
    ).values_list("allocation_id", "session_id", "worker_id"):
        if belongs(allocation_id, session_id):
            sessions[session_id].workers.add(worker_id)
            on_rota.add(session_id)
    for allocation_id, session_id in Uncovered.objects.filter(
        allocation_id__in=allocation_ids, **in_period
    ).values_list("allocation_id", "session_id"):
        if belongs(allocation_id, session_id):
            on_rota.add(session_id)
    for allocation_id, session_id in Shortfall.objects.filter(
        allocation_id__in=allocation_ids, **in_period
    ).values_list("allocation_id", "session_id"):
        if belongs(allocation_id, session_id):
            sessions[session_id].shortfall = True
    return [session for pk, session in sessions.items() if pk in on_rota]


def _preferences(people) -> tuple[dict[int, set[int]], set[int]]:
    """Each person's ranked workers, and the people who set any preference. Two queries."""
    preferred: dict[int, set[int]] = {}
    for person_id, worker_id in PreferredWorker.objects.filter(preferences__person__in=people).values_list(
        "preferences__person_id", "worker_id"
    ):
        preferred.setdefault(person_id, set()).add(worker_id)
    any_preference = set(preferred)
    any_preference.update(
        SupportPreferences.objects.filter(person__in=people)
        .filter(~Q(preferred_gender="") | ~Q(preferred_language="") | Q(small_team=True))
        .values_list("person_id", flat=True)
    )
    return preferred, any_preference


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=timezone.get_current_timezone())


def _match_notes(people, sessions: list[_Session], start, end) -> None:
    """Match the period's standing notes to the sessions (module docstring). One query."""
    if not sessions:
        return
    low, high = _local_midnight(start), _local_midnight(end + datetime.timedelta(days=1))
    notes = [
        _Note(*row)
        for row in DailyNote.objects.filter(person__in=people, correction__isnull=True)
        .filter(
            Q(arrived_at__gte=low, arrived_at__lt=high)
            | Q(arrived_at__isnull=True, occurred_at__gte=low, occurred_at__lt=high)
        )
        .values_list("pk", "person_id", "author_id", "occurred_at", "arrived_at", "left_at")
    ]
    notes_by_day: dict[tuple[int, datetime.date], list[_Note]] = {}
    for note in notes:
        notes_by_day.setdefault((note.person_id, note.day), []).append(note)
    sessions_by_day: dict[tuple[int, datetime.date], list[_Session]] = {}
    for session in sessions:
        sessions_by_day.setdefault((session.person_id, session.date), []).append(session)
    tz = timezone.get_current_timezone()
    for key, day_sessions in sessions_by_day.items():
        candidates = []
        for session in day_sessions:
            begins = datetime.datetime.combine(session.date, session.window_start, tzinfo=tz)
            for note in notes_by_day.get(key, []):
                if note.author_id in session.workers:
                    distance = abs((note.moment - begins).total_seconds())
                    candidates.append((distance, session.pk, note.pk, session, note))
        for _distance, _s, _n, session, note in sorted(candidates, key=lambda c: c[:3]):
            if session.note is None and not note.used:
                session.note, note.used = note, True
