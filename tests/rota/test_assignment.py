"""The shift-assignment solver, checked by the independent checker: every hard rule on solved weeks,
and the cases a manager meets (no one can cover, leave, not-to-send, a time limit, a sickness)."""

import dataclasses
import datetime

from benchmarks.allocation import make_instance
from lived.rota.solver import checker
from lived.rota.solver.assignment import solve, travel_minutes
from lived.rota.solver.shifts import Absence, Preferences, Problem, Session, Status, Window, Worker

MONDAY = datetime.datetime(2027, 1, 4)
H = datetime.timedelta(hours=1)


def at(day: int, hour: float) -> datetime.datetime:
    return MONDAY + datetime.timedelta(days=day, hours=hour)


def session(sid, day, start, hours, person="ada", **kw) -> Session:
    return Session(sid, at(day, start), at(day, start + hours), person=person, **kw)


def worker(wid, **kw) -> Worker:
    kw.setdefault("contracted_minutes", 37 * 60)
    return Worker(wid, name=wid.capitalize(), **kw)


def week(sessions, workers, prefs=(), **kw) -> Problem:
    return Problem(
        tuple(sessions),
        tuple(workers),
        {p.person: p for p in prefs},
        horizon_start=MONDAY,
        horizon_end=MONDAY + 7 * 24 * H,
        **kw,
    )


def test_every_hard_rule_holds_on_a_solved_supported_living_week():
    problem = make_instance("supported-living")
    rota = solve(problem, time_limit=2)
    assert checker.check(problem, rota.assignments) == []
    assert checker.cost(problem, rota.assignments) == rota.objective
    assert rota.bound <= rota.objective
    assert rota.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_every_hard_rule_holds_on_a_solved_domiciliary_week():
    problem = make_instance("domiciliary")
    rota = solve(problem, time_limit=3)
    assert checker.check(problem, rota.assignments) == []
    assert checker.cost(problem, rota.assignments) == rota.objective
    assert not rota.unassigned


def test_a_week_no_rota_can_cover_says_which_sessions_and_why():
    problem = week(
        [session("morning", 0, 9, 3), session("overlap", 0, 10, 2, person="leon")],
        [worker("tom")],
    )
    rota = solve(problem, time_limit=5)
    assert rota.status == Status.INFEASIBLE
    assert rota.proven_optimal
    [uncovered] = rota.unassigned
    assert uncovered.missing == 1
    assert uncovered.reasons == {"at another session": 1}
    assert "at another session" in uncovered.reason
    assert checker.check(problem, rota.assignments) == []


def test_a_session_with_no_eligible_worker_names_the_rule_that_excluded_each_candidate():
    problem = week(
        [session("medication", 1, 8, 1, skills=frozenset({"medication"}))],
        [
            worker("tom", absences=(Absence(at(0, 0), at(3, 0), "leave"),), skills={"medication": None}),
            worker("grace"),
            worker("megan", skills={"medication": datetime.date(2027, 1, 4)}),  # lapsed on Monday
            worker("chris", absences=(Absence(at(1, 0), at(2, 0), "sick"),)),
        ],
    )
    rota = solve(problem, time_limit=5)
    [uncovered] = rota.unassigned
    assert uncovered.reasons == {
        "on leave": 1,
        "lacks the skill": 1,
        "their training has lapsed": 1,
        "off sick": 1,
    }
    assert uncovered.reason.startswith("No worker could be sent:")
    assert rota.assignments["medication"] == ()


def test_a_worker_on_leave_is_not_sent_and_the_person_is_told_why():
    tom = worker("tom", absences=(Absence(at(1, 0), at(2, 0), "leave"),))
    problem = week(
        [session("monday", 0, 8, 1), session("tuesday", 1, 8, 1)],
        [tom, worker("grace")],
        [Preferences("ada", ranked=("tom",))],
    )
    rota = solve(problem, time_limit=5)
    assert rota.assignments == {"monday": ("tom",), "tuesday": ("grace",)}
    [shortfall] = rota.shortfalls
    assert (shortfall.session, shortfall.preference, shortfall.worker) == (
        "tuesday",
        "preferred worker",
        "grace",
    )
    assert shortfall.reason == "Tom is on leave, so Grace is coming."
    assert rota.status == Status.OPTIMAL


