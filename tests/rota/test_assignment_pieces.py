"""A week that splits by service is solved piece by piece (ADR 0021): on tiny random weeks with two
services and a worker at both, the decomposed solve's rota holds every rule and its bound never
exceeds the cheapest rota brute force finds, nor does the sum of the pieces' proven optima (each
piece is a relaxation of its part of the week), with or without travel. The LP bound the solver
uses above the exact model's size never exceeds it either."""

import datetime
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lived.rota.solver import checker
from lived.rota.solver.assignment import _index, _lp_bound, _lp_bounds, pieces, solve
from lived.rota.solver.shifts import Preferences, Problem, Session, Worker
from tests.rota.assignment_weeks import PLACES, cheapest_by_brute_force, tiny_weeks

MONDAY = datetime.datetime(2027, 1, 4)
H = datetime.timedelta(hours=1)
SERVICES = ["north", "south"]


@st.composite
def two_service_weeks(draw) -> Problem:
    travels = draw(st.booleans())
    places = st.sampled_from([None, *PLACES]) if travels else st.just(None)
    # The first worker works at both services; the others at one each (or both).
    memberships = [frozenset(SERVICES)] + [
        frozenset(draw(st.sampled_from([["north"], ["south"], SERVICES])))
        for _ in range(draw(st.integers(1, 2)))
    ]
    workers = [
        Worker(
            wid,
            services=services,
            gender=draw(st.sampled_from(["female", "male"])),
            contracted_minutes=draw(st.sampled_from([0, 2 * 60, 4 * 60])),
            maximum_minutes=draw(st.sampled_from([None, 3 * 60, 6 * 60])),
            home=draw(places),
        )
        for wid, services in zip(["tom", "grace", "megan"], memberships, strict=False)
    ]
    people = {"ada": "north", "leon": "south"}
    sessions = []
    for k in range(draw(st.integers(2, 5))):
        start = MONDAY + draw(st.integers(0, 1)) * 24 * H + draw(st.integers(8, 10)) * H
        start += draw(st.sampled_from([0, 30])) * datetime.timedelta(minutes=1)
        person = draw(st.sampled_from(list(people)))
        sessions.append(
            Session(
                f"s{k}",
                start,
                start + draw(st.sampled_from([0.5, 1, 2])) * H,
                person=person,
                service=people[person],
                staff_needed=draw(st.sampled_from([1, 1, 2])),
                location=draw(places),
            )
        )
    ids = [w.id for w in workers]
    prefs = {
        person: Preferences(
            person,
            ranked=tuple(draw(st.permutations(ids))[: draw(st.integers(0, len(ids)))]),
            small_team=draw(st.booleans()),
            last_week=frozenset(ids[:1]) if draw(st.booleans()) else frozenset(),
        )
        for person in people
    }
    weights = type(Problem((), ()).weights)(small_team_size=1)
    return Problem(
        tuple(sessions), tuple(workers), prefs, weights, horizon_start=MONDAY, horizon_end=MONDAY + 7 * 24 * H
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_service_weeks())
def test_the_decomposed_bound_never_exceeds_the_cheapest_rota(problem):
    cheapest = cheapest_by_brute_force(problem)
    # prune_above=0 sends every week that splits down the decomposed path.
    rota = solve(problem, time_limit=5, threads=1, prune_above=0)
    assert checker.check(problem, rota.assignments) == []
    assert checker.cost(problem, rota.assignments) == rota.objective
    assert rota.bound <= cheapest <= rota.objective
    parts = pieces(problem)
    if len({s.service for s in problem.sessions}) < 2:
        assert parts is None
        return
    solved = [solve(part, time_limit=5, threads=1) for part in parts]
    assert sum(r.bound for r in solved) <= cheapest
    if all(r.proven_optimal for r in solved):
        assert sum(r.objective for r in solved) <= cheapest


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_service_weeks())
def test_with_a_home_service_each_worker_is_in_one_piece_and_the_rotas_join(problem):
    if len({s.service for s in problem.sessions}) < 2:
        return
    home = {w.id: sorted(w.services)[-1] for w in problem.workers}
    parts = pieces(problem, home)
    seen = [w.id for part in parts for w in part.workers]
    assert len(seen) == len(set(seen))
    joined = {}
    for part in parts:
        joined.update(solve(part, time_limit=5, threads=1).assignments)
    assert checker.check(problem, joined) == []


def test_a_week_of_one_service_does_not_split():
    worker = Worker("tom", services=frozenset({"north"}))
    session = Session("s0", MONDAY + 9 * H, MONDAY + 10 * H, person="ada", service="north")
    assert pieces(Problem((session,), (worker,))) is None
    assert pieces(Problem((Session("s1", MONDAY, MONDAY + H),), (worker,))) is None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(tiny_weeks(), two_service_weeks()))
def test_the_lp_bound_never_exceeds_the_cheapest_rota(problem):
    cheapest = cheapest_by_brute_force(problem)
    lp = _lp_bound(_index(problem), time.perf_counter() + 30)
    assert lp is not None
    assert lp <= cheapest
    # The services' LPs summed (each piece a relaxation), then the whole week's.
    assert _lp_bounds(_index(problem), problem, time.perf_counter() + 30) <= cheapest
