"""A checker for the home-care routing solver's plans, written from the hard rules (not the solver's
code), shared by the routing tests and the UHHC adapter's tests."""


def hard_rule_violations(day, plan):
    """Every broken hard rule of a plan, in words; an empty list means it holds them all."""
    bad = []
    visits = {v.id: v for v in day.visits}
    cgs = {c.id: c for c in day.caregivers}
    done = {}  # (visit id, task index) -> (caregiver id, start)
    for r in plan.routes:
        c = cgs[r.caregiver_id]
        if r.departure < c.shift_start:
            bad.append(f"{c.id} leaves before the shift starts")
        here, free = c.home, r.departure
        lunches = 0
        for s in r.stops:
            v = visits[s.visit_id]
            if s.start < free + day.travel[here][v.location]:
                bad.append(f"{c.id} cannot reach {v.id} by {s.start}")
            here = v.location
            if s.task < 0:
                lunches += 1
                lr = day.lunch
                if not c.lunch or lr is None:
                    bad.append(f"{c.id} takes a lunch they are not due")
                elif (
                    s.start < lr.earliest_start
                    or s.end - s.start < lr.min_duration
                    or (s.end if day.window_at_end else s.start) > lr.latest
                ):
                    bad.append(f"{c.id}'s lunch is outside the rule")
            else:
                t = v.tasks[s.task]
                if t.skill not in c.skills:
                    bad.append(f"{c.id} lacks {t.skill} for {v.id}")
                if c.id in v.incompatible:
                    bad.append(f"{c.id} must not visit {v.id}")
                if s.start < v.windows[0][0]:
                    bad.append(f"{v.id} starts before its window")
                if s.end - s.start < t.duration:
                    bad.append(f"{v.id} is cut short")
                if (v.id, s.task) in done:
                    bad.append(f"{v.id} task {s.task} is done twice")
                done[v.id, s.task] = (c.id, s.start)
            free = s.end
        if lunches > 1:
            bad.append(f"{c.id} has {lunches} lunches")
        if r.return_time < free + day.travel[here][c.end_home]:
            bad.append(f"{c.id} cannot be home by {r.return_time}")
    for v in day.visits:
        served = [i for i in range(len(v.tasks)) if (v.id, i) in done]
        if not served and not v.optional:
            bad.append(f"{v.id} is not visited")
        if served and len(served) != len(v.tasks):
            bad.append(f"{v.id} is only partly visited")
        if len(served) == 2 and v.sync != "independent":
            (c0, s0), (c1, s1) = done[v.id, 0], done[v.id, 1]
            if c0 == c1:
                bad.append(f"{v.id} needs two caregivers")
            if v.sync == "simultaneous" and s0 != s1:
                bad.append(f"{v.id}'s two caregivers do not start together")
            if v.sync == "sequential" and not v.sync_min <= s1 - s0 <= v.sync_max:
                bad.append(f"{v.id}'s second caregiver is out of sequence")
    return bad
