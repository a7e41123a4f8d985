"""Benchmark: shift assignment (issue 14, item 9) against an office's greedy rota, on fixed-seed weeks.

Run: .venv/bin/python benchmarks/allocation.py [--time-limit 10] [--sizes large]

Three generated weeks (fixed seeds, so every run sees the same ones): a supported-living service
(12 workers, 150 sessions), a domiciliary branch (60 workers, 700 visits at 90 people's homes, each
worker with a home base, all within a 10 km square, so a worker needs the travel time between visits
and "least travel" is priced) and a large provider (300 workers across 10 services, 2,000 sessions,
400 people who all ranked workers), with leave and sickness, skills (some lapsed), part-timers and
bank staff, double-ups and not-to-sends. The house and the large provider have no places (no travel).

For each: the solver's cost (weighted preferences, lower is better), its bound and gap, the share of
support hours with a worker the person chose, uncovered places and solve time, then the same for a
greedy rota that gives each session, in time order, the first free eligible worker. Both rotas are
verified by `checker.check`, which does not use the solver's code.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lived.rota.solver import checker  # noqa: E402
from lived.rota.solver.assignment import solve  # noqa: E402
from lived.rota.solver.shifts import Absence, Preferences, Problem, Session, Window, Worker  # noqa: E402

MONDAY = datetime.datetime(2027, 1, 4)
# The domiciliary branch's 10 km square (invented: the south-west corner and its size in degrees).
SQUARE_SOUTH_WEST = (53.75, -1.60)
SQUARE_DEGREES = (10 / 111.2, 10 / 65.7)  # 10 km of latitude; 10 km of longitude at 53.8° north
H = datetime.timedelta(hours=1)
M = datetime.timedelta(minutes=1)

SIZES = {
    # name: (seed, workers, sessions, people, services, style)
    "supported-living": (14_1, 12, 150, 6, 1, "shifts"),
    "domiciliary": (14_2, 60, 700, 90, 2, "visits"),
    "large": (14_3, 300, 2000, 400, 10, "hours"),
}
LANGUAGES = ["Polish", "Urdu", "Punjabi", "Somali", "Welsh", "Romanian"]
FIRST_NAMES = [
    "Tom", "Grace", "Megan", "Chris", "Ellie", "Ravi", "Owen", "Nadia", "Amir", "Beth", "Kofi", "Jo",
    "Sana", "Liam", "Priya", "Dev", "Hana", "Iwan", "Zofia", "Femi",
]  # fmt: skip


def _worker(rng: random.Random, k: int, services: list[str], style: str) -> Worker:
    contract = rng.choice([37.5, 37.5, 30, 22.5, 16, 0] if style != "visits" else [30, 22.5, 22.5, 16, 16, 0])
    home = services[k % len(services)]
    member_of = {home}
    if len(services) > 1 and rng.random() < 0.15:
        member_of.add(rng.choice(services))
    skills: dict[str, datetime.date | None] = {}
    if rng.random() < 0.75:
        # A few lapse during the week: such a worker may not give medication after that day.
        skills["medication"] = (
            MONDAY.date() + datetime.timedelta(days=rng.randint(2, 5)) if rng.random() < 0.06 else None
        )
    if rng.random() < 0.8:
        skills["moving and handling"] = None
    if rng.random() < 0.4:
        skills["driver"] = None
    if rng.random() < 0.15:
        skills["PEG feeding"] = MONDAY.date() + datetime.timedelta(days=200)
    days = sorted(rng.sample(range(7), 6 if contract >= 30 or contract == 0 else rng.choice([4, 5])))
    nights = rng.random() < 0.25
    windows = []
    for d in days:
        day = MONDAY + datetime.timedelta(days=d)
        windows.append(Window(day + 7 * H, day + 22.5 * H))
        if nights:
            windows.append(Window(day + 21.5 * H, day + 32 * H))
    absences = []
    roll = rng.random()
    if roll < 0.08:
        first = rng.randint(0, 5)
        absences.append(
            Absence(MONDAY + first * 24 * H, MONDAY + (first + rng.randint(2, 7)) * 24 * H, "leave")
        )
    elif roll < 0.12:
        first = rng.randint(0, 6)
        absences.append(
            Absence(MONDAY + first * 24 * H, MONDAY + (first + rng.randint(1, 3)) * 24 * H, "sick")
        )
    opted_out = rng.random() < 0.1
    contracted = int(contract * 60)
    maximum = 55 * 60 if opted_out else (48 * 60 if contract >= 30 else int(contracted + 12 * 60) or 30 * 60)
    return Worker(
        id=f"w{k:03d}",
        name=f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {k}",
        services=frozenset(member_of),
        skills=skills,
        gender="female" if rng.random() < 0.75 else "male",
        languages=frozenset({"English"} | ({rng.choice(LANGUAGES)} if rng.random() < 0.15 else set())),
        contracted_minutes=contracted,
        maximum_minutes=maximum,
        availability=tuple(windows),
        absences=tuple(absences),
        opted_out_of_48_hours=opted_out,
    )


def _slots(style: str) -> list[tuple[float, list[float]]]:
    """(start hour, possible lengths in hours) of the sessions a person might have in a day."""
    if style == "visits":
        return [(7.5, [0.5, 0.75, 1]), (9.0, [0.5, 1]), (12.5, [0.5, 0.75]), (16.5, [0.5, 0.75]),
                (19.5, [0.5, 0.75]), (14.0, [1, 2])]  # fmt: skip
    if style == "shifts":
        return [(8.0, [1, 2, 3]), (11.5, [1, 2]), (14.5, [2, 3]), (18.0, [1, 2, 3])]
    return [(7.0, [3, 4, 6, 7.5]), (15.0, [3, 4, 7]), (10.0, [2, 3]), (18.5, [3, 3.5])]


def _place(rng: random.Random) -> tuple[float, float]:
    return (
        round(SQUARE_SOUTH_WEST[0] + rng.random() * SQUARE_DEGREES[0], 5),
        round(SQUARE_SOUTH_WEST[1] + rng.random() * SQUARE_DEGREES[1], 5),
    )


def make_instance(size: str, seed: int | None = None, travel: bool = True) -> Problem:
    """The benchmark's week for `size` (or a smaller one: pass a (seed, workers, sessions, people,
    services, style) tuple). Visits get places unless `travel` is False (the same week otherwise)."""
    if isinstance(size, tuple):
        base_seed, workers_n, sessions_n, people_n, services_n, style = size
    else:
        base_seed, workers_n, sessions_n, people_n, services_n, style = SIZES[size]
    rng = random.Random(base_seed if seed is None else seed)
    services = [f"service-{k}" for k in range(services_n)]
    workers = [_worker(rng, k, services, style) for k in range(workers_n)]
    by_service = {s: [w for w in workers if s in w.services] for s in services}
    people = [f"p{k:03d}" for k in range(people_n)]
    home = {p: services[k % services_n] for k, p in enumerate(people)}
    needs_meds = {p for p in people if rng.random() < 0.35}
    prefs = {}
    ranked_share = 1.0 if size == "large" else 0.7
    for p in people:
        staff = by_service[home[p]]
        chosen = tuple(w.id for w in rng.sample(staff, min(len(staff), rng.choice([1, 2, 3, 3]))))
        others = [w.id for w in staff if w.id not in chosen]
        prefs[p] = Preferences(
            person=p,
            ranked=chosen if rng.random() < ranked_share else (),
            not_to_send=frozenset(rng.sample(others, 1)) if others and rng.random() < 0.08 else frozenset(),
            gender=rng.choice(["female", "male"]) if rng.random() < 0.15 else "",
            language=rng.choice(LANGUAGES) if rng.random() < 0.06 else "",
            small_team=rng.random() < 0.3,
            last_week=frozenset(rng.sample([w.id for w in staff], 1)) if rng.random() < 0.5 else frozenset(),
        )
    candidates = []
    for p in people:
        for d in range(7):
            for start, lengths in _slots(style):
                candidates.append((p, d, start, rng.choice(lengths)))
    if style == "shifts":  # the house's waking night, one worker every night
        night = [(None, d, 22.0, 9.0) for d in range(7)]
        picked = night + rng.sample(candidates, sessions_n - len(night))
    else:
        picked = rng.sample(candidates, sessions_n)
    sessions = []
    for k, (p, d, start, length) in enumerate(sorted(picked, key=lambda c: (c[1], c[2], c[0] or ""))):
        begin = MONDAY + d * 24 * H + start * H + rng.choice([0, 0, 15, 30]) * M
        skills = set()
        double = p is not None and rng.random() < 0.08
        if double:
            skills.add("moving and handling")
        if p in needs_meds and (start < 10 or start > 18):
            skills.add("medication")
        if style == "shifts" and rng.random() < 0.1:
            skills.add("driver")
        sessions.append(
            Session(
                id=f"s{k:04d}",
                start=begin,
                end=begin + length * H,
                person=p,
                service=home[p] if p else services[0],
                staff_needed=2 if double else 1,
                skills=frozenset(skills),
            )
        )
    if style == "visits" and travel:
        # Places from a generator of their own, so the week is otherwise the one without travel.
        places = random.Random((base_seed if seed is None else seed) * 7 + 1)
        homes = {p: _place(places) for p in people}
        sessions = [dataclasses.replace(s, location=homes[s.person]) for s in sessions]
        workers = [dataclasses.replace(w, home=_place(places)) for w in workers]
    return Problem(
        tuple(sessions), tuple(workers), prefs, horizon_start=MONDAY, horizon_end=MONDAY + 7 * 24 * H
    )


def greedy(problem: Problem) -> dict[str, tuple[str, ...]]:
    """What an office does by hand: each session in time order, the first free eligible worker.

    "Free and eligible" is judged by the checker alone (a worker is taken if the rota still holds
    every hard rule with them on it), so the baseline shares no code with the solver."""
    rules = checker.Checker(problem)
    assignments: dict[str, tuple[str, ...]] = {}
    mine: dict[str, dict[str, tuple[str, ...]]] = {w.id: {} for w in problem.workers}
    for session in sorted(problem.sessions, key=lambda s: (s.start, s.id)):
        sent: list[str] = []
        for worker in problem.workers:
            if len(sent) == session.staff_needed:
                break
            if session.service is not None and session.service not in worker.services:
                continue  # the office looks down its own staff list
            trial = dict(mine[worker.id])
            trial[session.id] = (worker.id,)
            if not rules.check(trial):
                mine[worker.id] = trial
                sent.append(worker.id)
        assignments[session.id] = tuple(sent)
    return assignments


def chosen_share(problem: Problem, assignments: dict[str, tuple[str, ...]]) -> float:
    """Share of support minutes, for people who ranked workers, given by a worker they ranked."""
    total = chosen = 0
    for s in problem.sessions:
        prefs = problem.preferences.get(s.person) if s.person else None
        if prefs is None or not prefs.ranked:
            continue
        length = (s.end - s.start) // M
        total += length * s.staff_needed
        chosen += length * sum(1 for w in assignments.get(s.id, ()) if w in prefs.ranked)
    return chosen / total if total else 1.0


def travel(problem: Problem, assignments) -> int:
    """Minutes of travel in the rota, as the checker prices it (its cost less the cost without travel)."""
    if not problem.weights.travel:
        return 0
    free = dataclasses.replace(problem, weights=dataclasses.replace(problem.weights, travel=0))
    return (checker.cost(problem, assignments) - checker.cost(free, assignments)) // problem.weights.travel


def uncovered(problem: Problem, assignments) -> int:
    return sum(s.staff_needed - len(assignments.get(s.id, ())) for s in problem.sessions)


def run(sizes: list[str], time_limit: float) -> list[dict]:
    rows = []
    for size in sizes:
        problem = make_instance(size)
        rota = solve(problem, time_limit=time_limit)
        solver_violations = checker.check(problem, rota.assignments)
        solver_cost = checker.cost(problem, rota.assignments)
        assert solver_cost == rota.objective, (solver_cost, rota.objective)  # noqa: S101
        started = time.perf_counter()
        baseline = greedy(problem)
        greedy_seconds = time.perf_counter() - started
        greedy_cost = checker.cost(problem, baseline)
        row = {
            "size": size,
            "workers": len(problem.workers),
            "sessions": len(problem.sessions),
            "places": sum(s.staff_needed for s in problem.sessions),
            "pairs": int(rota.stats["pairs"]),
            "cost": rota.objective,
            "bound": rota.bound,
            "gap": rota.gap,
            "status": rota.status.value,
            "seconds": rota.solve_seconds,
            "flow_bound": rota.stats["flow_bound"],
            "flow_seconds": rota.stats["flow_seconds"],
            "constructed": rota.stats["constructed"],
            "chosen": chosen_share(problem, rota.assignments),
            "uncovered": uncovered(problem, rota.assignments),
            "travel": travel(problem, rota.assignments),
            "shortfalls": len(rota.shortfalls),
            "violations": len(solver_violations),
            "greedy_cost": greedy_cost,
            "greedy_gap": (greedy_cost - rota.bound) / max(1, greedy_cost),
            "greedy_chosen": chosen_share(problem, baseline),
            "greedy_uncovered": uncovered(problem, baseline),
            "greedy_travel": travel(problem, baseline),
            "greedy_seconds": greedy_seconds,
            "greedy_violations": len(checker.check(problem, baseline)),
        }
        rows.append(row)
        print(
            f"{size}: cost {row['cost']} bound {row['bound']} gap {row['gap']:.2%} {row['status']} "
            f"in {row['seconds']:.2f} s (flow bound {row['flow_bound']} in {row['flow_seconds']:.2f} s, "
            f"first rota {row['constructed']}); chosen {row['chosen']:.1%}, uncovered {row['uncovered']}, "
            f"travel {row['travel']} min, violations {row['violations']} | greedy cost {greedy_cost} "
            f"gap {row['greedy_gap']:.2%} chosen {row['greedy_chosen']:.1%} "
            f"uncovered {row['greedy_uncovered']} travel {row['greedy_travel']} min "
            f"violations {row['greedy_violations']}",
            flush=True,
        )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| Week | Workers | Sessions (places) | Rota | Cost | Bound | Gap | Chosen worker | Uncovered places "
        "| Hard rules broken | Time |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['workers']} | {r['sessions']} ({r['places']}) | solver ({r['status']}) "
            f"| {r['cost']:,} | {r['bound']:,} | {r['gap']:.2%} | {r['chosen']:.1%} | {r['uncovered']} "
            f"| {r['violations']} | {r['seconds']:.1f} s |"
        )
        lines.append(
            f"| | | | greedy | {r['greedy_cost']:,} | | {r['greedy_gap']:.2%} | {r['greedy_chosen']:.1%} "
            f"| {r['greedy_uncovered']} | {r['greedy_violations']} | {r['greedy_seconds']:.1f} s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES))
    args = parser.parse_args()
    rows = run(args.sizes, args.time_limit)
    print()
    print(table(rows))
    if any(r["violations"] for r in rows):
        sys.exit("a solver rota broke a hard rule")


if __name__ == "__main__":
    main()
