"""Tiny random weeks for the assignment solver (at most 3 workers, 5 sessions, some with places a few
kilometres apart) and the cheapest rota brute force finds for one, shared by the solver's property
tests and the tests of solving a week piece by piece."""

import datetime
import itertools

from hypothesis import strategies as st

from lived.rota.solver import checker
from lived.rota.solver.shifts import Absence, Preferences, Problem, Session, Worker

MONDAY = datetime.datetime(2027, 1, 4)
H = datetime.timedelta(hours=1)
PEOPLE = ["ada", "leon"]
WORKER_IDS = ["tom", "grace", "megan"]
# A few places in a city: 0, about 13, 26 and 46 minutes' travel from the first at 20 km/h.
PLACES = [(53.80, -1.55), (53.83, -1.55), (53.80, -1.45), (53.90, -1.50)]


@st.composite
def tiny_weeks(draw) -> Problem:
    travels = draw(st.booleans())
    places = st.sampled_from([None, *PLACES]) if travels else st.just(None)
    workers = []
    for wid in WORKER_IDS[: draw(st.integers(1, 3))]:
        absences = ()
        if draw(st.booleans()):
            day = draw(st.integers(0, 2))
            absences = (
                Absence(
                    MONDAY + day * 24 * H,
                    MONDAY + (day + 1) * 24 * H,
                    draw(st.sampled_from(["leave", "sick"])),
                ),
            )
        workers.append(
            Worker(
                wid,
                skills={"medication": None} if draw(st.booleans()) else {},
                gender=draw(st.sampled_from(["female", "male"])),
                contracted_minutes=draw(st.sampled_from([0, 4 * 60, 8 * 60])),
                maximum_minutes=draw(st.sampled_from([None, 6 * 60, 12 * 60])),
                absences=absences,
                home=draw(places),
            )
        )
    sessions = []
    for k in range(draw(st.integers(1, 5))):
        if travels:  # a busy morning, with gaps shorter than an hour, so travel decides
            start = MONDAY + draw(st.integers(0, 1)) * 24 * H + draw(st.integers(8, 10)) * H
            start += draw(st.sampled_from([0, 15, 30, 45])) * datetime.timedelta(minutes=1)
        else:
            start = MONDAY + draw(st.integers(0, 2)) * 24 * H + draw(st.integers(6, 20)) * H
        sessions.append(
            Session(
                f"s{k}",
                start,
                start + draw(st.sampled_from([0.5, 0.75, 1] if travels else [1, 2, 4, 7])) * H,
                person=draw(st.sampled_from(PEOPLE)),
                staff_needed=draw(st.sampled_from([1, 1, 1, 2])),
                skills=frozenset({"medication"}) if draw(st.booleans()) else frozenset(),
                location=draw(places),
            )
        )
    ids = [w.id for w in workers]
    prefs = {}
    for person in PEOPLE:
        ranked = tuple(draw(st.permutations(ids))[: draw(st.integers(0, len(ids)))])
        rest = [w for w in ids if w not in ranked]
        prefs[person] = Preferences(
            person,
            ranked=ranked,
            not_to_send=frozenset(rest[:1]) if rest and draw(st.booleans()) else frozenset(),
            gender=draw(st.sampled_from(["", "female", "male"])),
            small_team=draw(st.booleans()),
            last_week=frozenset(ids[:1]) if draw(st.booleans()) else frozenset(),
        )
    weights = Problem((), ()).weights
    # A team of one makes "a small team" bite on these tiny weeks.
    weights = type(weights)(small_team_size=1)
    return Problem(
        tuple(sessions), tuple(workers), prefs, weights, horizon_start=MONDAY, horizon_end=MONDAY + 7 * 24 * H
    )


def cheapest_by_brute_force(problem: Problem) -> int:
    ids = [w.id for w in problem.workers]
    options = []
    for s in problem.sessions:
        crews = [c for n in range(s.staff_needed + 1) for c in itertools.combinations(ids, n)]
        options.append([c for c in crews if not checker.check(problem, {s.id: c})])
    best = None
    for choice in itertools.product(*options):
        rota = {s.id: crew for s, crew in zip(problem.sessions, choice, strict=True)}
        if not checker.check(problem, rota):
            cost = checker.cost(problem, rota)
            best = cost if best is None else min(best, cost)
    return best
