"""The home-care routing solver: every hard rule checked by a checker written from the rules (not the
solver's code; it is in tests/rota/routing_check.py), brute force on tiny days, and the edge cases (no
one has the skill, the time limit reached)."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lived.rota.solver.routing import (
    Caregiver,
    Day,
    LunchRule,
    Task,
    Visit,
    Weights,
    solve,
)
from tests.rota.routing_check import hard_rule_violations


def square(n, step=10):
    return tuple(tuple(abs(i - j) * step for j in range(n)) for i in range(n))


def test_a_small_day_holds_every_hard_rule():
    cgs = (
        Caregiver("tom", frozenset({"care", "meds"}), 420, 900, 0, 0, lunch=True),
        Caregiver("grace", frozenset({"care"}), 420, 900, 0, 0, lunch=True),
        Caregiver("megan", frozenset({"care", "hoist"}), 480, 960, 0, 0),
    )
    visits = (
        Visit("ada", 1, ((480, 525),), (Task("care", 30),), preferred=frozenset({"tom"})),
        Visit("leon", 2, ((500, 560), (900, 960)), (Task("meds", 15),)),
        Visit(
            "ruth",
            3,
            ((540, 600),),
            (Task("care", 45), Task("hoist", 45)),
            sync="simultaneous",
        ),
        Visit("sam", 4, ((600, 700),), (Task("care", 20), Task("care", 20)), "sequential", 10, 40),
        Visit("kofi", 5, ((660, 720),), (Task("care", 30),), optional=True),
    )
    day = Day(
        cgs,
        visits,
        square(6),
        Weights(travel=1, total_tardiness=5, waiting=1, max_idle=2, preference=20, unserved=500),
        LunchRule(720, 840, 30),
    )
    plan = solve(day, time_limit=1.0)
    assert hard_rule_violations(day, plan) == []
    assert not plan.unserved
    assert plan.objective == plan.costs["objective"]


def test_a_visit_whose_skill_no_one_has_is_reported_with_the_reason():
    cgs = (Caregiver("tom", frozenset({"care"}), 420, 900, 0, 0),)
    visits = (
        Visit("ada", 1, ((480, 525),), (Task("care", 30),)),
        Visit("leon", 2, ((500, 560),), (Task("peg feeding", 30),)),
    )
    day = Day(cgs, visits, square(3), Weights(travel=1, unserved=100))
    plan = solve(day, time_limit=0.5)
    assert hard_rule_violations(day, plan) == ["leon is not visited"]
    (why,) = plan.unserved
    assert why.visit_id == "leon" and "peg feeding" in why.reason
    assert [s.visit_id for r in plan.routes for s in r.stops] == ["ada"]


def test_nothing_coverable_gives_an_empty_plan_not_a_crash():
    cgs = (Caregiver("tom", frozenset({"care"}), 420, 900, 0, 0),)
    visits = (Visit("leon", 1, ((500, 560),), (Task("hoist", 30),)),)
    plan = solve(Day(cgs, visits, square(2), Weights()), time_limit=0.5)
    assert plan.routes == [] and [u.visit_id for u in plan.unserved] == ["leon"]


def test_a_double_up_with_one_able_caregiver_is_reported():
    cgs = (
        Caregiver("tom", frozenset({"care"}), 420, 900, 0, 0),
        Caregiver("grace", frozenset({"meds"}), 420, 900, 0, 0),
    )
    visits = (Visit("ruth", 1, ((540, 600),), (Task("care", 30), Task("care", 30)), "simultaneous"),)
    plan = solve(Day(cgs, visits, square(2), Weights(unserved=10)), time_limit=0.5)
    assert [u.visit_id for u in plan.unserved] == ["ruth"]


def test_the_time_limit_returns_the_best_found_and_says_so():
    cgs = tuple(Caregiver(f"c{i}", frozenset({"care"}), 420, 1020, 0, 0) for i in range(3))
    visits = tuple(
        Visit(f"v{i}", 1 + i, ((420 + 20 * i, 480 + 20 * i),), (Task("care", 20),)) for i in range(12)
    )
    day = Day(cgs, visits, square(13, 3), Weights(travel=1, total_tardiness=2, unserved=1000))
    plan = solve(day, time_limit=0.5)
    assert plan.time_limit_reached
    assert plan.seconds < 5
    assert hard_rule_violations(day, plan) == []


def test_a_mandatory_visit_the_tight_windows_cannot_reach_is_still_made_late():
    # The only caregiver starts at 10:00, hours after the window: the tight model (every task within
    # two hours of its window) has no plan, so the wide one makes the visit, late.
    cgs = (Caregiver("tom", frozenset({"care"}), 600, 900, 0, 0),)
    visits = (
        Visit("ada", 1, ((0, 60),), (Task("care", 30),)),
        Visit("leon", 2, ((600, 700),), (Task("care", 30),)),
    )
    day = Day(cgs, visits, square(3), Weights(travel=1, total_tardiness=5, unserved=100))
    plan = solve(day, time_limit=1.0)
    assert hard_rule_violations(day, plan) == []
    assert not plan.unserved
    assert "wide windows (none within the tight ones)" in plan.notes[-1]


def test_an_optional_visit_that_would_make_another_late_is_left_out_never_a_mandatory_one():
    # Two hour-long visits due by the same time, one caregiver: doing both makes one an hour late
    # (300 in tardiness) against 50 for leaving the optional one out.
    cgs = (Caregiver("tom", frozenset({"care"}), 420, 900, 0, 0),)
    visits = (
        Visit("kofi", 1, ((480, 490),), (Task("care", 60),), optional=True),
        Visit("ada", 2, ((480, 490),), (Task("care", 60),)),
    )
    day = Day(cgs, visits, square(3), Weights(travel=1, total_tardiness=5, unserved=50))
    plan = solve(day, time_limit=1.0)
    assert hard_rule_violations(day, plan) == []
    assert [(u.visit_id, u.reason) for u in plan.unserved] == [("kofi", "optional, left out as cheaper")]
    assert "within 120 minutes of every window" in " ".join(plan.notes)


# -------------------------------------------------------------- brute force on tiny days


@st.composite
def tiny_days(draw):
    n_cg = draw(st.integers(2, 3))
    n_v = draw(st.integers(3, 5))
    n = 1 + n_v
    pts = [(0, 0)] + [(draw(st.integers(0, 6)), draw(st.integers(0, 6))) for _ in range(n_v)]
    travel = tuple(tuple(5 * (abs(a[0] - b[0]) + abs(a[1] - b[1])) for b in pts) for a in pts)
    skills = ["care", "meds"]
    cgs = tuple(
        Caregiver(
            f"c{k}",
            frozenset({"care"} | ({"meds"} if draw(st.booleans()) else set())),
            0,
            10_000,
            0,
            0,
        )
        for k in range(n_cg)
    )
    visits = tuple(
        Visit(
            f"v{i}",
            1 + i,
            ((draw(st.integers(0, 100)), 10_000),),
            (Task(draw(st.sampled_from(skills)), draw(st.integers(5, 30))),),
            optional=draw(st.booleans()),
            preferred=frozenset(draw(st.sets(st.sampled_from([c.id for c in cgs]), max_size=1))),
        )
        for i in range(n_v)
    )
    assert n == len(travel)
    weights = Weights(travel=1, preference=draw(st.integers(0, 30)), unserved=draw(st.integers(0, 80)))
    return Day(cgs, visits, travel, weights)


def brute_force(day):
    """With no time-dependent costs and open windows: the cheapest choice of who does what, each
    caregiver's visits in their shortest order."""
    w = day.weights
    choices = []
    for v in day.visits:
        opts = [k for k, c in enumerate(day.caregivers) if v.tasks[0].skill in c.skills]
        if v.optional or not opts:
            opts = [*opts, None]
        choices.append(opts)
    best = None
    for pick in itertools.product(*choices):
        cost = 0
        for k, c in enumerate(day.caregivers):
            mine = [v for v, p in zip(day.visits, pick, strict=True) if p == k]
            cost += w.preference * sum(1 for v in mine if v.preferred and c.id not in v.preferred)
            if mine:
                cost += w.travel * min(
                    sum(
                        day.travel[a][b]
                        for a, b in itertools.pairwise([c.home, *[v.location for v in order], c.end_home])
                    )
                    for order in itertools.permutations(mine)
                )
        cost += w.unserved * sum(1 for p in pick if p is None)
        best = cost if best is None else min(best, cost)
    return best


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_days())
def test_on_tiny_days_the_solver_matches_brute_force(day):
    plan = solve(day, time_limit=0.4)
    assert hard_rule_violations(day, plan) == [
        f"{v.id} is not visited"
        for v in day.visits
        if not v.optional and not any(v.tasks[0].skill in c.skills for c in day.caregivers)
    ]
    assert plan.objective == brute_force(day)
