"""On tiny random weeks (at most 3 workers, 5 sessions) the solver's rota is the cheapest one that
holds every hard rule: brute force over every rota the checker accepts finds none cheaper. Some weeks
have places (sessions at a few points a few kilometres apart, some workers with a home base), so the
travel rule and the cost of travel are held to brute force too."""

from hypothesis import HealthCheck, given, settings

from lived.rota.solver import checker
from lived.rota.solver.assignment import solve
from lived.rota.solver.shifts import Status
from tests.rota.assignment_weeks import cheapest_by_brute_force, tiny_weeks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_weeks())
def test_the_solver_finds_the_cheapest_rota_that_holds_every_rule(problem):
    rota = solve(problem, time_limit=5, threads=1)
    assert checker.check(problem, rota.assignments) == []
    assert checker.cost(problem, rota.assignments) == rota.objective
    assert rota.objective == cheapest_by_brute_force(problem)
    assert rota.proven_optimal
    assert rota.bound == rota.objective
    assert rota.status in (Status.OPTIMAL, Status.INFEASIBLE)
    for uncovered in rota.unassigned:
        assert uncovered.reason and sum(uncovered.reasons.values()) >= 1
