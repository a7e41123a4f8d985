"""Shift assignment: min-cost flow for the core and the bound, CP-SAT for the rules.

`solve(problem)` returns a `Rota` whose every assignment holds the hard rules (availability and
leave, skills on the day, one session at a time including the travel between them, not-to-send,
hours, the Working Time Regulations as read in docs/adr/0021-rota-solvers.md, double-ups by
different workers), with the weighted preferences and travel as low as it found, a lower bound on
them, every uncovered session with the rules that excluded each candidate, and every preference it
could not meet with the reason.

1. Eligibility first: a pair (session, worker) exists only if no per-pair rule excludes it.
2. Min-cost flow over *minutes* (source -> session -> worker -> sink, hours caps on the last arcs,
   overtime as a second, dearer arc): exactly the linear relaxation of the assignment with hours,
   so its cost is a valid lower bound. It ignores overlaps and rest, which is why it is not the rota.
3. A feasible rota built in time order from the flow's choices (each session to the workers the
   flow sent most minutes through, if every rule still holds).
4. CP-SAT over the eligible pairs with every rule, hinted with that rota, for the time left. Its own
   bound is valid too (the model is exact, or a relaxation where a rule's cuts were capped), so the
   reported bound is the better of the two.
5. Above `PRUNE_ABOVE_PAIRS` pairs: a linear relaxation with the overlap cliques (GLOP, `_lp_bound`)
   for a bound of the whole week in `LP_SHARE` of the time, and, when the week splits by service
   (`pieces`), each service solved by CP-SAT over all its pairs (two pieces at a time, one CP-SAT
   worker each), a worker at two services in the piece the flow sent most of their minutes to; the
   pieces' rotas joined and improved on the whole week. Otherwise CP-SAT over the pruned pairs.

Travel (sessions with a location; times as in shifts.py): a worker cannot take two sessions when the
gap between the first's end and the second's start is shorter than the travel between them (the
construction and repair check it; CP-SAT has a clause for each pair of a worker's sessions close
enough in time to clash). "Least travel" costs `Weights.travel` a minute of travel between a
worker's consecutive located sessions on a working day, and from their home base to the first: in
the local improvement as a delta per move, and in CP-SAT *exactly* when its model holds every
eligible pair, by a circuit per worker and day over the sessions they may take that day (an arc from
session a to a later b is "b is the next of their located sessions after a", self-loops are the
sessions they do not take). Over the pruned pairs (a branch or a provider), the circuits made the
model too heavy to improve on its hint in the time (measured on the benchmark's domiciliary week:
110,150 to 110,133 with them, to 108,683 without), so there CP-SAT keeps the travel *rule* only and
the local improvement prices travel on its rota in the last `TRAVEL_REPAIR_SHARE` of the time. The
flow leaves travel out, so its bound stays a lower bound (and far from a week with much travel). A
problem with no locations builds none of this: its CP-SAT model is the same as without travel.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import math
import os
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from lived.rota.solver.shifts import (
    BREAK,
    DAILY_REST,
    EARTH_RADIUS_KM,
    LONGEST_WITHOUT_BREAK,
    MINUTE,
    WEEK_MINUTES_48,
    WEEKLY_REST,
    Change,
    Preferences,
    Problem,
    Rota,
    Rule,
    Session,
    Shortfall,
    Status,
    Unassigned,
    Worker,
)

# Minimal runs of back-to-back sessions that need a break, per worker, before the rule is checked
# after the solve instead (the rota is then repaired from the flow-guided one).
MAX_BREAK_CUTS_PER_WORKER = 20_000

# Above this many eligible pairs, CP-SAT searches each session's few cheapest pairs only (its model
# over all of them takes longer to build than the time limit allows); the bound is then the flow's.
PRUNE_ABOVE_PAIRS = 5_000
KEEP_CHEAPEST = 6
# A week that splits by service (see `pieces`) is solved piece by piece over all each piece's pairs,
# up to this many pairs a piece; the last share of the time joins the pieces and repairs the join.
PIECE_PRUNE_ABOVE_PAIRS = 12_000
PIECE_REPAIR_SHARE = 0.08
PIECE_LANES = 2
# Of the time limit, the most the LP bound may take (above the exact model's size).
LP_SHARE = 0.3
LP_WHOLE_RATIO = 0.2
# Of the time limit, what is kept after CP-SAT for the local improvement to cut travel when CP-SAT's
# objective leaves travel out (the pruned model).
TRAVEL_REPAIR_SHARE = 0.1

PHRASES = {
    Rule.UNAVAILABLE: "is not working then",
    Rule.LEAVE: "is on leave",
    Rule.SICK: "is off sick",
    Rule.TRAINING: "is on a training day",
    Rule.SKILL: "does not have the skill needed",
    Rule.SKILL_EXPIRED: "has training that has lapsed",
    Rule.NOT_TO_SEND: "is on the not-to-send list",
    Rule.OTHER_SERVICE: "works at another service",
    Rule.BUSY: "is at another session",
    Rule.TRAVEL: "could not travel in time between this and another of their visits",
    Rule.HOURS: "has reached their hours limit",
    Rule.DAILY_REST: "needs 11 hours' rest between working days",
    Rule.WEEKLY_REST: "needs 24 hours' rest in the week",
    Rule.BREAK: "needs a 20-minute break after 6 hours",
    Rule.ON_SESSION: "is already on this session",
    Rule.BALANCE: "is needed at another session",
}


def distance_km(here: tuple[float, float], there: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points, by the haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*here, *there))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def travel_minutes(problem: Problem, here, there) -> int:
    """Whole minutes (rounded up) to travel between two places; 0 when either is not known."""
    if here is None or there is None:
        return 0
    hours = distance_km(here, there) * problem.detour_factor / problem.travel_speed_kmh
    return math.ceil(round(hours * 60, 6))  # rounded first, so a recomputation elsewhere agrees


class Travel:
    """Travel minutes between the problem's places, remembered, and the longest any two sessions need."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.known: dict[tuple, int] = {}
        places = [s.location for s in problem.sessions if s.location is not None]
        lats = [lat for lat, _ in places]
        lons = [lon for _, lon in places]
        # Along one point's parallel, then its meridian, is no shorter than the great circle, and no
        # longer than this (the parallel nearest the equator is the longest), so this bounds the
        # travel between any two sessions' places.
        nearest = 0.0 if min(lats) <= 0 <= max(lats) else min(abs(min(lats)), abs(max(lats)))
        km = EARTH_RADIUS_KM * (
            math.radians(max(lats) - min(lats))
            + math.cos(math.radians(nearest)) * math.radians(max(lons) - min(lons))
        )
        self.longest = datetime.timedelta(
            minutes=math.ceil(km * problem.detour_factor / problem.travel_speed_kmh * 60) + 1
        )

    def minutes(self, here, there) -> int:
        if here is None or there is None:
            return 0
        key = (here, there)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.known[there, here] = travel_minutes(self.problem, here, there)
        return found

    def clash(self, first: Session, second: Session) -> bool:
        """Whether `second` (not starting before `first` ends) starts too soon after `first` to get there."""
        gap = second.start - first.end
        if gap >= self.longest or first.location is None or second.location is None:
            return False
        return gap < self.minutes(first.location, second.location) * MINUTE

    def of_day(self, home, located: list[Session]) -> int:
        """Minutes of travel through a day's located sessions (in time order), from home to the first."""
        if not located:
            return 0
        total = self.minutes(home, located[0].location)
        for a, b in zip(located, located[1:], strict=False):
            total += self.minutes(a.location, b.location)
        return total


