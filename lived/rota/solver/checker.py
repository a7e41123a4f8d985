"""An independent check of a rota against every hard rule, and its cost, from the rules as written.

Written from docs/adr/0021-rota-solvers.md without calling the solver's code, so that the benchmark
and the app can trust a rota only because it passed here. `check` returns every violation it finds
(an empty list means the rota holds every hard rule); `cost` recomputes the weighted preferences.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass

from lived.rota.solver.shifts import Problem, Session, Worker

HOUR = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Violation:
    rule: str
    detail: str


def _minutes(session: Session) -> int:
    return int((session.end - session.start).total_seconds() // 60)


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _travel(problem: Problem, a, b) -> int:
    """Minutes from place a to place b: haversine on a 6,371 km sphere, times the detour factor, at
    the problem's speed, rounded up (after rounding to a millionth of a minute); 0 if either is unknown."""
    if a is None or b is None:
        return 0
    phi1, phi2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    h = min(1.0, h)
    km = 2 * 6371.0 * math.atan2(math.sqrt(h), math.sqrt(1 - h))
    return math.ceil(round(km * problem.detour_factor * 60 / problem.travel_speed_kmh, 6))


def _available(worker: Worker, session: Session) -> bool:
    if worker.availability is None:
        return True
    # Windows that touch or overlap join into one stretch of availability.
    stretches: list[list[datetime.datetime]] = []
    for window in sorted(worker.availability, key=lambda w: w.start):
        if stretches and window.start <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], window.end)
        else:
            stretches.append([window.start, window.end])
    return any(start <= session.start and session.end <= end for start, end in stretches)


def _limit(worker: Worker) -> int | None:
    limits = []
    if worker.maximum_minutes is not None:
        limits.append(worker.maximum_minutes)
    if not worker.opted_out_of_48_hours:
        limits.append(48 * 60)
    return min(limits) if limits else None


def check(problem: Problem, assignments: dict[str, tuple[str, ...]]) -> list[Violation]:
    """Every hard rule the rota breaks (none: the list is empty)."""
    return Checker(problem).check(assignments)


