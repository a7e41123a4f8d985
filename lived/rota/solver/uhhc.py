"""Adapter for the UHHC home-care routing benchmark (../shared/oracles/uhhc/).

Reads an instance, solves it with `lived.rota.solver.routing`, writes a solution the authors'
validator reads back (uhhc-toolbox: `Solution.check_validity`, `Solution.compute_costs`):

    .venv/bin/python -m lived.rota.solver.uhhc INSTANCE.json --time-limit SECONDS --output SOLUTION.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lived.rota.solver.routing import Caregiver, Day, LunchRule, Plan, Task, Visit, Weights, solve


def _weight(value) -> int:
    if value is None or value == "HARD":
        return 0
    return int(value)


def read_instance(data: dict) -> Day:
    """A UHHC instance (parsed JSON) as a Day. Service durations fall back to the default ones."""
    terminals = {t["id"]: t["distance_matrix_index"] for t in data["terminal_points"]}
    defaults = {s["id"]: s.get("default_duration") for s in data["services"]}
    horizon = data["metadata"].get("horizon") or 10**4
    caregivers = []
    for c in data["caregivers"]:
        shift = c.get("working_shift") or {"start": 0, "end": horizon}
        caregivers.append(
            Caregiver(
                id=c["id"],
                skills=frozenset(c.get("abilities") or ()),
                shift_start=int(shift["start"]),
                shift_end=int(shift["end"]),
                home=terminals[c["departing_point"]],
                end_home=terminals[c.get("arrival_point") or c["departing_point"]],
                lunch=bool(c.get("lunch_break")),
            )
        )
    visits = []
    for p in data["patients"]:
        windows = p.get("time_windows") or [p.get("time_window")]
        windows = tuple(
            (int(w["start"]), int(w["end"])) if isinstance(w, dict) else (int(w[0]), int(w[1]))
            for w in windows
        )
        sync = p.get("synchronization") or {"type": "independent"}
        dist = sync.get("distance") or {"min": 0, "max": 0}
        if not isinstance(dist, dict):
            dist = {"min": dist[0], "max": dist[1]} if isinstance(dist, list) else {"min": dist, "max": dist}
        tasks = tuple(
            Task(r["service"], int(r.get("duration") or defaults[r["service"]]))
            for r in p.get("required_services") or p["required_caregivers"]
        )
        visits.append(
            Visit(
                id=p["id"],
                location=p["distance_matrix_index"],
                windows=tuple(sorted(windows)),
                tasks=tasks,
                sync=sync["type"] if len(tasks) > 1 else "independent",
                sync_min=int(dist["min"]),
                sync_max=int(dist["max"]),
                optional=bool(p.get("optional")),
                preferred=frozenset(p.get("preferred_caregivers") or ()),
                incompatible=frozenset(p.get("incompatible_caregivers") or ()),
            )
        )
    cc = data["metadata"].get("cost_components") or {}
    weights = Weights(
        travel=_weight(cc.get("travel_time")),
        total_tardiness=_weight(cc.get("total_tardiness")),
        highest_tardiness=_weight(cc.get("highest_tardiness")),
        waiting=_weight(cc.get("total_waiting_time")),
        extra_time=_weight(cc.get("total_extra_time")),
        max_idle=_weight(cc.get("max_idle_time")),
        preference=_weight(cc.get("caregiver_preferences")),
        unserved=_weight(cc.get("optional_patients")),
        missed_lunch=_weight(cc.get("missed_lunch_break")),
    )
    lb = data.get("lunch_breaks")
    lunch = LunchRule(lb["start"], lb["end"], lb["min_duration"]) if lb else None
    travel = tuple(tuple(int(x) for x in row) for row in data["distances"])
    return Day(
        caregivers=tuple(caregivers),
        visits=tuple(visits),
        travel=travel,
        weights=weights,
        lunch=lunch,
        window_at_end=data["metadata"].get("time_window_met") == "at_service_end",
    )


def write_solution(day: Day, plan: Plan, name: str | None) -> dict:
    services = {v.id: v.tasks for v in day.visits}
    routes = []
    for r in plan.routes:
        locations = []
        for s in r.stops:
            locations.append(
                {
                    "patient": s.visit_id,
                    "service": "lunch_break" if s.is_lunch else services[s.visit_id][s.task].skill,
                    "start_service_time": s.start,
                    "end_service_time": s.end,
                }
            )
        routes.append({"caregiver_id": r.caregiver_id, "locations": locations})
    c = plan.costs
    return {
        "instance": name,
        "routes": routes,
        "cost_components": {k: v for k, v in c.items() if k != "objective"},
        "cost": {"objective": plan.objective},
        "unserved": [{"patient": u.visit_id, "reason": u.reason} for u in plan.unserved],
        "time_limit_reached": plan.time_limit_reached,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("instance", type=Path)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--output", type=Path, required=True)
    args = ap.parse_args(argv)
    data = json.loads(args.instance.read_text())
    day = read_instance(data)
    plan = solve(day, time_limit=args.time_limit)
    out = write_solution(day, plan, data["metadata"].get("name") or args.instance.stem)
    args.output.write_text(json.dumps(out, indent=1))
    print(
        f"{args.instance.name}: objective {plan.objective}, {len(plan.unserved)} visits not made,"
        f" {plan.seconds:.1f} s{' (time limit reached)' if plan.time_limit_reached else ''}"
    )
    for u in plan.unserved:
        print(f"  not made: {u.visit_id}: {u.reason}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
