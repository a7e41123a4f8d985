"""The shift-assignment problem and its answer, as plain dataclasses (no Django, no OR-Tools).

The app turns sessions, staff profiles and the person's preferences into a `Problem`; the solver
(`assignment.solve`) and the independent checker (`checker.check`) both read it; the app turns the
`Rota` back into assignments and shortfall rows.

Times are naive datetimes in the service's local time; durations are whole minutes. Costs are whole
numbers *per minute of support*, so that the min-cost flow over minutes is exactly the linear
relaxation of the assignment (see docs/adr/0021-rota-solvers.md); travel is the one cost per minute
of travel instead.

Travel (issue 14, items 2 and 4): a session may have a location and a worker a home base, each
(latitude, longitude) in degrees, held locally (no routing service). The travel time between two
places is the straight-line (great-circle, haversine) distance on a sphere of radius
`EARTH_RADIUS_KM`, times `Problem.detour_factor` (1.3: roads are not straight), at
`Problem.travel_speed_kmh` (20 km/h: a city average for driving and finding somewhere to park),
rounded up to whole minutes. A session without a location needs no travel to or from it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

MINUTE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Session:
    """A unit of support that needs named workers: a shift, one-to-one hours, a visit (with its place)."""

    id: str
    start: datetime.datetime
    end: datetime.datetime
    person: str | None = None  # None: a service-level shift (sleep-in, waking night for the house)
    service: str | None = None  # None: any worker may be sent; otherwise workers of that service
    staff_needed: int = 1  # 2 for a double-up: that many *different* workers
    skills: frozenset[str] = frozenset()
    location: tuple[float, float] | None = None  # (latitude, longitude); None: no travel to or from it

    @property
    def minutes(self) -> int:
        return int((self.end - self.start) / MINUTE)

    @property
    def day(self) -> datetime.date:
        """The working day a session belongs to: the day it starts (a night shift is its evening's)."""
        return self.start.date()


@dataclass(frozen=True)
class Absence:
    """Leave or sickness: the worker cannot be sent to anything overlapping it."""

    start: datetime.datetime
    end: datetime.datetime
    # "leave", "sick", "training", or "elsewhere" (already sent to a session at another service):
    # the person is told which, in plain words.
    kind: str = "leave"


@dataclass(frozen=True)
class Window:
    start: datetime.datetime
    end: datetime.datetime


@dataclass(frozen=True)
class Worker:
    id: str
    name: str = ""
    services: frozenset[str] = frozenset()
    skills: dict[str, datetime.date | None] = field(default_factory=dict)  # skill -> last valid day
    gender: str = ""
    languages: frozenset[str] = frozenset()
    contracted_minutes: int = 0  # above this, hours count as overtime (the "fair hours" cost)
    maximum_minutes: int | None = None  # hard cap for the horizon; None: only the 48-hour week applies
    availability: tuple[Window, ...] | None = None  # None: available at any time not on leave
    absences: tuple[Absence, ...] = ()
    opted_out_of_48_hours: bool = False
    home: tuple[float, float] | None = None  # (latitude, longitude) of their home base; None: unknown

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Preferences:
    """What the person chose about who supports them."""

    person: str
    ranked: tuple[str, ...] = ()  # worker ids, first choice first
    not_to_send: frozenset[str] = frozenset()  # hard: never sent
    gender: str = ""  # "" for no preference
    language: str = ""
    small_team: bool = False
    last_week: frozenset[str] = frozenset()  # the workers who came last week


@dataclass(frozen=True)
class Weights:
    """Costs per minute of support unless said otherwise. Whole numbers (CP-SAT and the flow need them)."""

    unassigned: int = 100  # per minute per missing worker: covering support comes first
    rank: tuple[int, ...] = (0, 1, 2, 3)  # first choice, second, third, fourth and below
    not_chosen: int = 5  # a worker the person did not rank (when they ranked someone)
    gender: int = 3
    language: int = 3
    not_last_week: int = 1  # a worker who did not come last week (when someone did)
    overtime: int = 1  # per minute above the worker's contracted hours
    small_team_size: int = 3  # "a small team": at most this many different workers in the horizon
    extra_team_member: int = 600  # per different worker beyond the small team (not per minute)
    change: int = 2000  # re-planning: per worker taken off a published session (not per minute)
    # Least travel: per minute of travel between a worker's consecutive sessions with a location on
    # one working day, and from their home base to the first of them (not per minute of support).
    travel: int = 1

    def rank_cost(self, rank: int) -> int:
        return self.rank[min(rank, len(self.rank) - 1)]


WEEK_MINUTES_48 = 48 * 60
EARTH_RADIUS_KM = 6371.0
TRAVEL_SPEED_KMH = 20.0  # a city average for driving and parking between visits
DETOUR_FACTOR = 1.3  # road distance over straight-line distance


@dataclass(frozen=True)
class Problem:
    sessions: tuple[Session, ...]
    workers: tuple[Worker, ...]
    preferences: dict[str, Preferences] = field(default_factory=dict)  # person -> preferences
    weights: Weights = field(default_factory=Weights)
    # Re-planning: the published rota (session id -> worker ids); every change from it is penalised.
    published: dict[str, tuple[str, ...]] | None = None
    # The horizon the working-time rules are read over (24 hours' rest, 48 hours): a week.
    horizon_start: datetime.datetime | None = None
    horizon_end: datetime.datetime | None = None
    # Travel between sessions with a location (see the module's docstring).
    travel_speed_kmh: float = TRAVEL_SPEED_KMH
    detour_factor: float = DETOUR_FACTOR

    def horizon(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = self.horizon_start or min(s.start for s in self.sessions)
        end = self.horizon_end or max(max(s.end for s in self.sessions), start + datetime.timedelta(days=7))
        return start, end


# Working Time Regulations, as read in docs/adr/0021-rota-solvers.md.
DAILY_REST = datetime.timedelta(hours=11)
WEEKLY_REST = datetime.timedelta(hours=24)
BREAK = datetime.timedelta(minutes=20)
LONGEST_WITHOUT_BREAK = datetime.timedelta(hours=6)


class Rule(StrEnum):
    """Why a worker could not be sent, in the words the person and the manager see."""

    UNAVAILABLE = "not working then"
    LEAVE = "on leave"
    SICK = "off sick"
    TRAINING = "on a training day"
    SKILL = "lacks the skill"
    SKILL_EXPIRED = "their training has lapsed"
    NOT_TO_SEND = "asked not to be sent"
    OTHER_SERVICE = "works at another service"
    BUSY = "at another session"
    TRAVEL = "could not travel in time between this and another of their visits"
    HOURS = "hours limit"
    DAILY_REST = "needs 11 hours' rest between working days"
    WEEKLY_REST = "needs 24 hours' rest in the week"
    BREAK = "needs a 20-minute break after 6 hours"
    ON_SESSION = "already on this session"
    BALANCE = "sent elsewhere to balance the rota"


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible at time limit"
    INFEASIBLE = "infeasible"  # no rota covers every session: the best partial one, with reasons


@dataclass(frozen=True)
class Unassigned:
    session: str
    missing: int  # workers still needed
    reasons: dict[str, int]  # Rule text -> how many candidates it excluded
    reason: str  # in plain words


@dataclass(frozen=True)
class Shortfall:
    """A preference the rota could not meet, with the reason in plain words (a row in the app)."""

    person: str
    session: str | None  # None for a preference about the whole week (small team, last week's worker)
    preference: str  # "preferred worker", "gender", "language", "small team", "last week's worker"
    reason: str
    worker: str | None = None  # who is coming instead


@dataclass(frozen=True)
class Change:
    """Re-planning: a published session whose workers changed."""

    session: str
    person: str | None
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass
class Rota:
    assignments: dict[str, tuple[str, ...]]  # session id -> worker ids
    unassigned: list[Unassigned]
    shortfalls: list[Shortfall]
    objective: int
    bound: int
    status: Status
    solve_seconds: float
    changes: list[Change] = field(default_factory=list)
    affected_people: tuple[str, ...] = ()
    affected_workers: tuple[str, ...] = ()
    proven_optimal: bool = False  # for an infeasible week: whether the partial rota is the best one
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative distance to the bound: 0 means proven optimal."""
        return (self.objective - self.bound) / max(1, abs(self.objective))