class Checker:
    """`check` for many rotas of one problem (the greedy baseline asks once per candidate)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.sessions = {s.id: s for s in problem.sessions}
        self.workers = {w.id: w for w in problem.workers}

    def check(self, assignments: dict[str, tuple[str, ...]]) -> list[Violation]:
        return _check(self.problem, self.sessions, self.workers, assignments)


def _check(problem, sessions, workers, assignments) -> list[Violation]:
    found: list[Violation] = []
    work: dict[str, list[Session]] = defaultdict(list)

    for session_id, worker_ids in assignments.items():
        session = sessions.get(session_id)
        if session is None:
            found.append(Violation("unknown session", session_id))
            continue
        if len(set(worker_ids)) != len(worker_ids):
            found.append(Violation("double-up by the same worker", session_id))
        if len(worker_ids) > session.staff_needed:
            found.append(Violation("more workers than needed", session_id))
        prefs = problem.preferences.get(session.person) if session.person else None
        for worker_id in set(worker_ids):
            worker = workers.get(worker_id)
            where = f"{worker_id} on {session_id}"
            if worker is None:
                found.append(Violation("unknown worker", where))
                continue
            work[worker_id].append(session)
            if session.service is not None and session.service not in worker.services:
                found.append(Violation("service", where))
            if prefs is not None and worker_id in prefs.not_to_send:
                found.append(Violation("not to send", where))
            if not _available(worker, session):
                found.append(Violation("availability", where))
            for absence in worker.absences:
                if _overlap(absence.start, absence.end, session.start, session.end):
                    found.append(Violation(f"absence ({absence.kind})", where))
            # A skill must be valid on every day the session touches (up to its last minute).
            last_day = (session.end - datetime.timedelta(minutes=1)).date()
            for skill in session.skills:
                if skill not in worker.skills:
                    found.append(Violation("skill", f"{where}: {skill}"))
                elif worker.skills[skill] is not None and worker.skills[skill] < last_day:
                    found.append(Violation("skill expired", f"{where}: {skill}"))

    start, end = problem.horizon()
    for worker_id, shifts in work.items():
        worker = workers[worker_id]
        shifts.sort(key=lambda s: s.start)
        total = sum(_minutes(s) for s in shifts)
        limit = _limit(worker)
        if limit is not None and total > limit:
            found.append(Violation("hours", f"{worker_id}: {total} minutes, limit {limit}"))
        for i, a in enumerate(shifts):
            for b in shifts[i + 1 :]:
                if _overlap(a.start, a.end, b.start, b.end):
                    found.append(Violation("two sessions at once", f"{worker_id}: {a.id} and {b.id}"))
                    continue
                # Getting from one place to the next takes the travel time (a ends before b starts).
                first, second = (a, b) if a.end <= b.start else (b, a)
                needed = _travel(problem, first.location, second.location)
                if needed and second.start - first.end < datetime.timedelta(minutes=needed):
                    found.append(Violation("travel", f"{worker_id}: {first.id} then {second.id}"))
                # Sessions that start on different days belong to different working days.
                if a.start.date() < b.start.date() and b.start - a.end < 11 * HOUR:
                    found.append(Violation("11 hours' rest", f"{worker_id}: {a.id} then {b.id}"))
        # Back-to-back sessions (less than 20 minutes apart) make one stretch of work; two or more
        # of them together may not run past 6 hours without a 20-minute break.
        run = [shifts[0]] if shifts else []
        for s in shifts[1:]:
            if s.start - max(r.end for r in run) < datetime.timedelta(minutes=20):
                run.append(s)
            else:
                run = [s]
            if len(run) > 1 and max(r.end for r in run) - run[0].start > 6 * HOUR:
                found.append(Violation("20-minute break", f"{worker_id}: {run[0].id} .. {s.id}"))
        # 24 hours together without work somewhere in the week (its edges count).
        free = [start] + [t for s in shifts for t in (s.start, s.end)] + [end]
        longest = max((free[k + 1] - free[k] for k in range(0, len(free) - 1, 2)), default=end - start)
        if longest < 24 * HOUR:
            found.append(Violation("24 hours' rest", f"{worker_id}: longest rest {longest}"))
    return found


def cost(problem: Problem, assignments: dict[str, tuple[str, ...]]) -> int:
    """The weighted preferences of a rota, recomputed from the weights' definitions."""
    w = problem.weights
    workers = {x.id: x for x in problem.workers}
    total = 0
    minutes: dict[str, int] = defaultdict(int)
    teams: dict[str, set[str]] = defaultdict(set)
    for session in problem.sessions:
        sent = assignments.get(session.id, ())
        length = _minutes(session)
        total += w.unassigned * length * (session.staff_needed - len(sent))
        prefs = problem.preferences.get(session.person) if session.person else None
        for worker_id in sent:
            worker = workers[worker_id]
            minutes[worker_id] += length
            if session.person:
                teams[session.person].add(worker_id)
            if prefs is None:
                continue
            per_minute = 0
            if prefs.ranked:
                if worker_id in prefs.ranked:
                    per_minute += w.rank[min(prefs.ranked.index(worker_id), len(w.rank) - 1)]
                else:
                    per_minute += w.not_chosen
            if prefs.gender and worker.gender != prefs.gender:
                per_minute += w.gender
            if prefs.language and prefs.language not in worker.languages:
                per_minute += w.language
            if prefs.last_week and worker_id not in prefs.last_week:
                per_minute += w.not_last_week
            total += per_minute * length
        if problem.published and session.id in problem.published:
            total += w.change * len(set(problem.published[session.id]) - set(sent))
    for worker_id, worked in minutes.items():
        total += w.overtime * max(0, worked - workers[worker_id].contracted_minutes)
    for person, team in teams.items():
        prefs = problem.preferences.get(person)
        if prefs is not None and prefs.small_team:
            total += w.extra_team_member * max(0, len(team) - w.small_team_size)
    # Least travel: each worker's working day (the day a session starts), through the sessions that
    # have a place in the order they start, from the worker's home base to the first.
    days: dict[tuple[str, datetime.date], list[Session]] = defaultdict(list)
    for session in problem.sessions:
        if session.location is None:
            continue
        for worker_id in assignments.get(session.id, ()):
            days[worker_id, session.start.date()].append(session)
    for (worker_id, _), visits in days.items():
        visits.sort(key=lambda s: s.start)
        places = [workers[worker_id].home] + [s.location for s in visits]
        total += w.travel * sum(_travel(problem, places[k], places[k + 1]) for k in range(len(places) - 1))
    return total