# An absence's kind, as the rule the person and the manager read.
ABSENCE_RULES = {"sick": Rule.SICK, "training": Rule.TRAINING, "elsewhere": Rule.BUSY}


def weekly_cap(worker: Worker, horizon_minutes: int) -> int:
    """The most minutes the worker may work in the horizon: their maximum, and 48 hours unless opted out."""
    cap = worker.maximum_minutes if worker.maximum_minutes is not None else horizon_minutes
    if not worker.opted_out_of_48_hours:
        cap = min(cap, WEEK_MINUTES_48)
    return cap


def exclusion(
    session: Session, worker: Worker, prefs: Preferences | None, cap: int, spans: list | None
) -> Rule | None:
    """The per-pair rule that stops this worker being sent to this session, or None."""
    if session.service is not None and session.service not in worker.services:
        return Rule.OTHER_SERVICE
    if prefs is not None and worker.id in prefs.not_to_send:
        return Rule.NOT_TO_SEND
    for absence in worker.absences:
        if absence.start < session.end and session.start < absence.end:
            return ABSENCE_RULES.get(absence.kind, Rule.LEAVE)
    if spans is not None and not _within(session, spans):
        return Rule.UNAVAILABLE
    last_day = (session.end - MINUTE).date()
    for skill in session.skills:
        if skill not in worker.skills:
            return Rule.SKILL
        expires = worker.skills[skill]
        if expires is not None and expires < last_day:
            return Rule.SKILL_EXPIRED
    if session.minutes > cap:
        return Rule.HOURS
    return None


def _merged(windows) -> list[tuple[datetime.datetime, datetime.datetime]]:
    spans: list[tuple[datetime.datetime, datetime.datetime]] = []
    for window in sorted(windows, key=lambda w: w.start):
        if spans and window.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], window.end))
        else:
            spans.append((window.start, window.end))
    return spans


def _within(session: Session, spans) -> bool:
    i = bisect.bisect_right(spans, (session.start, datetime.datetime.max)) - 1
    return i >= 0 and spans[i][0] <= session.start and session.end <= spans[i][1]


class _Timeline:
    """One worker's sessions so far, and whether one more keeps the working-time rules."""

    def __init__(
        self,
        cap: int,
        horizon: tuple[datetime.datetime, datetime.datetime],
        travel: Travel | None = None,
        home: tuple[float, float] | None = None,
    ):
        self.cap = cap
        self.horizon = horizon
        self.travel = travel
        self.home = home
        self.items: list[Session] = []
        self.minutes = 0

    def add(self, session: Session) -> None:
        bisect.insort(self.items, session, key=lambda s: (s.start, s.end))
        self.minutes += session.minutes

    def remove(self, session: Session) -> None:
        self.items.remove(session)
        self.minutes -= session.minutes

    def conflict(self, session: Session) -> Rule | None:
        for other in self.items:
            if other.start < session.end and session.start < other.end:
                return Rule.BUSY
        if self.travel is not None and session.location is not None:
            for other in self.items:
                first, second = (other, session) if other.start < session.start else (session, other)
                if self.travel.clash(first, second):
                    return Rule.TRAVEL
        if self.minutes + session.minutes > self.cap:
            return Rule.HOURS
        for other in self.items:
            first, second = (other, session) if other.start < session.start else (session, other)
            if first.day < second.day and second.start - first.end < DAILY_REST:
                return Rule.DAILY_REST
        items = sorted([*self.items, session], key=lambda s: s.start)
        if _needs_break(items):
            return Rule.BREAK
        if not _has_weekly_rest(items, self.horizon):
            return Rule.WEEKLY_REST
        return None

    def travel_change(self, session: Session, adding: bool) -> int:
        """Minutes of travel that adding (or removing) this session adds to its working day."""
        if self.travel is None or session.location is None:
            return 0
        day = [s for s in self.items if s.day == session.day and s.location is not None and s is not session]
        before = self.travel.of_day(self.home, day)
        with_it = sorted([*day, session], key=lambda s: (s.start, s.end))
        after = self.travel.of_day(self.home, with_it)
        return after - before if adding else before - after


def _needs_break(items: list[Session]) -> bool:
    run_start, run_end, run_len = None, None, 0
    for s in items:
        if run_end is not None and s.start - run_end < BREAK:
            run_end, run_len = max(run_end, s.end), run_len + 1
        else:
            run_start, run_end, run_len = s.start, s.end, 1
        if run_len > 1 and run_end - run_start > LONGEST_WITHOUT_BREAK:
            return True
    return False


def _has_weekly_rest(items: list[Session], horizon) -> bool:
    cursor = horizon[0]
    for s in items:
        if s.start - cursor >= WEEKLY_REST:
            return True
        cursor = max(cursor, s.end)
    return horizon[1] - cursor >= WEEKLY_REST


@dataclass
class _Index:
    problem: Problem
    sessions: list[Session]
    workers: list[Worker]
    caps: list[int]
    eligible: list[list[int]]  # session index -> worker indices
    exclusions: list[Counter]  # session index -> Rule -> count
    excluded_by: list[dict[int, Rule]]  # session index -> worker index -> rule (only for ranked workers)
    rate: dict[tuple[int, int], int]  # per-minute cost of a pair
    published: dict[int, set[int]]  # session index -> previously published worker indices
    travel: Travel | None = None  # None: no session has a location
    timings: dict[str, float] = field(default_factory=dict)

    def timelines(self) -> list[_Timeline]:
        horizon = self.problem.horizon()
        return [
            _Timeline(cap, horizon, self.travel, w.home)
            for cap, w in zip(self.caps, self.workers, strict=True)
        ]


def _prefs(problem: Problem, session: Session) -> Preferences | None:
    return problem.preferences.get(session.person) if session.person is not None else None


def pair_rate(problem: Problem, session: Session, worker: Worker) -> int:
    """The per-minute preference cost of sending this worker to this session."""
    prefs = _prefs(problem, session)
    if prefs is None:
        return 0
    w = problem.weights
    rate = 0
    if prefs.ranked:
        rate += w.rank_cost(prefs.ranked.index(worker.id)) if worker.id in prefs.ranked else w.not_chosen
    if prefs.gender and worker.gender != prefs.gender:
        rate += w.gender
    if prefs.language and prefs.language not in worker.languages:
        rate += w.language
    if prefs.last_week and worker.id not in prefs.last_week:
        rate += w.not_last_week
    return rate