def test_a_not_to_send_worker_is_never_sent_even_if_no_one_else_can_go():
    problem = week(
        [session("visit", 0, 8, 1), session("other", 0, 8, 1, person="leon")],
        [worker("tom"), worker("chris")],
        [Preferences("ada", not_to_send=frozenset({"chris"}))],
    )
    rota = solve(problem, time_limit=5)
    assert "chris" not in rota.assignments["visit"]
    assert rota.assignments["visit"] == ("tom",)
    blocked = week(
        [session("visit", 0, 8, 1)], [worker("chris")], [Preferences("ada", not_to_send=frozenset({"chris"}))]
    )
    assert solve(blocked, time_limit=5).unassigned[0].reasons == {"asked not to be sent": 1}


def test_a_double_up_gets_two_different_workers():
    problem = week(
        [session("hoist", 0, 8, 1, staff_needed=2)], [worker("tom"), worker("grace"), worker("megan")]
    )
    rota = solve(problem, time_limit=5)
    assert len(set(rota.assignments["hoist"])) == 2


def test_the_working_time_rules_hold():
    late_then_early = [session("late", 0, 15, 8), session("early", 1, 7, 8, person="leon")]  # 8 h apart
    back_to_back = [session("first", 2, 8, 4), session("second", 2, 12.1, 4, person="leon")]  # 6 min gap
    one_worker = week([*late_then_early, *back_to_back], [worker("tom")])
    rota = solve(one_worker, time_limit=5)
    assert checker.check(one_worker, rota.assignments) == []
    reasons = {u.session: u.reasons for u in rota.unassigned}
    assert len(reasons) == 2
    assert any("needs 11 hours' rest between working days" in r for r in reasons.values())
    assert any("needs a 20-minute break after 6 hours" in r for r in reasons.values())

    long_week = [session(f"day{d}", d, 7, 12, person=f"p{d}") for d in range(5)]  # 60 hours
    capped = solve(week(long_week, [worker("tom")]), time_limit=5)
    assert len(capped.unassigned) == 1  # 48 hours: four of the five days
    opted_out = solve(week(long_week, [worker("tom", opted_out_of_48_hours=True)]), time_limit=5)
    assert not opted_out.unassigned

    every_day = [session(f"day{d}", d, 8, 1, person=f"p{d}") for d in range(7)]  # rest never reaches 24 h
    rested = solve(week(every_day, [worker("tom")]), time_limit=5)
    assert rested.unassigned and rested.unassigned[0].reasons == {"needs 24 hours' rest in the week": 1}


def test_availability_windows_are_kept():
    tom = worker("tom", availability=(Window(at(0, 7), at(0, 12)), Window(at(0, 12), at(0, 14))))
    problem = week([session("inside", 0, 10, 3), session("outside", 0, 15, 1, person="leon")], [tom])
    rota = solve(problem, time_limit=5)
    assert rota.assignments["inside"] == ("tom",)
    assert rota.unassigned[0].reasons == {"not working then": 1}


def test_a_time_limit_keeps_the_best_rota_found_and_shows_the_gap():
    problem = make_instance("domiciliary")
    rota = solve(problem, time_limit=0.3)
    assert rota.status == Status.FEASIBLE
    assert rota.gap > 0
    assert rota.bound < rota.objective
    assert checker.check(problem, rota.assignments) == []
    assert not rota.unassigned


def test_replanning_after_a_sickness_changes_only_what_it_must_and_says_who_is_affected():
    # A house small enough to solve to optimality in a second, so the published rota is the best one.
    problem = make_instance((141, 10, 70, 5, 1, "shifts"))
    published = solve(problem, time_limit=5)
    assert published.proven_optimal
    # The worker with the most sessions on Wednesday goes off sick for that day.
    wednesday = [s for s in problem.sessions if s.start.date() == datetime.date(2027, 1, 6)]
    counts = {}
    for s in wednesday:
        for w in published.assignments[s.id]:
            counts[w] = counts.get(w, 0) + 1
    sick_id = max(counts, key=counts.get)
    workers = tuple(
        dataclasses.replace(w, absences=(*w.absences, Absence(at(2, 0), at(3, 0), "sick")))
        if w.id == sick_id
        else w
        for w in problem.workers
    )
    # A manager re-planning on the day weighs every change heavily (the default weighs one change as
    # much as several hours of support with a worker the person did not choose).
    weights = dataclasses.replace(problem.weights, change=50_000)
    replanned_problem = dataclasses.replace(
        problem, workers=workers, published=published.assignments, weights=weights
    )
    replanned = solve(replanned_problem, time_limit=5)
    assert replanned.proven_optimal
    assert checker.check(replanned_problem, replanned.assignments) == []
    lost = {s.id for s in wednesday if sick_id in published.assignments[s.id]}
    changed = {c.session for c in replanned.changes}
    assert lost <= changed
    assert len(changed) <= len(lost) + 2  # as little as it can: a swap or two at most around the gap
    assert sick_id in replanned.affected_workers
    people = {s.person for s in problem.sessions if s.id in changed and s.person}
    assert set(replanned.affected_people) == people


