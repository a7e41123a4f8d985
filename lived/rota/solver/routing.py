"""A domiciliary day as vehicle routing with time windows, solved with OR-Tools.

Lived-neutral: caregivers (skills, shift, lunch break, home base), visits (one or two arrival windows,
one or two tasks each needing a skill, double-handed tasks that start together or in sequence,
optional visits, preferred and incompatible caregivers), a travel-time matrix and weighted costs.

Two stages (docs/adr/0021-rota-solvers.md):

1. The routing library (RoutingModel, time dimension, guided local search) chooses who visits whom
   and in what order: skills through allowed vehicles, optional visits through disjunctions with
   their penalty, preferences as per-caregiver arc costs, double-handed tasks as two nodes whose
   start cumuls are tied by a constraint. Two models (see _route): a tight one (every task within
   two hours of its window, mandatory visits not droppable) and the old wide one as the fallback.
2. With the order fixed, CP-SAT chooses every time exactly for the weighted objective (tardiness,
   waiting, overtime, the longest idle time, missed lunches): a small model, solved to optimality.
   Several of the last orders each search found are timed, and the cheapest plan kept.

Times are whole minutes. A task may last longer than its duration (the caregiver stays on), which
is how waiting and idle time are turned into time with the person; `stretch=False` forbids that.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.sat.python import cp_model

BIG = 10**7


@dataclass(frozen=True)
class Caregiver:
    id: str
    skills: frozenset[str]
    shift_start: int
    shift_end: int
    home: int  # index into the travel matrix
    end_home: int
    lunch: bool = False


@dataclass(frozen=True)
class Task:
    skill: str
    duration: int


@dataclass(frozen=True)
class Visit:
    id: str
    location: int
    windows: tuple[tuple[int, int], ...]
    tasks: tuple[Task, ...]
    # For two tasks: "simultaneous" (start together), "sequential" (second starts sync_min..sync_max
    # after the first) or "independent"; a double-handed task always has two different caregivers.
    sync: str = "independent"
    sync_min: int = 0
    sync_max: int = 0
    optional: bool = False
    preferred: frozenset[str] = frozenset()
    incompatible: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LunchRule:
    earliest_start: int
    latest: int  # latest end when windows apply to the end of a task, else latest start
    min_duration: int


@dataclass(frozen=True)
class Weights:
    travel: int = 1
    total_tardiness: int = 0
    highest_tardiness: int = 0
    waiting: int = 0
    extra_time: int = 0
    max_idle: int = 0
    preference: int = 0
    unserved: int = 0
    missed_lunch: int = 0


@dataclass(frozen=True)
class Day:
    caregivers: tuple[Caregiver, ...]
    visits: tuple[Visit, ...]
    travel: tuple[tuple[int, ...], ...]
    weights: Weights
    lunch: LunchRule | None = None
    window_at_end: bool = False  # the window bounds the task's end rather than its start


@dataclass
class Stop:
    visit_id: str  # for a lunch, the visit at whose place it is taken
    task: int  # index into the visit's tasks; -1 for lunch
    arrival: int
    start: int
    end: int

    @property
    def is_lunch(self) -> bool:
        return self.task < 0


@dataclass
class Route:
    caregiver_id: str
    stops: list[Stop]
    departure: int
    return_time: int


@dataclass
class Unserved:
    visit_id: str
    reason: str


@dataclass
class Plan:
    routes: list[Route]
    unserved: list[Unserved]
    costs: dict[str, int]
    objective: int
    time_limit_reached: bool
    seconds: float
    notes: list[str] = field(default_factory=list)
    status: str = ""  # CP-SAT's status for the times


def eligible(day: Day, visit: Visit, task: Task) -> list[int]:
    return [
        k for k, c in enumerate(day.caregivers) if task.skill in c.skills and c.id not in visit.incompatible
    ]


def _latest_start(day: Day, window: tuple[int, int], task: Task) -> int:
    latest = window[1] - task.duration if day.window_at_end else window[1]
    return max(window[0], latest)


def uncoverable(day: Day) -> list[Unserved]:
    """Visits no caregiver can do at all, with the reason in plain words."""
    out = []
    for v in day.visits:
        for t in v.tasks:
            cands = eligible(day, v, t)
            if not cands:
                out.append(Unserved(v.id, f"no caregiver has the skill {t.skill!r}"))
                break
            if not any(day.caregivers[k].shift_end >= v.windows[0][0] for k in cands):
                out.append(Unserved(v.id, f"no caregiver with the skill {t.skill!r} is working then"))
                break
        if len({day.caregivers[k].id for t in v.tasks for k in eligible(day, v, t)}) < 2 and (
            len(v.tasks) == 2 and v.sync != "independent"
        ):
            out.append(Unserved(v.id, "double-handed, but fewer than two caregivers can do it"))
    return out


def solve(day: Day, time_limit: float = 10.0, stretch: bool = True, seed_routes=None) -> Plan:
    t0 = time.monotonic()
    blocked = {u.visit_id for u in uncoverable(day)}
    # Most of the time to the order; the times are a small exact model, hinted from the routes.
    # Two orders when the tight model finds one (see _route); each is timed, the cheaper kept.
    route_limit = max(0.5, time_limit * 0.8)
    plan, limit_hit = None, False
    for alternatives, hit, note, last in _route(day, blocked, route_limit):
        limit_hit = limit_hit or hit
        share = time_limit * TIMING_SHARE
        deadline = t0 + time_limit if last else time.monotonic() + share
        best, which, timed, first_status = None, 0, 0, ""
        for n_alt, (orders, hints) in enumerate(alternatives):
            left = deadline - time.monotonic()
            if n_alt and (left < 1.0 or first_status != "optimal"):
                break  # the orders the search passed through on its way: timed while time allows
            cand = _timing(day, orders, stretch, hints, max(1.0, left if n_alt == 0 else min(left, 2.0)))
            timed += 1
            if n_alt == 0:
                first_status = cand.status
            if best is None or cand.objective < best.objective:
                best, which = cand, n_alt
        best.notes = [
            f"{note}: objective {best.objective} (times {best.status} in {best.seconds:.1f} s; order"
            f" {which + 1} of the {timed} last found by the search and timed)"
        ]
        if plan is None or best.objective < plan.objective:
            best.notes = (plan.notes if plan else []) + best.notes
            plan = best
        else:
            plan.notes += best.notes
    plan.unserved = [
        u for u in uncoverable(day) if u.visit_id not in {s.visit_id for r in plan.routes for s in r.stops}
    ]
    served = {s.visit_id for r in plan.routes for s in r.stops if not s.is_lunch}
    known = {u.visit_id for u in plan.unserved}
    for v in day.visits:
        if v.id not in served and v.id not in known:
            why = "optional, left out as cheaper" if v.optional else "no room in any caregiver's day"
            plan.unserved.append(Unserved(v.id, why))
    plan.time_limit_reached = limit_hit
    plan.seconds = time.monotonic() - t0
    return plan


# ---------------------------------------------------------------- stage 1: routing library


# Knobs for the order search (module level so the benchmark's experiments can set them).
TIGHT_SLACK: int | None = 120  # minutes past a task's window and a shift's end; None: loose only
TIGHT_SHARE = 0.5  # of the routing time, up to the end of the tight model's search
KEEP = 8  # orders kept from each search to be timed when the times are quick to find
SECONDS_PER_TASK = 0.3  # of routing time, at least, for the loose model to be searched too
FIRST_SHARE = 0.25  # of the routing time, at most, for the tight model's first solution
STRATEGY = "PARALLEL_CHEAPEST_INSERTION"
TIMING_SHARE = 0.1  # of the whole limit for CP-SAT's times of the tight order


def _route(day: Day, blocked: set[str], time_limit: float, route_lunch: bool = False):
    """The orders to time, as (orders, hints, time limit reached, note, last one?), lazily: the
    caller times each before the next search starts, and gives the last all the time left.

    Two models. The tight one: every task within TIGHT_SLACK minutes of its window, every route
    home within TIGHT_SLACK of the shift's end, mandatory visits not droppable at all (so no search
    can trade one away). On a large day it stops the first solution building long late routes that
    local search never undoes. The loose one (wide horizon, mandatory visits at a large penalty)
    always has a plan, even for an impossible day. If the tight one has no first solution, the loose
    one gets all the time. If the day is too large for the loose one's search to undo its first
    order (fewer than SECONDS_PER_TASK of routing time per task; i-054, 220 tasks in 48 s, never
    recovered), the tight one gets it all. Otherwise each is searched and timed in turn."""
    started = time.monotonic()

    def hit():
        return time.monotonic() - started >= time_limit * 0.95

    tight = _Search(day, blocked, TIGHT_SLACK, route_lunch) if TIGHT_SLACK is not None else None
    if tight is not None and tight.model is None:
        yield [([[] for _ in day.caregivers], {})], False, "nothing to route", True
        return
    tf = tight.first(time_limit * FIRST_SHARE) if tight else None
    tname = f"order within {TIGHT_SLACK} minutes of every window"
    if tf is not None and time_limit / len(tight.tasks) < SECONDS_PER_TASK:
        sol = tight.improve(tf, time_limit - (time.monotonic() - started))
        note = f"{tname} (too large a day for the wide windows' search)"
        yield tight.read(sol), hit(), note, True
        return
    if tf is not None:
        sol = tight.improve(tf, time_limit * TIGHT_SHARE - (time.monotonic() - started))
        yield tight.read(sol), False, tname, False
    loose = _Search(day, blocked, None, route_lunch)
    if loose.model is None:
        yield [([[] for _ in day.caregivers], {})], False, "nothing to route", True
        return
    sol = loose.solve(time_limit - (time.monotonic() - started))
    note = "order with wide windows" + (" (none within the tight ones)" if tight and tf is None else "")
    yield loose.read(sol), hit(), note, True


class _Search:
    """One routing model of the day (see _route), its first solution and its guided local search."""

    def __init__(self, day: Day, blocked: set[str], slack: int | None, route_lunch: bool):
        # route_lunch: lunch as break intervals in the routing model. Measured on i-083 at 20 s:
        # objective 111,626 with them, 9,898 without (the break constraint starves guided local
        # search), so by default CP-SAT places every lunch once the order is known.
        self.model = None
        self.slack = slack
        self.nv = len(day.caregivers)
        built = self._build(day, blocked, slack, route_lunch)
        if built is not None:
            self.model, self.manager, self.dim, self.tasks = built
            self.model.AddAtSolutionCallback(self._record)
        # The last KEEP improving orders of the search, newest last: the routing cost leaves out the
        # longest idle time and the waiting, so the best order by it is not always the best plan.
        self.pool: list[tuple[int, list, dict]] = []
        self.params = pywrapcp.DefaultRoutingSearchParameters()
        self.params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, STRATEGY)
        self.params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )

    @staticmethod
    def _build(day, blocked, slack, route_lunch):
        w = day.weights
        cgs = day.caregivers
        nv = len(cgs)
        # Nodes: one per caregiver start, one per caregiver end, then one per task.
        tasks = [
            (vi, ti) for vi, v in enumerate(day.visits) if v.id not in blocked for ti in range(len(v.tasks))
        ]
        if not tasks:
            return None
        loc = [c.home for c in cgs] + [c.end_home for c in cgs]
        loc += [day.visits[vi].location for vi, _ in tasks]
        service = [0] * (2 * nv) + [day.visits[vi].tasks[ti].duration for vi, ti in tasks]
        manager = pywrapcp.RoutingIndexManager(len(loc), nv, list(range(nv)), list(range(nv, 2 * nv)))
        model = pywrapcp.RoutingModel(manager)
        tm = day.travel
        # Matrices, not Python callbacks: evaluated in C++, several times faster in the local search.
        n = len(loc)
        travel = [[tm[loc[a]][loc[b]] for b in range(n)] for a in range(n)]
        tcb = model.RegisterTransitMatrix([[service[a] + travel[a][b] for b in range(n)] for a in range(n)])
        horizon = max(max(c.shift_end for c in cgs), max(v.windows[-1][1] for v in day.visits)) * 2 + 600
        model.AddDimension(tcb, horizon, horizon, False, "time")
        dim = model.GetDimensionOrDie("time")

        pref = {}
        for k, c in enumerate(cgs):
            pref[k] = {
                b
                for b, (vi, _) in enumerate(tasks, start=2 * nv)
                if day.visits[vi].preferred and c.id not in day.visits[vi].preferred
            }
            extra = [w.preference if b in pref[k] else 0 for b in range(n)]
            costs_k = [[w.travel * travel[a][b] + extra[b] for b in range(n)] for a in range(n)]
            model.SetArcCostEvaluatorOfVehicle(model.RegisterTransitMatrix(costs_k), k)
            end_by = horizon if slack is None else c.shift_end + slack
            dim.CumulVar(model.Start(k)).SetRange(c.shift_start, end_by)
            dim.CumulVar(model.End(k)).SetRange(c.shift_start, end_by)
            if w.extra_time:
                dim.SetCumulVarSoftUpperBound(model.End(k), c.shift_end, w.extra_time)
            if w.max_idle:
                # Late departures are idle time; spread the max over the team.
                dim.SetCumulVarSoftUpperBound(model.Start(k), c.shift_start, max(1, w.max_idle // nv))

        solver = model.solver()
        first_node = {}
        for n_, (vi, ti) in enumerate(tasks, start=2 * nv):
            v = day.visits[vi]
            t = v.tasks[ti]
            idx = manager.NodeToIndex(n_)
            cum = dim.CumulVar(idx)
            late = _latest_start(day, v.windows[-1], t)
            cum.SetRange(v.windows[0][0], horizon if slack is None else late + slack)
            if w.total_tardiness or w.highest_tardiness:
                dim.SetCumulVarSoftUpperBound(idx, late, w.total_tardiness + w.highest_tardiness)
            for a, b in zip(v.windows, v.windows[1:], strict=False):
                lo, hi = _latest_start(day, a, t) + 1, b[0] - 1
                if lo <= hi:
                    cum.RemoveInterval(lo, hi)
            # Skills and incompatibilities (SetAllowedVehiclesForIndex's Python binding in 9.15
            # rejects every list, so the vehicle variable's domain is narrowed instead).
            allowed = set(eligible(day, v, t))
            model.VehicleVar(idx).RemoveValues([k for k in range(nv) if k not in allowed])
            droppable = v.optional or slack is None
            if ti == 0:
                first_node[vi] = idx
                if droppable:
                    model.AddDisjunction([idx], w.unserved if v.optional else BIG)
            else:
                a = first_node[vi]
                if droppable:
                    model.AddDisjunction([idx], 0)
                    solver.Add(model.ActiveVar(a) == model.ActiveVar(idx))
                if v.sync != "independent":
                    solver.Add(
                        solver.IsDifferentVar(model.VehicleVar(a), model.VehicleVar(idx))
                        >= model.ActiveVar(a)
                    )
                if v.sync == "simultaneous":
                    solver.Add(dim.CumulVar(a) == dim.CumulVar(idx))
                elif v.sync == "sequential":
                    solver.Add(dim.CumulVar(idx) - dim.CumulVar(a) >= v.sync_min)
                    solver.Add(dim.CumulVar(idx) - dim.CumulVar(a) <= v.sync_max)
                model.AddToAssignment(dim.CumulVar(idx))
        if day.lunch and route_lunch:
            visit_transits = [service[manager.IndexToNode(i)] for i in range(model.Size())]
            lr = day.lunch
            for k, c in enumerate(cgs):
                if not c.lunch:
                    continue
                latest_start = lr.latest - lr.min_duration if day.window_at_end else lr.latest
                lo, hi = max(lr.earliest_start, c.shift_start), min(latest_start, c.shift_end)
                if lo > hi:
                    continue
                brk = solver.FixedDurationIntervalVar(lo, hi, lr.min_duration, False, f"lunch {c.id}")
                dim.SetBreakIntervalsOfVehicle([brk], k, visit_transits)

        return model, manager, dim, tasks

    def first(self, limit: float):
        """The first solution alone (None if there is none within the limit)."""
        p = pywrapcp.DefaultRoutingSearchParameters()
        p.CopyFrom(self.params)
        p.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GREEDY_DESCENT
        p.solution_limit = 1
        p.time_limit.FromMilliseconds(int(max(0.1, limit) * 1000))
        return self.model.SolveWithParameters(p)

    def solve(self, limit: float):
        """The first solution and the search in one call (None if there is no solution)."""
        self.params.time_limit.FromMilliseconds(int(max(0.1, limit) * 1000))
        sol = self.model.SolveWithParameters(self.params)
        if sol is None:
            p = pywrapcp.DefaultRoutingSearchParameters()
            p.CopyFrom(self.params)
            p.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.LOCAL_CHEAPEST_INSERTION
            sol = self.model.SolveWithParameters(p)
        return sol

    def improve(self, sol, limit: float):
        self.params.time_limit.FromMilliseconds(int(max(0.1, limit) * 1000))
        return self.model.SolveFromAssignmentWithParameters(sol, self.params) or sol

    def _record(self):
        cost = self.model.CostVar().Value()
        if self.pool and cost >= self.pool[-1][0]:
            return
        model, manager, dim, tasks, nv = self.model, self.manager, self.dim, self.tasks, self.nv
        orders: list[list[tuple[int, int]]] = [[] for _ in range(nv)]
        hints: dict = {}
        for k in range(nv):
            i = model.NextVar(model.Start(k)).Value()
            while not model.IsEnd(i):
                orders[k].append(tasks[manager.IndexToNode(i) - 2 * nv])
                hints[tasks[manager.IndexToNode(i) - 2 * nv]] = dim.CumulVar(i).Min()
                i = model.NextVar(i).Value()
        self.pool = [*self.pool[-(KEEP - 1) :], (cost, orders, hints)]

    def read(self, sol) -> list[tuple[list, dict]]:
        """The final order, then the others of the pool, newest first."""
        return [self.read_one(sol)] + [(o, h) for _, o, h in reversed(self.pool[:-1])]

    def read_one(self, sol):
        orders: list[list[tuple[int, int]]] = [[] for _ in range(self.nv)]
        hints: dict = {}
        if sol is None:
            return orders, hints
        model, manager, dim, tasks, nv = self.model, self.manager, self.dim, self.tasks, self.nv
        for k in range(nv):
            i = sol.Value(model.NextVar(model.Start(k)))
            while not model.IsEnd(i):
                orders[k].append(tasks[manager.IndexToNode(i) - 2 * nv])
                hints[tasks[manager.IndexToNode(i) - 2 * nv]] = sol.Value(dim.CumulVar(i))
                i = sol.Value(model.NextVar(i))
        return orders, hints


# ---------------------------------------------------------------- stage 2: exact times (CP-SAT)


def _timing(day: Day, orders, stretch: bool, hints: dict, time_limit: float) -> Plan:
    w = day.weights
    tm = day.travel
    m = cp_model.CpModel()
    hz = max(max(c.shift_end for c in day.caregivers), max(v.windows[-1][1] for v in day.visits)) * 3
    start, end, seq_vars = {}, {}, {}
    obj = []
    tard, idles, waits = [], [], []
    lunch_info = {}
    for k, order in enumerate(orders):
        if not order:
            continue
        c = day.caregivers[k]
        dep = m.NewIntVar(c.shift_start, hz, f"dep{k}")
        items = []  # (kind, key, s, e, location)
        for vi, ti in order:
            v = day.visits[vi]
            t = v.tasks[ti]
            s = m.NewIntVar(v.windows[0][0], hz, f"s{vi}_{ti}")
            e = m.NewIntVar(0, hz, f"e{vi}_{ti}")
            if (vi, ti) in hints:
                m.AddHint(s, hints[vi, ti])
                m.AddHint(e, hints[vi, ti] + t.duration)
            if stretch:
                m.Add(e >= s + t.duration)
            else:
                m.Add(e == s + t.duration)
            start[vi, ti], end[vi, ti] = s, e
            items.append(("task", (vi, ti), s, e, v.location))
        # Lunch: taken at the place of a neighbouring visit, anywhere in the order; CP-SAT picks the slot.
        lunch_slots = []
        if day.lunch and c.lunch:
            lr = day.lunch
            done = m.NewBoolVar(f"lunch{k}")
            ls = m.NewIntVar(0, hz, f"ls{k}")
            le = m.NewIntVar(0, hz, f"le{k}")
            m.Add(ls >= lr.earliest_start).OnlyEnforceIf(done)
            m.Add(le >= ls + lr.min_duration).OnlyEnforceIf(done)
            m.Add((le if day.window_at_end else ls) <= lr.latest).OnlyEnforceIf(done)
            m.Add(le >= ls)
            m.Add(le == ls).OnlyEnforceIf(done.Not())
            slot = [m.NewBoolVar(f"slot{k}_{p}") for p in range(len(items) + 1)]
            m.AddExactlyOne(slot)
            lunch_slots = slot
            lunch_info[k] = (done, ls, le, slot)
            obj.append(w.missed_lunch * (1 - done))
        # Precedences along the route; lunch in slot p sits between item p-1 and item p.
        first_s = items[0][2]
        m.Add(dep + tm[c.home][items[0][4]] <= first_s)
        arrivals = []
        raw = []
        for p, (_, _key, s, _e, lc) in enumerate(items):
            if p == 0:
                arr = dep + tm[c.home][lc]
            else:
                pe, pl = items[p - 1][3], items[p - 1][4]
                arr = pe + tm[pl][lc]
            arr_v = m.NewIntVar(0, hz, f"arr{k}_{p}")
            if lunch_slots:
                done, ls, le, slot = lunch_info[k]
                # Without lunch here, arrival is the plain one; with lunch here, after the lunch.
                m.Add(arr_v == arr).OnlyEnforceIf(slot[p].Not())
                if p == 0:
                    m.Add(ls >= dep + tm[c.home][lc]).OnlyEnforceIf(slot[p])
                    m.Add(arr_v == le).OnlyEnforceIf(slot[p])
                else:
                    m.Add(ls >= pe).OnlyEnforceIf(slot[p])
                    m.Add(arr_v == le + tm[pl][lc]).OnlyEnforceIf(slot[p])
            else:
                m.Add(arr_v == arr)
            m.Add(s >= arr_v)
            arrivals.append(arr_v)
            wait = m.NewIntVar(0, hz, f"w{k}_{p}")
            m.Add(wait == s - arr_v)
            raw.append(wait)
            if p == 0:
                # The departure is read back as first start minus travel: no wait at the first
                # place, except after a lunch taken there first (then idle, but not waiting).
                if lunch_slots:
                    m.Add(wait == 0).OnlyEnforceIf(lunch_slots[0].Not())
                    m.Add(wait == 0).OnlyEnforceIf(lunch_info[k][0].Not())
                    wz = m.NewIntVar(0, hz, f"wz{k}")
                    m.Add(wz == 0)
                    waits.append(wz)
                else:
                    m.Add(wait == 0)
                    waits.append(wait)
            else:
                waits.append(wait)
        last_e, last_l = items[-1][3], items[-1][4]
        ret = m.NewIntVar(0, hz, f"ret{k}")
        if lunch_slots:
            done, ls, le, slot = lunch_info[k]
            m.Add(ret == last_e + tm[last_l][c.end_home]).OnlyEnforceIf(slot[-1].Not())
            m.Add(ls >= last_e).OnlyEnforceIf(slot[-1])
            m.Add(ret == le + tm[last_l][c.end_home]).OnlyEnforceIf(slot[-1])
            # Waiting before a lunch counts as waiting in the validator: lunch starts on arrival.
            for p in range(len(items) + 1):
                if p == 0:
                    m.Add(ls == dep + tm[c.home][items[0][4]]).OnlyEnforceIf(slot[0])
                else:
                    m.Add(ls == items[p - 1][3]).OnlyEnforceIf(slot[p])
        else:
            m.Add(ret == last_e + tm[last_l][c.end_home])
        extra = m.NewIntVar(0, hz, f"x{k}")
        m.Add(extra >= ret - c.shift_end)
        obj.append(w.extra_time * extra)
        tail = m.NewIntVar(0, hz, f"tail{k}")
        m.Add(tail >= c.shift_end - ret)
        idle = m.NewIntVar(0, hz, f"idle{k}")
        m.Add(idle == (dep - c.shift_start) + sum(raw) + tail)
        idles.append(idle)
        seq_vars[k] = (dep, ret, items, arrivals)
    # Windows and tardiness (the window is the one the start falls in, as the validator reads it).
    for (vi, ti), s in start.items():
        v = day.visits[vi]
        t = v.tasks[ti]
        opts = []
        for wi, win in enumerate(v.windows):
            b = m.NewBoolVar("")
            lo = win[0]
            hi = v.windows[wi + 1][0] - 1 if wi + 1 < len(v.windows) else hz
            m.Add(s >= lo).OnlyEnforceIf(b)
            m.Add(s <= hi).OnlyEnforceIf(b)
            lt = m.NewIntVar(0, hz, "")
            ref = end[vi, ti] if day.window_at_end else s
            m.Add(lt >= ref - win[1]).OnlyEnforceIf(b)
            opts.append((b, lt))
        m.AddExactlyOne(b for b, _ in opts)
        td = m.NewIntVar(0, hz, f"t{vi}_{ti}")
        for b, lt in opts:
            m.Add(td >= lt).OnlyEnforceIf(b)
        tard.append(td)
    for vi, v in enumerate(day.visits):
        if (vi, 1) in start and (vi, 0) in start:
            if v.sync == "simultaneous":
                m.Add(start[vi, 0] == start[vi, 1])
            elif v.sync == "sequential":
                m.Add(start[vi, 1] - start[vi, 0] >= v.sync_min)
                m.Add(start[vi, 1] - start[vi, 0] <= v.sync_max)
    if tard:
        obj.append(w.total_tardiness * sum(tard))
        mt = m.NewIntVar(0, hz, "maxtard")
        m.AddMaxEquality(mt, tard)
        obj.append(w.highest_tardiness * mt)
    if waits:
        obj.append(w.waiting * sum(waits))
    if idles:
        mi = m.NewIntVar(0, hz, "maxidle")
        m.AddMaxEquality(mi, idles)
        obj.append(w.max_idle * mi)
    m.Minimize(sum(obj))
    cp = cp_model.CpSolver()
    cp.parameters.max_time_in_seconds = time_limit
    cp.parameters.num_workers = 2
    status = cp.Solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("no timing for the routes found: " + cp.StatusName(status))
    routes = []
    for k, (dep, ret, items, arrivals) in seq_vars.items():
        c = day.caregivers[k]
        stops = []
        for p, (_, (vi, ti), s, e, _) in enumerate(items):
            if k in lunch_info:
                done, ls, le, slot = lunch_info[k]
                if cp.Value(done) and cp.Value(slot[p]):
                    at = day.visits[items[max(p - 1, 0)][1][0]].id
                    stops.append(Stop(at, -1, cp.Value(ls), cp.Value(ls), cp.Value(le)))
            stops.append(Stop(day.visits[vi].id, ti, cp.Value(arrivals[p]), cp.Value(s), cp.Value(e)))
        if k in lunch_info:
            done, ls, le, slot = lunch_info[k]
            if cp.Value(done) and cp.Value(slot[-1]):
                vi = items[-1][1][0]
                stops.append(Stop(day.visits[vi].id, -1, cp.Value(ls), cp.Value(ls), cp.Value(le)))
        routes.append(Route(c.id, stops, cp.Value(dep), cp.Value(ret)))
    plan = Plan(routes, [], {}, 0, False, 0.0)
    plan.status, plan.seconds = cp.StatusName(status).lower(), cp.WallTime()
    plan.costs = costs(day, plan)
    plan.objective = plan.costs["objective"]
    return plan


def costs(day: Day, plan: Plan) -> dict[str, int]:
    """The weighted objective of a plan, component by component."""
    w = day.weights
    tm = day.travel
    visits = {v.id: v for v in day.visits}
    cg = {c.id: c for c in day.caregivers}
    travel = tardy_sum = wait = extra = pref = 0
    tardies, waits, idles = [0], [0], [0]
    lunched = set()
    served = set()
    for r in plan.routes:
        c = cg[r.caregiver_id]
        here = c.home
        idle = r.departure - c.shift_start
        for p, s in enumerate(r.stops):
            v = visits[s.visit_id]
            travel += tm[here][v.location]
            here = v.location
            wt = s.start - s.arrival
            if not (p == 1 and r.stops[0].is_lunch):
                waits.append(wt)
            idle += wt
            if s.is_lunch:
                lunched.add(c.id)
                continue
            served.add(v.id)
            wi = max(i for i, win in enumerate(v.windows) if win[0] <= s.start or i == 0)
            ref = s.end if day.window_at_end else s.start
            tardies.append(max(0, ref - v.windows[wi][1]))
            if v.preferred and c.id not in v.preferred:
                pref += 1
        travel += tm[here][c.end_home]
        extra += max(0, r.return_time - c.shift_end)
        idle += max(0, c.shift_end - r.return_time)
        idles.append(idle)
    tardy_sum = sum(tardies)
    wait = sum(w_ for w_ in waits if w_ > 0)
    unserved = sum(1 for v in day.visits if v.id not in served)
    missed = sum(1 for c in day.caregivers if c.lunch and c.id not in lunched)
    out = {
        "travel_time": travel,
        "total_tardiness": tardy_sum,
        "highest_tardiness": max(tardies),
        "total_waiting_time": wait,
        "total_extra_time": extra,
        "max_idle_time": max(idles),
        "caregiver_preferences": pref,
        "optional_patients": unserved,
        "missed_lunch_break": missed,
    }
    out["objective"] = (
        w.travel * travel
        + w.total_tardiness * tardy_sum
        + w.highest_tardiness * out["highest_tardiness"]
        + w.waiting * wait
        + w.extra_time * extra
        + w.max_idle * out["max_idle_time"]
        + w.preference * pref
        + w.unserved * unserved
        + w.missed_lunch * missed
    )
    return out