def _index(problem: Problem) -> _Index:
    sessions = sorted(problem.sessions, key=lambda s: (s.start, s.end, s.id))
    workers = list(problem.workers)
    horizon = problem.horizon()
    horizon_minutes = int((horizon[1] - horizon[0]) / MINUTE)
    caps = [weekly_cap(w, horizon_minutes) for w in workers]
    spans = [None if w.availability is None else _merged(w.availability) for w in workers]
    by_service: dict[str, list[int]] = defaultdict(list)
    for wi, worker in enumerate(workers):
        for service in worker.services:
            by_service[service].append(wi)
    worker_index = {w.id: wi for wi, w in enumerate(workers)}
    eligible, exclusions, excluded_by = [], [], []
    rate: dict[tuple[int, int], int] = {}
    for si, session in enumerate(sessions):
        prefs = _prefs(problem, session)
        counts: Counter = Counter()
        if session.service is None:
            candidates = range(len(workers))
        else:
            candidates = by_service.get(session.service, [])
            counts[Rule.OTHER_SERVICE] = len(workers) - len(candidates)
        ok, ranked_rules = [], {}
        ranked = set(prefs.ranked) if prefs else set()
        for wi in candidates:
            rule = exclusion(session, workers[wi], prefs, caps[wi], spans[wi])
            if rule is None:
                ok.append(wi)
                rate[si, wi] = pair_rate(problem, session, workers[wi])
            else:
                counts[rule] += 1
                if workers[wi].id in ranked:
                    ranked_rules[wi] = rule
        for worker_id in ranked:
            wi = worker_index.get(worker_id)
            if wi is not None and wi not in ranked_rules and wi not in ok:
                ranked_rules[wi] = Rule.OTHER_SERVICE
        eligible.append(ok)
        exclusions.append(counts)
        excluded_by.append(ranked_rules)
    published: dict[int, set[int]] = {}
    if problem.published is not None:
        position = {s.id: si for si, s in enumerate(sessions)}
        for session_id, worker_ids in problem.published.items():
            if session_id in position:
                published[position[session_id]] = {worker_index[w] for w in worker_ids if w in worker_index}
    travel = Travel(problem) if any(s.location is not None for s in sessions) else None
    return _Index(
        problem, sessions, workers, caps, eligible, exclusions, excluded_by, rate, published, travel
    )


def _flow_bound(ix: _Index) -> tuple[int, dict[tuple[int, int], int], float]:
    """The min-cost flow over minutes: (lower bound, minutes per pair, seconds)."""
    started = time.perf_counter()
    w = ix.problem.weights
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    session_node = 2
    worker_node = 2 + len(ix.sessions)
    tails, heads, caps, costs = [], [], [], []
    total = 0
    constant = 0
    pair_arcs: list[tuple[int, int]] = []
    for si, session in enumerate(ix.sessions):
        need = session.staff_needed * session.minutes
        total += need
        tails += [source, session_node + si]
        heads += [session_node + si, sink]
        caps += [need, need]
        costs += [0, w.unassigned]
        previous = ix.published.get(si, set())
        constant += w.change * len(previous)
        for wi in ix.eligible[si]:
            cost = ix.rate[si, wi]
            if wi in previous:
                cost -= math.ceil(w.change / session.minutes)  # rounded so the bound stays below
            tails.append(session_node + si)
            heads.append(worker_node + wi)
            caps.append(session.minutes)
            costs.append(cost)
            pair_arcs.append((si, wi))
    for wi, worker in enumerate(ix.workers):
        contracted = min(worker.contracted_minutes, ix.caps[wi])
        tails += [worker_node + wi, worker_node + wi]
        heads += [sink, sink]
        caps += [contracted, ix.caps[wi] - contracted]
        costs += [0, w.overtime]
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen: the unassigned arcs always carry the supply
        raise RuntimeError(f"min-cost flow: {status}")
    minutes = {}
    arc = 0
    for si in range(len(ix.sessions)):
        arc += 2
        for wi in ix.eligible[si]:
            f = flow.flow(arc)
            if f:
                minutes[si, wi] = f
            arc += 1
    return flow.optimal_cost() + constant, minutes, time.perf_counter() - started


def _overlap_cliques(sessions, idxs):
    """The maximal sets of these sessions that overlap in time (the maximal cliques of an interval
    graph), by a sweep over their starts and ends; only sets of two or more."""
    events = sorted([(sessions[si].start, 1, si) for si in idxs] + [(sessions[si].end, 0, si) for si in idxs])
    active: set[int] = set()
    grew = False
    for _, kind, si in events:
        if kind == 1:
            active.add(si)
            grew = True
        else:
            if grew and len(active) > 1:
                yield frozenset(active)
            grew = False
            active.discard(si)