def test_the_checker_catches_every_broken_rule():
    tom = worker(
        "tom", skills={}, absences=(Absence(at(3, 0), at(4, 0), "leave"),), services=frozenset({"a"})
    )
    problem = week(
        [
            session("a", 0, 8, 2),
            session("b", 0, 9, 2, person="leon"),  # overlaps a
            session("c", 0, 22, 2, person="leon"),
            session("d", 1, 6, 1, person="leon"),  # 6 h after c: too little rest
            session("e", 3, 8, 1, skills=frozenset({"driver"})),  # on leave, no skill
            session("f", 4, 8, 1, service="b"),  # another service
        ],
        [tom],
        [Preferences("leon", not_to_send=frozenset({"tom"}))],
    )
    rules = {v.rule for v in checker.check(problem, {s.id: ("tom",) for s in problem.sessions})}
    assert {
        "two sessions at once",
        "11 hours' rest",
        "absence (leave)",
        "skill",
        "service",
        "not to send",
    } <= rules
    assert {v.rule for v in checker.check(problem, {"a": ("tom", "tom")})} >= {
        "double-up by the same worker",
        "more workers than needed",
    }


def test_a_gender_or_language_preference_not_met_is_a_shortfall_with_its_reason():
    sessions = [session(f"day{d}", d, 9, 2) for d in range(3)]
    workers = [
        worker("tom", gender="male", absences=(Absence(at(1, 0), at(2, 0), "leave"),)),
        worker("grace", gender="female", languages=frozenset({"Polish"})),
    ]
    prefs = Preferences("ada", gender="male", language="Polish", small_team=True)
    weights = dataclasses.replace(Problem((), ()).weights, small_team_size=1)
    problem = week(sessions, workers, [prefs], weights=weights)
    rota = solve(problem, time_limit=5)
    assert checker.check(problem, rota.assignments) == []
    # Only Tom is male and only Grace speaks Polish; a team of one: Grace every day, as a man never can.
    assert set(rota.assignments.values()) == {("grace",)}
    reasons = {s.session: s.reason for s in rota.shortfalls if s.preference == "gender"}
    assert reasons["day1"] == "No worker who matches (male) can be sent to this session."
    assert reasons["day0"].startswith("A worker who matches was free")
    assert not [s for s in rota.shortfalls if s.preference in ("language", "small team")]


# --- travel between visits ------------------------------------------------------------------------

LEEDS = (53.80, -1.55)
TEN_KM_NORTH = (53.80 + 10 / 111.2, -1.55)  # 10 km: 39 minutes at 20 km/h with the 1.3 detour


def test_travel_is_straight_line_distance_times_the_detour_at_the_speed_rounded_up():
    problem = week([], [])
    assert travel_minutes(problem, LEEDS, TEN_KM_NORTH) == 39  # 10.0 km x 1.3 / 20 km/h = 39 minutes
    assert travel_minutes(problem, LEEDS, LEEDS) == 0
    assert travel_minutes(problem, LEEDS, None) == 0
    faster = week([], [], travel_speed_kmh=60, detour_factor=1.0)
    assert travel_minutes(faster, LEEDS, TEN_KM_NORTH) == 10


def test_no_worker_takes_two_visits_too_far_apart_to_get_between_and_the_reason_says_so():
    visits = [
        session("first", 0, 9, 0.5, location=LEEDS),
        session("second", 0, 9.75, 0.5, location=TEN_KM_NORTH),  # 15 minutes after the first ends
    ]
    alone = week(visits, [worker("tom", home=LEEDS)])
    rota = solve(alone, time_limit=5)
    assert checker.check(alone, rota.assignments) == []
    assert sum(len(v) for v in rota.assignments.values()) == 1
    (uncovered,) = rota.unassigned
    assert "1 could not travel in time between this and another of their visits" in uncovered.reason
    # With Grace as well, Ada's choice of Tom for both cannot be met: the reason says why.
    prefs = [Preferences("ada", ranked=("tom",))]
    both = week(visits, [worker("tom", home=LEEDS), worker("grace")], prefs)
    rota = solve(both, time_limit=5)
    assert checker.check(both, rota.assignments) == []
    assert rota.assignments == {"first": ("tom",), "second": ("grace",)}
    (shortfall,) = rota.shortfalls
    assert (
        shortfall.reason
        == "Tom could not travel in time between this and another of their visits, so Grace is coming."
    )
    # The checker says so too when a rota sends Tom to both.
    assert [v.rule for v in checker.check(both, {"first": ("tom",), "second": ("tom",)})] == ["travel"]


