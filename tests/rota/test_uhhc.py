"""The UHHC adapter: the benchmark's smallest instance (i-116) read, solved briefly and written back,
and the written solution checked against the instance's raw JSON by the rules of the format."""

import json
from pathlib import Path

from lived.rota.solver import uhhc
from tests.rota.routing_check import hard_rule_violations

# The benchmark's smallest instance, copied unchanged with its licence (tests/rota/data/README.md), so
# this runs wherever the repository is cloned; benchmarks/uhhc.py reads all six from the oracle.
INSTANCE = Path(__file__).resolve().parent / "data" / "uhhc-i-116.json"


def test_i116_solved_briefly_holds_every_hard_rule(tmp_path, capsys):
    out = tmp_path / "solution.json"
    assert uhhc.main([str(INSTANCE), "--time-limit", "2", "--output", str(out)]) == 0
    assert "time limit reached" in capsys.readouterr().out
    raw = json.loads(INSTANCE.read_text())
    sol = json.loads(out.read_text())
    d = raw["distances"]
    patients = {p["id"]: p for p in raw["patients"]}
    points = {t["id"]: t["distance_matrix_index"] for t in raw["terminal_points"]}
    cgs = {c["id"]: c for c in raw["caregivers"]}
    given = {}
    for r in sol["routes"]:
        c = cgs[r["caregiver_id"]]
        stops = sorted(r["locations"], key=lambda x: x["start_service_time"])
        here = points[c["departing_point"]]
        first = stops[0]
        depart = first["start_service_time"] - d[here][patients[first["patient"]]["distance_matrix_index"]]
        assert depart >= c["working_shift"]["start"]
        free = depart
        for s in stops:
            p = patients[s["patient"]]
            loc = p["distance_matrix_index"]
            assert s["start_service_time"] >= free + d[here][loc]
            here, free = loc, s["end_service_time"]
            if s["service"] == "lunch_break":
                lb = raw["lunch_breaks"]
                assert c["lunch_break"]
                assert s["start_service_time"] >= lb["start"] and s["end_service_time"] <= lb["end"]
                assert s["end_service_time"] - s["start_service_time"] >= lb["min_duration"]
                continue
            assert s["service"] in c["abilities"]
            assert s["start_service_time"] >= p["time_windows"][0]["start"]
            need = {x["service"]: x["duration"] for x in p["required_services"]}[s["service"]]
            assert s["end_service_time"] - s["start_service_time"] >= need
            assert (p["id"], s["service"]) not in given
            given[p["id"], s["service"]] = (c["id"], s["start_service_time"])
    for p in raw["patients"]:
        done = [given.get((p["id"], x["service"])) for x in p["required_services"]]
        if not p.get("optional"):
            assert all(done), p["id"]
        assert all(done) or not any(done), p["id"]
        sync = (p.get("synchronization") or {}).get("type")
        if all(done) and sync in ("simultaneous", "sequential"):
            (c0, s0), (c1, s1) = done
            assert c0 != c1
            if sync == "simultaneous":
                assert s0 == s1
            else:
                dist = p["synchronization"]["distance"]
                assert dist["min"] <= s1 - s0 <= dist["max"]
    assert sol["cost"]["objective"] > 0 and sol["time_limit_reached"]


def test_the_adapter_reads_every_rule_the_routing_model_needs():
    day = uhhc.read_instance(json.loads(INSTANCE.read_text()))
    assert len(day.caregivers) == 4 and len(day.visits) == 10
    assert day.window_at_end and day.lunch.min_duration == 30
    assert day.weights.max_idle == 72 and day.weights.unserved == 200
    plan = uhhc.solve(day, time_limit=1)
    assert hard_rule_violations(day, plan) == []