def _lp_bound(ix: _Index, deadline: float) -> int | None:
    """A lower bound from the linear relaxation of the assignment with one session at a time (GLOP),
    or None if the LP did not finish by `deadline`.

    Variables x (session, worker) in [0, 1]; each session at most its staff; each worker at most one
    session in every maximal clique of overlapping sessions, within their hours cap, and their
    minutes above contract priced as overtime; a small team's members y >= x and the extra members
    priced. Every integer rota satisfies these rows, and its cost (less travel, which is never
    negative) is this objective at its x, so the LP optimum is a lower bound of the checker's cost.
    Rest, breaks and the travel rule are left out (a relaxation). The LP's floating-point optimum is
    rounded down with a margin of a millionth of it plus one."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    w = ix.problem.weights
    sessions = ix.sessions
    infinity = solver.infinity()
    objective = solver.Objective()
    x = {}
    constant = 0
    by_worker: dict[int, list[int]] = defaultdict(list)
    for si, session in enumerate(sessions):
        previous = ix.published.get(si, set())
        constant += session.staff_needed * session.minutes * w.unassigned + w.change * len(previous)
        row = solver.Constraint(0, session.staff_needed)
        for wi in ix.eligible[si]:
            var = x[si, wi] = solver.NumVar(0, 1, "")
            row.SetCoefficient(var, 1)
            by_worker[wi].append(si)
            objective.SetCoefficient(
                var, (ix.rate[si, wi] - w.unassigned) * session.minutes - (w.change if wi in previous else 0)
            )
    for wi, idxs in by_worker.items():
        for group in _overlap_cliques(sessions, idxs):
            clique = solver.Constraint(0, 1)
            for a in group:
                clique.SetCoefficient(x[a, wi], 1)
        hours = solver.Constraint(-infinity, ix.caps[wi])
        over = solver.NumVar(0, infinity, "")
        objective.SetCoefficient(over, w.overtime)
        above = solver.Constraint(-infinity, ix.workers[wi].contracted_minutes)  # worked - over <= contract
        above.SetCoefficient(over, -1)
        for si in idxs:
            hours.SetCoefficient(x[si, wi], sessions[si].minutes)
            above.SetCoefficient(x[si, wi], sessions[si].minutes)
    person_sessions: dict[str, list[int]] = defaultdict(list)
    for si, session in enumerate(sessions):
        if session.person is not None:
            person_sessions[session.person].append(si)
    for person, sis in person_sessions.items():
        prefs = ix.problem.preferences.get(person)
        if prefs is None or not prefs.small_team or not w.extra_team_member:
            continue
        team_workers = sorted({wi for si in sis for wi in ix.eligible[si]})
        if len(team_workers) <= w.small_team_size:
            continue
        extra = solver.NumVar(0, infinity, "")
        objective.SetCoefficient(extra, w.extra_team_member)
        size = solver.Constraint(-infinity, w.small_team_size)  # members - extra <= team size
        size.SetCoefficient(extra, -1)
        for wi in team_workers:
            y = solver.NumVar(0, 1, "")
            size.SetCoefficient(y, 1)
            # y >= x for each of the person's sessions, summed: n y >= the sessions' x (weaker, and
            # one row per person and worker instead of one per session, which kept the LP in time).
            theirs = [si for si in sis if (si, wi) in x]
            member = solver.Constraint(0, infinity)
            member.SetCoefficient(y, len(theirs))
            for si in theirs:
                member.SetCoefficient(x[si, wi], -1)
    objective.SetMinimization()
    left = deadline - time.perf_counter()
    if left <= 0:
        return None
    solver.SetTimeLimit(int(left * 1000))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = objective.Value() + constant
    return math.floor(value - 1e-6 * abs(value)) - 1


def _lp_bounds(ix: _Index, problem: Problem, deadline: float) -> int | None:
    """The best LP bound by `deadline`: first the sum of the services' LPs (each piece with every
    worker who may work there, a relaxation: see `pieces`), which is quick; then the whole week's
    LP, stronger, if the pieces took under `LP_WHOLE_RATIO` of the time left (on the large week the
    whole LP took 4 times as long as the pieces': 24 s against 6 s at load 15, ADR 0021)."""
    started = time.perf_counter()
    parts = pieces(problem)
    best = None
    if parts is not None:
        total = 0
        for part in parts:
            found = _lp_bound(_index(part), deadline)
            if found is None:
                total = None
                break
            total += found
        best = total
        spent = time.perf_counter() - started
        if spent > (deadline - started) * LP_WHOLE_RATIO:
            return best
    whole = _lp_bound(ix, deadline)
    if whole is None:
        return best
    return whole if best is None else max(best, whole)


def _construct(ix: _Index, guide: dict[tuple[int, int], int]) -> list[list[int]]:
    """A feasible rota in time order, each session to the flow's workers first, then the cheapest."""
    timelines = ix.timelines()
    w_travel = ix.problem.weights.travel
    chosen: list[list[int]] = []
    for si, session in enumerate(ix.sessions):
        previous = ix.published.get(si, set())
        order = sorted(
            ix.eligible[si],
            key=lambda wi: (
                wi not in previous,
                -guide.get((si, wi), 0),
                ix.rate[si, wi] * session.minutes + w_travel * timelines[wi].travel_change(session, True),
                wi,
            ),
        )
        picked: list[int] = []
        for wi in order:
            if len(picked) == session.staff_needed:
                break
            if timelines[wi].conflict(session) is None:
                timelines[wi].add(session)
                picked.append(wi)
        chosen.append(picked)
    return chosen


def objective_of(ix: _Index, chosen: list[list[int]]) -> int:
    w = ix.problem.weights
    total = 0
    minutes = [0] * len(ix.workers)
    team: dict[str, set[int]] = defaultdict(set)
    for si, session in enumerate(ix.sessions):
        picked = chosen[si]
        total += (session.staff_needed - len(picked)) * session.minutes * w.unassigned
        for wi in picked:
            total += ix.rate[si, wi] * session.minutes
            minutes[wi] += session.minutes
            if session.person is not None:
                team[session.person].add(wi)
        total += w.change * len(ix.published.get(si, set()) - set(picked))
    for wi, worker in enumerate(ix.workers):
        total += w.overtime * max(0, minutes[wi] - worker.contracted_minutes)
    for person, members in team.items():
        prefs = ix.problem.preferences.get(person)
        if prefs is not None and prefs.small_team:
            total += w.extra_team_member * max(0, len(members) - w.small_team_size)
    return total + w.travel * _travel_of(ix, chosen)


def _travel_of(ix: _Index, chosen: list[list[int]]) -> int:
    """Minutes of travel in the rota: each worker's day through their located sessions, from home."""
    if ix.travel is None:
        return 0
    days: dict[tuple[int, datetime.date], list[Session]] = defaultdict(list)
    for si, picked in enumerate(chosen):  # sessions are in time order
        session = ix.sessions[si]
        if session.location is not None:
            for wi in picked:
                days[wi, session.day].append(session)
    return sum(ix.travel.of_day(ix.workers[wi].home, located) for (wi, _), located in days.items())


def _break_chains(sessions: list[Session], idxs: list[int]) -> list[list[int]] | None:
    """Minimal runs of back-to-back sessions (gaps under 20 minutes) longer than 6 hours."""
    order = sorted(idxs, key=lambda si: sessions[si].start)
    starts = [sessions[si].start for si in order]
    successors = {}
    for si in order:
        end = sessions[si].end
        lo = bisect.bisect_left(starts, end)
        hi = bisect.bisect_left(starts, end + BREAK)
        successors[si] = order[lo:hi]
    chains: list[list[int]] = []

    def extend(path: list[int]) -> bool:
        first = sessions[path[0]]
        for nxt in successors[path[-1]]:
            if sessions[nxt].end - first.start > LONGEST_WITHOUT_BREAK:
                if len(path) == 1 or sessions[nxt].end - sessions[path[1]].start <= LONGEST_WITHOUT_BREAK:
                    chains.append([*path, nxt])
                    if len(chains) > MAX_BREAK_CUTS_PER_WORKER:
                        return False
            elif not extend([*path, nxt]):
                return False
        return True

    for si in order:
        if successors[si] and not extend([si]):
            return None
    return chains


def _travel_model(ix: _Index, model, x, wi: int, idxs: list[int], hinted, obj_vars, obj_coefs, price) -> None:
    """Travel for one worker: a clause against each pair of located sessions too close in time to get
    from one to the other, and (with a travel weight) a circuit per working day that prices the legs."""
    sessions, travel, w = ix.sessions, ix.travel, ix.problem.weights
    located = [si for si in idxs if sessions[si].location is not None]  # idxs are in time order
    starts = [sessions[si].start for si in located]
    for a in located:
        end = sessions[a].end
        for b in located[bisect.bisect_left(starts, end) : bisect.bisect_left(starts, end + travel.longest)]:
            if travel.clash(sessions[a], sessions[b]):
                model.add_bool_or([x[a, wi].Not(), x[b, wi].Not()])
    if not (w.travel and price):
        return
    home = ix.workers[wi].home
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for si in located:
        by_day[sessions[si].day].append(si)
    for day, today in by_day.items():
        if len(today) == 1:  # no circuit needed: only the way from home
            cost = travel.minutes(home, sessions[today[0]].location)
            if cost:
                obj_vars.append(x[today[0], wi])
                obj_coefs.append(w.travel * cost)
            continue
        # Node 0 is home; node k is today[k - 1]. Arcs go forward in time only, so a circuit visits
        # the sessions taken in time order and each arc's cost is one leg of the day.
        taken = [(si, wi) in hinted for si in today]
        route = [k + 1 for k, on in enumerate(taken) if on]
        used = set(zip([0, *route], [*route, 0], strict=True))
        stay = model.new_bool_var(f"home{wi}_{day}")
        model.add_hint(stay, not route)
        arcs = [(0, 0, stay)]
        for k, si in enumerate(today, start=1):
            arcs.append((k, k, x[si, wi].Not()))
            start = model.new_bool_var(f"leg{wi}_{day}_0_{k}")
            arcs.append((0, k, start))
            model.add_hint(start, (0, k) in used)
            cost = travel.minutes(home, sessions[si].location)
            if cost:
                obj_vars.append(start)
                obj_coefs.append(w.travel * cost)
            back = model.new_bool_var(f"leg{wi}_{day}_{k}_0")
            arcs.append((k, 0, back))
            model.add_hint(back, (k, 0) in used)
            for j in range(k + 1, len(today) + 1):
                sj = today[j - 1]
                first, second = sessions[si], sessions[sj]
                if second.start < first.end or travel.clash(first, second):
                    continue
                leg = model.new_bool_var(f"leg{wi}_{day}_{k}_{j}")
                arcs.append((k, j, leg))
                model.add_hint(leg, (k, j) in used)
                cost = travel.minutes(first.location, second.location)
                if cost:
                    obj_vars.append(leg)
                    obj_coefs.append(w.travel * cost)
        model.add_circuit(arcs)


def _cpsat(ix: _Index, hint: list[list[int]], deadline: float, seed: int, threads: int, price_travel=True):
    model_started = time.perf_counter()
    w = ix.problem.weights
    sessions = ix.sessions
    horizon = ix.problem.horizon()
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_worker: dict[int, list[int]] = defaultdict(list)
    hinted = {(si, wi) for si, picked in enumerate(hint) for wi in picked}
    obj_vars, obj_coefs = [], []
    constant = 0
    for si, session in enumerate(sessions):
        previous = ix.published.get(si, set())
        constant += session.staff_needed * session.minutes * w.unassigned + w.change * len(previous)
        row = []
        for wi in ix.eligible[si]:
            var = model.new_bool_var(f"x{si}_{wi}")
            x[si, wi] = var
            by_worker[wi].append(si)
            row.append(var)
            coef = (ix.rate[si, wi] - w.unassigned) * session.minutes - (w.change if wi in previous else 0)
            if coef:
                obj_vars.append(var)
                obj_coefs.append(coef)
            model.add_hint(var, (si, wi) in hinted)
        if len(row) > session.staff_needed:
            model.add(cp_model.LinearExpr.sum(row) <= session.staff_needed)
    relaxed = False
    hint_minutes = Counter()
    for si, picked in enumerate(hint):
        for wi in picked:
            hint_minutes[wi] += sessions[si].minutes
    for wi, idxs in by_worker.items():
        worker = ix.workers[wi]
        idxs.sort(key=lambda si: (sessions[si].start, sessions[si].end))
        # One session at a time: the maximal cliques of the interval graph, by a sweep.
        for group in _overlap_cliques(sessions, idxs):
            model.add_at_most_one(x[a, wi] for a in group)
        if ix.travel is not None:
            _travel_model(ix, model, x, wi, idxs, hinted, obj_vars, obj_coefs, price_travel)
        # Hours: the cap, and the minutes above the contract (fair hours).
        worked = cp_model.LinearExpr.weighted_sum(
            [x[si, wi] for si in idxs], [sessions[si].minutes for si in idxs]
        )
        possible = sum(sessions[si].minutes for si in idxs)
        if possible > ix.caps[wi]:
            model.add(worked <= ix.caps[wi])
        if possible > worker.contracted_minutes:
            over = model.new_int_var(0, possible, f"over{wi}")
            model.add(over >= worked - worker.contracted_minutes)
            obj_vars.append(over)
            obj_coefs.append(w.overtime)
            model.add_hint(over, max(0, hint_minutes[wi] - worker.contracted_minutes))
        # 11 hours between working days: a session and any later day's session starting too soon.
        # The later sessions that clash with one of day D form a prefix (by start) of all later ones,
        # so a chain of "some of the first k is worked" literals keeps this linear in size.
        by_day: dict[datetime.date, list[int]] = defaultdict(list)
        for si in idxs:
            by_day[sessions[si].day].append(si)
        for day, today in by_day.items():
            later = [si for si in idxs if sessions[si].day > day]
            if not later:
                continue
            later_starts = [sessions[si].start for si in later]
            reach = {a: bisect.bisect_left(later_starts, sessions[a].end + DAILY_REST) for a in today}
            longest = max(reach.values())
            if not longest:
                continue
            prefix = []
            for k in range(longest):
                lit = x[later[k], wi]
                if k == 0:
                    prefix.append(lit)
                    continue
                y = model.new_bool_var(f"rest{wi}_{day}_{k}")
                model.add_implication(prefix[-1], y)
                model.add_implication(lit, y)
                model.add_hint(y, any((later[j], wi) in hinted for j in range(k + 1)))
                prefix.append(y)
            for a, k in reach.items():
                if k:
                    model.add_bool_or([x[a, wi].Not(), prefix[k - 1].Not()])
        # A 20-minute break in a run over 6 hours: forbid every minimal run that would need one.
        chains = _break_chains(sessions, idxs)
        if chains is None:
            relaxed = True
        else:
            for chain in chains:
                model.add_bool_or([x[si, wi].Not() for si in chain])
        # 24 hours' rest in the week: some 24-hour window (from the week's start or a session's end)
        # holds none of the worker's sessions.
        # (Nothing to add when the worker's possible sessions leave such a window anyway.)
        free_window = _has_weekly_rest([sessions[si] for si in idxs], horizon)
        overlapping = []
        if not free_window:
            starts = sorted({horizon[0], horizon[1] - WEEKLY_REST} | {sessions[si].end for si in idxs})
            windows = [t for t in starts if horizon[0] <= t and t + WEEKLY_REST <= horizon[1]]
            for t in windows:
                overlapping.append(
                    [si for si in idxs if sessions[si].start < t + WEEKLY_REST and t < sessions[si].end]
                )
        if not free_window:
            choices = []
            for k, inside in enumerate(overlapping):
                r = model.new_bool_var(f"weekrest{wi}_{k}")
                model.add_bool_and([x[si, wi].Not() for si in inside]).only_enforce_if(r)
                model.add_hint(r, not any((si, wi) in hinted for si in inside))
                choices.append(r)
            model.add_bool_or(choices)
    # A small team: each different worker beyond the team size costs.
    person_sessions: dict[str, list[int]] = defaultdict(list)
    for si, session in enumerate(sessions):
        if session.person is not None:
            person_sessions[session.person].append(si)
    for person, sis in person_sessions.items():
        prefs = ix.problem.preferences.get(person)
        if prefs is None or not prefs.small_team:
            continue
        team_workers = sorted({wi for si in sis for wi in ix.eligible[si]})
        if len(team_workers) <= w.small_team_size:
            continue
        members = []
        hint_members = {wi for si in sis for wi in hint[si]}
        for wi in team_workers:
            y = model.new_bool_var(f"team{person}_{wi}")
            for si in sis:
                if (si, wi) in x:
                    model.add_implication(x[si, wi], y)
            model.add_hint(y, wi in hint_members)
            members.append(y)
        extra = model.new_int_var(0, len(members), f"extra{person}")
        model.add(extra >= cp_model.LinearExpr.sum(members) - w.small_team_size)
        model.add_hint(extra, max(0, len(hint_members) - w.small_team_size))
        obj_vars.append(extra)
        obj_coefs.append(w.extra_team_member)
    model.minimize(cp_model.LinearExpr.weighted_sum(obj_vars, obj_coefs) + constant)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    solver.parameters.num_workers = threads
    solver.parameters.random_seed = seed
    built = time.perf_counter()
    status = solver.solve(model)
    ix.timings["model"] = built - model_started
    ix.timings["cpsat"] = time.perf_counter() - built
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, False, relaxed
    chosen = [[] for _ in sessions]
    for (si, wi), var in x.items():
        if solver.boolean_value(var):
            chosen[si].append(wi)
    return chosen, math.ceil(solver.best_objective_bound - 1e-6), status == cp_model.OPTIMAL, relaxed


def _pruned(ix: _Index, chosen: list[list[int]], guide: dict[tuple[int, int], int]) -> _Index:
    """The same problem over each session's cheapest pairs, the flow's and the rota's own."""
    eligible = []
    for si, workers in enumerate(ix.eligible):
        keep = set(chosen[si]) | ix.published.get(si, set()) | {wi for wi in workers if (si, wi) in guide}
        keep.update(sorted(workers, key=lambda wi: (ix.rate[si, wi], wi))[:KEEP_CHEAPEST])
        eligible.append([wi for wi in workers if wi in keep])
    return dataclasses.replace(ix, eligible=eligible, timings={})


def _holds(ix: _Index, chosen: list[list[int]]) -> bool:
    """The solver's own re-check, for a rota from a model whose break cuts were capped."""
    timelines = ix.timelines()
    for si, picked in enumerate(chosen):
        for wi in picked:
            if timelines[wi].conflict(ix.sessions[si]) is not None:
                return False
            timelines[wi].add(ix.sessions[si])
    return True


def _fill(ix: _Index, chosen: list[list[int]]) -> list[_Timeline]:
    """Give uncovered places any eligible worker who can still take them; return the timelines."""
    timelines = ix.timelines()
    for si, picked in enumerate(chosen):
        for wi in picked:
            timelines[wi].add(ix.sessions[si])
    position = {s.id: si for si, s in enumerate(ix.sessions)}
    for si, session in enumerate(ix.sessions):
        if len(chosen[si]) >= session.staff_needed:
            continue
        for wi in sorted(ix.eligible[si], key=lambda wi: ix.rate[si, wi]):
            if len(chosen[si]) == session.staff_needed:
                break
            if wi not in chosen[si] and timelines[wi].conflict(session) is None:
                timelines[wi].add(session)
                chosen[si].append(wi)
        # Still short: move one of a candidate's sessions to someone else to free them (one swap).
        for wi in sorted(ix.eligible[si], key=lambda wi: ix.rate[si, wi]):
            if len(chosen[si]) == session.staff_needed:
                break
            if wi in chosen[si]:
                continue
            line = timelines[wi]
            rule = line.conflict(session)
            blocking = [
                o
                for o in line.items
                if rule != Rule.BUSY or (o.start < session.end and session.start < o.end)
            ]
            for other in blocking:
                oi = position[other.id]
                line.remove(other)
                if line.conflict(session) is None:
                    taker = next(
                        (
                            wj
                            for wj in ix.eligible[oi]
                            if wj != wi and wj not in chosen[oi] and timelines[wj].conflict(other) is None
                        ),
                        None,
                    )
                    if taker is not None:
                        timelines[taker].add(other)
                        chosen[oi][chosen[oi].index(wi)] = taker
                        line.add(session)
                        chosen[si].append(wi)
                        break
                line.add(other)
    return timelines


def _improve(ix: _Index, chosen: list[list[int]], timelines: list[_Timeline], deadline: float) -> None:
    """Hand each place to a cheaper worker who can take it, while that lowers the cost (1-opt)."""
    w = ix.problem.weights
    team: dict[str, Counter] = defaultdict(Counter)
    for si, picked in enumerate(chosen):
        person = ix.sessions[si].person
        if person is not None:
            for wi in picked:
                team[person][wi] += 1

    def overtime(wi: int, minutes: int) -> int:
        return w.overtime * max(0, minutes - ix.workers[wi].contracted_minutes)

    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for si, session in enumerate(ix.sessions):
            prefs = _prefs(ix.problem, session)
            small = prefs is not None and prefs.small_team
            members = team[session.person] if session.person is not None else Counter()
            previous = ix.published.get(si, set())
            for slot, wi in enumerate(chosen[si]):
                d = session.minutes
                # Taking a published worker off costs a change; putting one back saves it.
                base = ix.rate[si, wi] * d - (w.change if wi in previous else 0)
                out_gain = overtime(wi, timelines[wi].minutes) - overtime(wi, timelines[wi].minutes - d)
                travels = w.travel and ix.travel is not None and session.location is not None
                if travels:  # least travel: what taking this worker off the session saves
                    out_gain += w.travel * timelines[wi].travel_change(session, adding=False)
                best, best_wj = 0, None
                for wj in ix.eligible[si]:
                    if wj in chosen[si]:
                        continue
                    delta = ix.rate[si, wj] * d - (w.change if wj in previous else 0) - base - out_gain
                    delta += overtime(wj, timelines[wj].minutes + d) - overtime(wj, timelines[wj].minutes)
                    if small:
                        size = len(members)
                        after = size - (members[wi] == 1) + (members[wj] == 0)
                        delta += w.extra_team_member * (
                            max(0, after - w.small_team_size) - max(0, size - w.small_team_size)
                        )
                    if travels and delta < best:  # adding a place never shortens a day's travel
                        delta += w.travel * timelines[wj].travel_change(session, adding=True)
                    if delta < best and timelines[wj].conflict(session) is None:
                        best, best_wj = delta, wj
                if best_wj is not None:
                    timelines[wi].remove(session)
                    timelines[best_wj].add(session)
                    chosen[si][slot] = best_wj
                    if session.person is not None:
                        members[wi] -= 1
                        if not members[wi]:
                            del members[wi]
                        members[best_wj] += 1
                    improved = True


def _why_not(ix: _Index, timelines, si: int, wi: int, chosen: list[int]) -> Rule:
    if wi in ix.excluded_by[si]:
        return ix.excluded_by[si][wi]
    if wi in chosen:
        return Rule.ON_SESSION
    if wi not in ix.eligible[si]:
        return Rule.OTHER_SERVICE
    return timelines[wi].conflict(ix.sessions[si]) or Rule.BALANCE


def _name(worker: Worker) -> str:
    return worker.name or worker.id


def _explain(ix: _Index, chosen: list[list[int]], timelines) -> tuple[list[Unassigned], list[Shortfall]]:
    unassigned, shortfalls = [], []
    worker_index = {w.id: wi for wi, w in enumerate(ix.workers)}
    for si, session in enumerate(ix.sessions):
        picked = chosen[si]
        if len(picked) < session.staff_needed:
            reasons = Counter(ix.exclusions[si])
            for wi in ix.eligible[si]:
                if wi in picked:
                    reasons[Rule.ON_SESSION] += 1
                else:
                    reasons[timelines[wi].conflict(session) or Rule.BALANCE] += 1
            missing = session.staff_needed - len(picked)
            parts = ", ".join(f"{n} {rule.value}" for rule, n in reasons.most_common() if n)
            what = "No worker could be sent" if not picked else f"{missing} more worker(s) needed"
            reason = f"{what}: {parts}." if parts else f"{what}: there are no workers on the rota."
            unassigned.append(
                Unassigned(session.id, missing, {r.value: n for r, n in reasons.items()}, reason)
            )
        prefs = _prefs(ix.problem, session)
        if prefs is None:
            continue
        for wi in picked:
            worker = ix.workers[wi]
            if prefs.ranked and worker.id not in prefs.ranked:
                why = []
                for ranked_id in prefs.ranked:
                    ri = worker_index.get(ranked_id)
                    if ri is None:
                        continue
                    rule = _why_not(ix, timelines, si, ri, picked)
                    if rule != Rule.ON_SESSION:
                        why.append(f"{_name(ix.workers[ri])} {PHRASES[rule]}")
                if why:
                    reason = f"{'; '.join(why)}, so {_name(worker)} is coming."
                else:
                    reason = f"The chosen workers are on this session, so {_name(worker)} is coming too."
                shortfalls.append(
                    Shortfall(session.person, session.id, "preferred worker", reason, worker.id)
                )
            for kind, wanted, has in (
                ("gender", prefs.gender, lambda w, g: w.gender == g),
                ("language", prefs.language, lambda w, lang: lang in w.languages),
            ):
                if not wanted or has(worker, wanted):
                    continue
                matching = [wj for wj in ix.eligible[si] if has(ix.workers[wj], wanted)]
                free = [wj for wj in matching if wj not in picked and timelines[wj].conflict(session) is None]
                if not matching:
                    reason = f"No worker who matches ({wanted}) can be sent to this session."
                elif not free:
                    reason = f"Every worker who matches ({wanted}) is at another session or at their limits."
                else:
                    reason = "A worker who matches was free, but sending them would miss another choice."
                shortfalls.append(Shortfall(session.person, session.id, kind, reason, worker.id))
    per_person: dict[str, list[int]] = defaultdict(list)
    for si, session in enumerate(ix.sessions):
        if session.person is not None:
            per_person[session.person].append(si)
    for person, sis in per_person.items():
        prefs = ix.problem.preferences.get(person)
        if prefs is None:
            continue
        team = {wi for si in sis for wi in chosen[si]}
        if prefs.small_team and len(team) > ix.problem.weights.small_team_size:
            reason = (
                f"{len(team)} different workers this week: a team of "
                f"{ix.problem.weights.small_team_size} could not cover every session."
            )
            shortfalls.append(Shortfall(person, None, "small team", reason))
        if prefs.last_week and not any(ix.workers[wi].id in prefs.last_week for wi in team):
            why = []
            for worker_id in sorted(prefs.last_week):
                ri = worker_index.get(worker_id)
                if ri is not None:
                    rules = Counter(_why_not(ix, timelines, si, ri, chosen[si]) for si in sis)
                    why.append(f"{_name(ix.workers[ri])} {PHRASES[rules.most_common(1)[0][0]]}")
            reason = "; ".join(why) + "." if why else "Last week's worker is not on the rota."
            shortfalls.append(Shortfall(person, None, "last week's worker", reason))
    return unassigned, shortfalls


def pieces(problem: Problem, home: dict[str, str] | None = None) -> list[Problem] | None:
    """The week split by service, each piece with every worker of that service (a worker at two
    services is in both, with all their hours in each), or None when it does not split.

    Each piece is a relaxation of its part of the week: a rota for the whole week, cut to a piece's
    sessions, keeps every rule in that piece (a subset of a worker's sessions keeps their hours,
    rest, breaks and overlaps), and its cost splits into the pieces' costs except overtime, which
    cut this way never adds up to more than the worker's own (max(0, a - c) + max(0, b - c) is at
    most max(0, a + b - c)), and travel, which the pieces leave out when a worker with located
    sessions is shared (a day's route cut in two can cost more than the whole). So the sum of the
    pieces' lower bounds is a lower bound of the week (ADR 0021).

    With `home` (worker id -> service), a worker at two services is in the piece of their home
    service only: the pieces are then no relaxation, but their rotas join without a clash."""
    if any(s.service is None for s in problem.sessions):
        return None
    by_service: dict[str, list[Session]] = defaultdict(list)
    for session in problem.sessions:
        by_service[session.service].append(session)
    if len(by_service) < 2:
        return None
    horizon = problem.horizon()
    weights = problem.weights
    shared = [w for w in problem.workers if len(w.services & by_service.keys()) > 1]
    if weights.travel and any(s.location is not None for s in problem.sessions) and shared:
        weights = dataclasses.replace(weights, travel=0)
    return [
        dataclasses.replace(
            problem,
            sessions=tuple(sessions),
            workers=tuple(
                w
                for w in problem.workers
                if service in w.services and (home is None or home.get(w.id, service) == service)
            ),
            weights=weights,
            horizon_start=horizon[0],
            horizon_end=horizon[1],
        )
        for service, sessions in sorted(by_service.items())
    ]


def _solve_pieces(ix: _Index, parts: list[Problem], deadline: float, seed: int, threads: int):
    """Each piece solved exactly (CP-SAT over all its pairs) in a share of the time by its size;
    returns (the pieces' rotas joined, the sum of their bounds, whether every piece was proven, the
    sum of their costs).

    The pieces run in `lanes` threads at once (CP-SAT releases the interpreter while it searches),
    each piece's CP-SAT on one worker: on this 2-core machine one CP-SAT worker per piece improved
    a piece's rota far more than two (ADR 0021)."""
    sizes = [max(1, len(_index(part).rate)) for part in parts]
    lanes = max(1, min(len(parts), threads, os.cpu_count() or 1, PIECE_LANES))
    queues: list[list[tuple[Problem, int]]] = [[] for _ in range(lanes)]
    loads = [0] * lanes
    for part, size in sorted(zip(parts, sizes, strict=True), key=lambda p: -p[1]):
        lane = loads.index(min(loads))  # the largest piece first, to the lane with least so far
        queues[lane].append((part, size))
        loads[lane] += size

    def run(queue: list[tuple[Problem, int]]) -> list[Rota]:
        rotas = []
        left = sum(size for _, size in queue)
        for part, size in queue:
            share = max(0.05, (deadline - time.perf_counter()) * size / left)
            left -= size
            rotas.append(
                solve(part, time_limit=share, seed=seed, threads=1, prune_above=PIECE_PRUNE_ABOVE_PAIRS)
            )
        return rotas

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        rotas = [rota for done in pool.map(run, queues) for rota in done]
    position = {s.id: si for si, s in enumerate(ix.sessions)}
    worker_index = {w.id: wi for wi, w in enumerate(ix.workers)}
    chosen: list[list[int]] = [[] for _ in ix.sessions]
    for rota in rotas:
        for session_id, worker_ids in rota.assignments.items():
            chosen[position[session_id]] = [worker_index[w] for w in worker_ids]
    cost = sum(r.objective for r in rotas)
    return chosen, sum(r.bound for r in rotas), all(r.proven_optimal for r in rotas), cost


def _joined(ix: _Index, chosen: list[list[int]]) -> list[list[int]]:
    """The pieces' rotas as one: in time order, a place a shared worker cannot also take is left open."""
    timelines = ix.timelines()
    joined: list[list[int]] = []
    for si, picked in enumerate(chosen):
        kept = []
        for wi in picked:
            if timelines[wi].conflict(ix.sessions[si]) is None:
                timelines[wi].add(ix.sessions[si])
                kept.append(wi)
        joined.append(kept)
    return joined


def solve(
    problem: Problem,
    time_limit: float = 10.0,
    seed: int = 0,
    threads: int = 8,
    prune_above: int = PRUNE_ABOVE_PAIRS,
) -> Rota:
    """The best rota found within `time_limit` seconds, with its bound, uncovered sessions and shortfalls."""
    started = time.perf_counter()
    if not problem.sessions:
        return Rota({}, [], [], 0, 0, Status.OPTIMAL, 0.0, proven_optimal=True)
    ix = _index(problem)
    flow_bound, guide, flow_seconds = _flow_bound(ix)
    chosen = _construct(ix, guide)
    _improve(ix, chosen, _fill(ix, chosen), started + time_limit / 3)
    best = objective_of(ix, chosen)
    constructed = best
    bound = flow_bound
    deadline = started + time_limit
    cp_bound, proven, relaxed = None, False, False
    exact = len(ix.rate) <= prune_above
    lp_bound = None
    if not exact and best > bound:
        # Above the exact model's size, CP-SAT's bound is only of the pruned model: the LP's is of
        # the whole week (ADR 0021).
        lp_bound = _lp_bounds(ix, problem, started + time_limit * LP_SHARE)
        if lp_bound is not None:
            bound = max(bound, lp_bound)
    # The pieces leave travel's cost out (see `pieces`), so a week that prices travel keeps the
    # pruned model, whose rota the local improvement prices travel on (measured, ADR 0021).
    travels = ix.travel is not None and problem.weights.travel
    parts = None if exact or travels else pieces(problem)
    if parts is not None and best > bound:
        # Decomposed (ADR 0021): each shared worker in the piece of the service the flow sent most
        # of their minutes to, so the pieces' rotas join without a clash; each piece solved by
        # CP-SAT over all its pairs; the join then improved on the whole week.
        minutes_at: dict[int, Counter] = defaultdict(Counter)
        for (si, wi), flowed in guide.items():
            minutes_at[wi][ix.sessions[si].service] += flowed
        home = {}
        for wi, worker in enumerate(ix.workers):
            served = sorted(worker.services & {s.service for s in ix.sessions})
            if len(served) > 1:
                home[worker.id] = max(served, key=lambda s: (minutes_at[wi][s], -served.index(s)))
        own = pieces(problem, home)
        reserve = time_limit * PIECE_REPAIR_SHARE
        found, _, _, _ = _solve_pieces(ix, own, deadline - reserve, seed, threads)
        found = _joined(ix, found)
        ix.timings["joined_cost"] = objective_of(ix, found)
        _improve(ix, found, _fill(ix, found), deadline)
        found_cost = objective_of(ix, found)
        if found_cost <= best:
            chosen, best = found, found_cost
        proven = best <= bound
        cp_bound = None
    elif best > bound and time.perf_counter() < deadline:
        search = ix if exact else _pruned(ix, chosen, guide)
        # Travel's circuits made the pruned model too heavy to improve on its hint (ADR 0021), so
        # there CP-SAT keeps the travel rule but not its cost; the local improvement prices it after.
        price_travel = exact or ix.travel is None or not problem.weights.travel
        cp_deadline = deadline if price_travel else deadline - time_limit * TRAVEL_REPAIR_SHARE
        found, cp_bound, proven, relaxed = _cpsat(search, chosen, cp_deadline, seed, threads, price_travel)
        ix.timings.update(search.timings)
        if not exact:  # a bound over some of the pairs only bounds that smaller problem
            cp_bound, proven = None, False
        if found is not None and (not relaxed or _holds(ix, found)):
            if not price_travel:
                _improve(ix, found, _fill(ix, found), deadline)
            found_cost = objective_of(ix, found)
            if found_cost <= best:
                chosen, best = found, found_cost
        if cp_bound is not None:
            bound = max(bound, cp_bound)
    bound = min(bound, best)
    proven = proven or best == bound
    timelines = _fill(ix, chosen)
    best = objective_of(ix, chosen)
    unassigned, shortfalls = _explain(ix, chosen, timelines)
    assignments = {
        ix.sessions[si].id: tuple(ix.workers[wi].id for wi in sorted(picked))
        for si, picked in enumerate(chosen)
    }
    changes = []
    if problem.published is not None:
        by_id = {s.id: s for s in problem.sessions}
        for session_id, before in problem.published.items():
            if session_id not in by_id:
                continue
            after = assignments.get(session_id, ())
            removed = tuple(sorted(set(before) - set(after)))
            added = tuple(sorted(set(after) - set(before)))
            if removed or added:
                changes.append(Change(session_id, by_id[session_id].person, removed, added))
    if unassigned:
        status = Status.INFEASIBLE
    else:
        status = Status.OPTIMAL if proven else Status.FEASIBLE
    return Rota(
        assignments=assignments,
        unassigned=unassigned,
        shortfalls=shortfalls,
        objective=best,
        bound=bound,
        status=status,
        solve_seconds=time.perf_counter() - started,
        changes=changes,
        affected_people=tuple(sorted({c.person for c in changes if c.person is not None})),
        affected_workers=tuple(sorted({w for c in changes for w in (*c.removed, *c.added)})),
        proven_optimal=proven,
        stats={
            "flow_bound": flow_bound,
            "flow_seconds": flow_seconds,
            "cpsat_bound": cp_bound if cp_bound is not None else float("nan"),
            "lp_bound": lp_bound if lp_bound is not None else float("nan"),
            "constructed": constructed,
            "pairs": len(ix.rate),
            "break_cuts_capped": float(relaxed),
            **ix.timings,
        },
    )