def test_sessions_without_a_place_need_no_travel_and_a_faster_speed_makes_the_gap_enough():
    no_places = [session("first", 0, 9, 0.5), session("second", 0, 9.75, 0.5)]
    rota = solve(week(no_places, [worker("tom")]), time_limit=5)
    assert rota.assignments == {"first": ("tom",), "second": ("tom",)}
    visits = [
        session("first", 0, 9, 0.5, location=LEEDS),
        session("second", 0, 9.75, 0.5, location=TEN_KM_NORTH),
    ]
    fast = week(visits, [worker("tom")], travel_speed_kmh=60, detour_factor=1.0)
    rota = solve(fast, time_limit=5)
    assert rota.assignments == {"first": ("tom",), "second": ("tom",)}
    assert checker.check(fast, rota.assignments) == []


def test_least_travel_sends_the_worker_who_lives_nearby_and_keeps_rounds_short():
    north = [session(f"n{k}", 0, 9 + 2 * k, 1, person="leon", location=TEN_KM_NORTH) for k in range(2)]
    south = [session(f"s{k}", 0, 9 + 2 * k, 1, location=LEEDS) for k in range(2)]
    workers = [worker("tom", home=LEEDS), worker("grace", home=TEN_KM_NORTH)]
    problem = week(north + south, workers)
    rota = solve(problem, time_limit=5)
    assert checker.check(problem, rota.assignments) == []
    assert rota.assignments == {"s0": ("tom",), "s1": ("tom",), "n0": ("grace",), "n1": ("grace",)}
    assert rota.objective == checker.cost(problem, rota.assignments) == 0
    # The other way round costs the travel: 39 minutes from home for each, each a minute.
    swapped = {"s0": ("grace",), "s1": ("grace",), "n0": ("tom",), "n1": ("tom",)}
    assert checker.cost(problem, swapped) == 2 * 39


def test_every_hard_rule_holds_and_travel_is_priced_on_the_domiciliary_week_with_places():
    problem = make_instance("domiciliary")
    assert all(s.location is not None for s in problem.sessions)
    assert all(w.home is not None for w in problem.workers)
    rota = solve(problem, time_limit=3)
    assert checker.check(problem, rota.assignments) == []
    assert checker.cost(problem, rota.assignments) == rota.objective
    without = dataclasses.replace(problem, weights=dataclasses.replace(problem.weights, travel=0))
    assert checker.cost(without, rota.assignments) < rota.objective  # the travel is in the cost


def test_the_checker_prices_travel_per_working_day_from_home_and_skips_sessions_without_a_place():
    problem = week(
        [
            session("mon-a", 0, 9, 1, location=LEEDS),
            session("mon-b", 0, 11, 1),  # no place: no travel to or from it
            session("mon-c", 0, 13, 1, location=TEN_KM_NORTH),
            session("tue", 1, 9, 1, location=TEN_KM_NORTH),
        ],
        [worker("tom", home=LEEDS, contracted_minutes=10 * 60)],
    )
    everything = {s.id: ("tom",) for s in problem.sessions}
    assert checker.check(problem, everything) == []
    # Monday: home to a is 0, a to c is 39 (b has no place); Tuesday: home to the visit is 39.
    assert checker.cost(problem, everything) == 39 + 39
    # Without c, Monday has no travel beyond home to a; c's hour uncovered costs 100 a minute.
    assert checker.cost(problem, {**everything, "mon-c": ()}) == 100 * 60 + 39
    # A gap shorter than the travel breaks the rule even with a session without a place between.
    tight = week(
        [
            session("a", 0, 9, 0.5, location=LEEDS),
            session("b", 0, 9.5, 0.25),
            session("c", 0, 10, 0.5, location=TEN_KM_NORTH),
        ],
        [worker("tom")],
    )
    assert [v.detail for v in checker.check(tight, {"a": ("tom",), "b": ("tom",), "c": ("tom",)})] == [
        "tom: a then c"
    ]
