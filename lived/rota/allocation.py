"""The allocation in the app: a service's week turned into the solver's `Problem`, the `Rota` it
returns turned back into assignments, uncovered sessions and shortfalls, overrides by hand, and
publishing (issue 14, items 4, 5 and 10).

Guarantees (tests/rota/test_allocation.py):
- A run is one `Allocation` for the week's `RotaWeek`, solved in the background
  (lived.rota.tasks.run_allocation). Its rows are written in one transaction together with its status
  moving to "ready", so a retried job writes nothing twice, and a run that is not queued or running
  is left alone.
- Every run, override and publish moves the week's version on; each of them is refused (StaleEdit)
  when the page it came from showed an older version, so a stale planner page never publishes over
  a newer run.
- Hard rules come from the records: the service's workers (lived.rota.queries.workers_at), their
  skills on the day (with expiry), weekly times (no times set: not working), leave and sickness,
  contracted and most hours, the 48-hour opt-out; the person's not-to-send list is never broken.
- An override names a reason, keeps the row it replaced, is refused when the worker may not be sent
  (not to send, on leave, at another session, not working then, no skill, hours or rest), and records
  a shortfall when the new worker is not one the person chose; the person's shortfalls about the
  whole week (a small team, last week's worker) are then worked out again from the rota as changed.
- Re-planning (a run when the week has a published rota) is based on the published one; its changes
  are penalised by the solver and listed, with who is affected, by `changes_from`.

Training days are leave to the solver (it knows leave and sickness only), so a reason says "on leave".
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from lived.core.audit import record_change
from lived.core.concurrency import check_version
from lived.core.conf import lived_settings
from lived.core.models import AuditEvent
from lived.jobs.models import Job
from lived.rota.models import (
    Absence,
    Allocation,
    Assignment,
    Availability,
    NotToSend,
    PreferredWorker,
    RotaWeek,
    Shortfall,
    SupportPreferences,
    SupportSession,
    Uncovered,
    WorkerSkill,
)
from lived.rota.queries import short_names, workers_at
from lived.rota.solver import shifts
from lived.rota.solver.checker import check
from lived.rota.travel import locations_for

A = AuditEvent.Action
S = Allocation.Status
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
DEFAULT_TIME_LIMIT = 10  # seconds; Allocation.time_limit_seconds keeps each run's own
UNDER_WAY = (S.QUEUED, S.RUNNING)
RUN_JOB = "lived.rota.tasks.run_allocation"
COULD_NOT_FINISH = "The allocation could not finish. Run it again."

PREFERENCE = {
    "preferred worker": Shortfall.Preference.PREFERRED_WORKER,
    "gender": Shortfall.Preference.GENDER,
    "language": Shortfall.Preference.LANGUAGE,
    "small team": Shortfall.Preference.SMALL_TEAM,
    "last week's worker": Shortfall.Preference.LAST_WEEK,
}

# What the independent checker's rules mean for an override, in words (lived/rota/solver/checker.py).
BROKEN = {
    "not to send": "is on the person's list of workers not to send",
    "availability": "is not working then",
    "absence (leave)": "is on leave then",
    "absence (sick)": "is off sick then",
    "absence (training)": "is on a training day then",
    "absence (elsewhere)": "is already sent to a session at another service then",
    "skill": "does not have a skill this session needs",
    "skill expired": "has training for this session that has lapsed",
    "hours": "would go over their hours limit this week",
    "two sessions at once": "is at another session then",
    "11 hours' rest": "would not have 11 hours' rest between working days",
    "20-minute break": "would work more than 6 hours without a 20-minute break",
    "24 hours' rest": "would not have 24 hours' rest this week",
    "service": "works at another service",
    "double-up by the same worker": "is already on this session",
    "travel": "cannot get there in time from their other visit",
}


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time)


def _minutes(hours) -> int | None:
    return None if hours is None else int(hours * 60)


# --- the week's problem ------------------------------------------------------------------------


@dataclass
class WeekProblem:
    """The solver's problem for one service's week, and the rows its ids stand for."""

    problem: shifts.Problem
    sessions: dict[str, SupportSession]
    workers: dict[str, object]  # worker id -> User
    names: dict[str, str]  # worker id -> first name (with an initial where two share one)
    not_to_send: dict[str, set[str]] = field(default_factory=dict)  # person id -> worker ids


def week_sessions_of(service, week_start: datetime.date) -> list[SupportSession]:
    """Every planned session at the service in the week, with its person and skills (the job reads
    them for the whole service; pages show them through the scoped lookup)."""
    return list(
        SupportSession.objects.filter(
            service=service,
            date__range=(week_start, week_start + datetime.timedelta(days=6)),
            status=SupportSession.Status.PLANNED,
        )
        .select_related("person")
        .prefetch_related("skills")
        .order_by("date", "window_start", "pk")
    )


def session_times(session: SupportSession) -> tuple[datetime.datetime, datetime.datetime]:
    """A session starts at the beginning of its arrival window and lasts its duration."""
    start = _at(session.date, session.window_start)
    return start, start + datetime.timedelta(minutes=session.duration_minutes)


def current_assignments(allocation) -> dict[str, tuple[str, ...]]:
    """Session id -> worker ids of the allocation's current (not replaced) assignments."""
    found: dict[str, list[str]] = defaultdict(list)
    if allocation is None:
        return {}
    for session_id, worker_id in Assignment.objects.filter(
        allocation=allocation, replaced_at__isnull=True
    ).values_list("session_id", "worker_id"):
        found[str(session_id)].append(str(worker_id))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _left_after(maximum: int | None, opted_out: bool, elsewhere: int) -> int | None:
    """The most minutes left for this service's week once the worker's sessions at other services are
    counted: of their own maximum and, unless they opted out, the 48-hour week."""
    if not elsewhere:
        return maximum
    limits = [m for m in (maximum, None if opted_out else shifts.WEEK_MINUTES_48) if m is not None]
    return max(0, min(limits) - elsewhere) if limits else None


def build_problem(service, week_start: datetime.date, *, published=None) -> WeekProblem:
    """The solver's `Problem` for the service's week, read from the records. `published`: the week's
    published allocation when re-planning (every change from it is penalised)."""
    sessions = week_sessions_of(service, week_start)
    week_end = week_start + WEEK
    users = workers_at(service.pk)
    user_ids = [u.pk for u in users]
    names = {str(pk): name for pk, name in short_names(users).items()}
    places, homes = locations_for(sessions, users)  # travel between visits (lived/rota/travel.py)

    skills: dict[int, dict[str, datetime.date | None]] = defaultdict(dict)
    for held in WorkerSkill.objects.filter(
        profile__user_id__in=user_ids, archived_at__isnull=True
    ).select_related("profile"):
        skills[held.profile.user_id][str(held.skill_id)] = held.expires_on
    windows: dict[int, list[shifts.Window]] = defaultdict(list)
    pattern = list(Availability.objects.filter(worker_id__in=user_ids, archived_at__isnull=True))
    for n in range(7):
        day = week_start + n * DAY
        for entry in pattern:
            if entry.weekday == day.weekday():
                windows[entry.worker_id].append(shifts.Window(_at(day, entry.start), _at(day, entry.end)))
    away: dict[int, list[shifts.Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        worker_id__in=user_ids, archived_at__isnull=True, starts_on__lt=week_end, ends_on__gte=week_start
    ):
        kind = {Absence.Kind.SICKNESS: "sick", Absence.Kind.TRAINING: "training"}.get(absence.kind, "leave")
        away[absence.worker_id].append(
            shifts.Absence(
                _at(absence.starts_on, datetime.time()), _at(absence.ends_on + DAY, datetime.time()), kind
            )
        )
    # Sessions the workers are already sent to at other services, on those services' published rotas:
    # busy then, and those hours count towards the week's limits (HAZ-044).
    elsewhere_minutes: dict[int, int] = defaultdict(int)
    for assignment in (
        Assignment.objects.filter(
            worker_id__in=user_ids,
            replaced_at__isnull=True,
            allocation__status=Allocation.Status.PUBLISHED,
            session__status=SupportSession.Status.PLANNED,
            session__date__range=(week_start - DAY, week_end),
        )
        .exclude(session__service=service)
        .select_related("session")
    ):
        start, end = session_times(assignment.session)
        away[assignment.worker_id].append(shifts.Absence(start, end, "elsewhere"))
        if week_start <= assignment.session.date < week_end:
            elsewhere_minutes[assignment.worker_id] += assignment.session.duration_minutes
    workers = []
    for user in users:
        profile = user.profile
        workers.append(
            shifts.Worker(
                id=str(user.pk),
                name=names[str(user.pk)],
                skills=skills.get(user.pk, {}),
                gender=profile.gender if profile else "",
                languages=frozenset(lang.lower() for lang in profile.language_list)
                if profile
                else frozenset(),
                contracted_minutes=(_minutes(profile.contracted_hours) or 0) if profile else 0,
                maximum_minutes=_left_after(
                    _minutes(profile.maximum_hours) if profile else None,
                    bool(profile and profile.opted_out_of_48_hours),
                    elsewhere_minutes.get(user.pk, 0),
                ),
                availability=tuple(windows.get(user.pk, ())),
                absences=tuple(away.get(user.pk, ())),
                opted_out_of_48_hours=bool(profile and profile.opted_out_of_48_hours),
                home=homes.get(str(user.pk)),
            )
        )

    person_ids = {s.person_id for s in sessions if s.person_id}
    not_to_send: dict[str, set[str]] = defaultdict(set)
    for person_id, worker_id in NotToSend.objects.filter(
        person_id__in=person_ids, archived_at__isnull=True
    ).values_list("person_id", "worker_id"):
        not_to_send[str(person_id)].add(str(worker_id))
    ranked: dict[int, list[str]] = defaultdict(list)
    for prefs_person, worker_id in (
        PreferredWorker.objects.filter(preferences__person_id__in=person_ids)
        .order_by("preferences__person_id", "rank")
        .values_list("preferences__person_id", "worker_id")
    ):
        ranked[prefs_person].append(str(worker_id))
    last_week = _last_weeks_workers(service, week_start)
    preferences = {}
    choices = {p.person_id: p for p in SupportPreferences.objects.filter(person_id__in=person_ids)}
    for person_id in person_ids:
        key = str(person_id)
        barred = not_to_send.get(key, set())
        chosen = choices.get(person_id)
        preferences[key] = shifts.Preferences(
            person=key,
            ranked=tuple(w for w in ranked.get(person_id, []) if w not in barred),
            not_to_send=frozenset(barred),
            gender=chosen.preferred_gender if chosen else "",
            language=chosen.preferred_language.strip().lower() if chosen else "",
            small_team=bool(chosen and chosen.small_team),
            last_week=frozenset(last_week.get(person_id, set()) - barred),
        )
    solver_sessions = []
    for session in sessions:
        start, end = session_times(session)
        solver_sessions.append(
            shifts.Session(
                id=str(session.pk),
                start=start,
                end=end,
                person=str(session.person_id) if session.person_id else None,
                staff_needed=session.staff_needed,
                skills=frozenset(str(skill.pk) for skill in session.skills.all()),
                location=places.get(str(session.pk)),
            )
        )
    problem = shifts.Problem(
        sessions=tuple(solver_sessions),
        workers=tuple(workers),
        preferences=preferences,
        published=current_assignments(published) if published is not None else None,
        horizon_start=_at(week_start, datetime.time()),
        horizon_end=_at(week_end, datetime.time()),
        travel_speed_kmh=lived_settings().travel_speed_kmh,
    )
    return WeekProblem(
        problem,
        {str(s.pk): s for s in sessions},
        {str(u.pk): u for u in users},
        names,
        dict(not_to_send),
    )


def _last_weeks_workers(service, week_start: datetime.date) -> dict[int, set[str]]:
    """Person pk -> the workers who came to them in the previous week's published rota."""
    before = RotaWeek.objects.filter(service=service, week_start=week_start - WEEK).first()
    found: dict[int, set[str]] = defaultdict(set)
    if before is None or before.published_id is None:
        return found
    for person_id, worker_id in Assignment.objects.filter(
        allocation_id=before.published_id, replaced_at__isnull=True, session__person__isnull=False
    ).values_list("session__person_id", "worker_id"):
        found[person_id].add(str(worker_id))
    return found


# --- running ---------------------------------------------------------------------------------------


def _may_plan(actor, service) -> None:
    if not actor.has_perm("rota.plan_sessions", service):
        raise PermissionDenied("You do not plan the rota at this service")


def week_of(service, week_start: datetime.date) -> RotaWeek | None:
    return (
        RotaWeek.objects.filter(service=service, week_start=week_start)
        .select_related("draft", "published")
        .first()
    )


def _locked_week(service, week_start: datetime.date) -> RotaWeek:
    week, _ = RotaWeek.objects.get_or_create(service=service, week_start=week_start)
    return RotaWeek.objects.select_for_update().get(pk=week.pk)


def _bump(week: RotaWeek, actor) -> None:
    week.version += 1
    if getattr(actor, "is_authenticated", False):
        week.updated_by = actor
    week.save(update_fields=["draft", "published", "version", "updated_by", "updated_at"])


def start_run(
    *, actor, service, week_start: datetime.date, opened_version: int | None, time_limit: int | None = None
) -> Allocation:
    """Queue a run of the allocation for the service's week: a re-plan, based on the published rota,
    when the week has one. Refused while a run is under way, and when the page was stale."""
    _may_plan(actor, service)
    if week_start.weekday() != 0:
        raise ValidationError("A rota week begins on a Monday")
    # lived.rota.tasks imports this module, so the job is found by its dotted path.
    run_allocation = import_string(RUN_JOB)
    with transaction.atomic():
        week = _locked_week(service, week_start)
        check_version(week, opened_version, {})
        if week.allocations.filter(status__in=UNDER_WAY).exists():
            raise ValidationError("The allocation is already running for this week: wait for it to finish")
        if week.draft_id and week.draft.status == S.READY:
            Allocation.objects.filter(pk=week.draft_id).update(status=S.SUPERSEDED, updated_at=timezone.now())
        allocation = Allocation.objects.create(
            week=week,
            based_on_id=week.published_id,
            time_limit_seconds=time_limit or DEFAULT_TIME_LIMIT,
            created_by=actor,
        )
        queued = run_allocation.enqueue(
            key=f"rota_allocation:{allocation.public_id}",
            actor=actor,
            allocation_id=str(allocation.public_id),
        )
        allocation.job_public_id = queued.public_id
        allocation.save(update_fields=["job_public_id", "updated_at"])
        week.draft = allocation
        _bump(week, actor)
        what = "Re-planned the rota" if week.published_id else "Ran the allocation"
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=allocation,
            what=f"{what} for {service.name}, week beginning {week_start.isoformat()}",
        )
    return allocation


def job_of(allocation: Allocation) -> Job | None:
    if allocation.job_public_id is None:
        return None
    return Job.objects.select_related("progress").filter(public_id=allocation.job_public_id).first()


def settle_failed(allocation: Allocation, job: Job | None) -> Allocation:
    """A run whose job has given up is failed (the job's own record keeps the error for
    administrators); the page then offers a new run."""
    if allocation.status in UNDER_WAY and job is not None and job.status == Job.Status.FAILED:
        Allocation.objects.filter(pk=allocation.pk, status__in=UNDER_WAY).update(
            status=S.FAILED,
            message="The allocation could not finish. Run it again.",
            updated_at=timezone.now(),
        )
        allocation.status = S.FAILED
        allocation.message = COULD_NOT_FINISH
    return allocation


def mark_running(allocation_id) -> Allocation | None:
    """The run, now running; None when it is no longer queued or running (done by an earlier attempt,
    or replaced)."""
    with transaction.atomic():
        allocation = Allocation.objects.select_for_update().filter(public_id=allocation_id).first()
        if allocation is None or allocation.status not in UNDER_WAY:
            return None
        allocation.status = S.RUNNING
        allocation.save(update_fields=["status", "updated_at"])
    return Allocation.objects.select_related("week__service", "based_on").get(pk=allocation.pk)


def save_rota(allocation: Allocation, week: WeekProblem, rota: shifts.Rota) -> bool:
    """The solver's rota as rows, with the run's status moving to ready, in one transaction. False
    (and nothing written) when the run is no longer running: a retry after the rows were saved."""
    with transaction.atomic():
        locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if locked.status != S.RUNNING:
            return False
        Assignment.objects.bulk_create(
            Assignment(allocation=locked, session=week.sessions[sid], worker=week.workers[wid])
            for sid, wids in rota.assignments.items()
            for wid in wids
        )
        Uncovered.objects.bulk_create(
            Uncovered(allocation=locked, session=week.sessions[u.session], missing=u.missing, reason=u.reason)
            for u in rota.unassigned
        )
        people = {str(s.person_id): s.person for s in week.sessions.values() if s.person_id}
        Shortfall.objects.bulk_create(
            Shortfall(
                allocation=locked,
                person=people[s.person],
                session=week.sessions[s.session] if s.session else None,
                preference=PREFERENCE.get(s.preference, Shortfall.Preference.PREFERRED_WORKER),
                reason=s.reason,
                instead=week.workers.get(s.worker) if s.worker else None,
            )
            for s in rota.shortfalls
            if s.person in people
        )
        locked.status = S.READY
        locked.solver_status = str(rota.status)
        locked.objective, locked.bound = rota.objective, rota.bound
        locked.solve_seconds = rota.solve_seconds
        locked.sessions_count = len(week.sessions)
        locked.message = _summary(week, rota)
        locked.save()
    return True


def _summary(week: WeekProblem, rota: shifts.Rota) -> str:
    if not week.sessions:
        return "There are no sessions this week to plan."
    if not week.problem.workers:
        return "Nobody works at this service yet, so no session could be covered."
    if rota.unassigned:
        n = len(rota.unassigned)
        return f"{n} {'session' if n == 1 else 'sessions'} could not be covered: the reasons are beside each."
    return ""


def fail_run(allocation_id, message: str) -> None:
    Allocation.objects.filter(public_id=allocation_id, status__in=UNDER_WAY).update(
        status=S.FAILED, message=message, updated_at=timezone.now()
    )


# --- overriding ------------------------------------------------------------------------------------


def _draft_for_change(actor, allocation: Allocation, opened_version) -> RotaWeek:
    week = RotaWeek.objects.select_for_update().select_related("service").get(pk=allocation.week_id)
    _may_plan(actor, week.service)
    check_version(week, opened_version, {})
    allocation.status = (
        Allocation.objects.select_for_update().values_list("status", flat=True).get(pk=allocation.pk)
    )
    if week.draft_id != allocation.pk or allocation.status != S.READY:
        raise ValidationError("Only the rota being checked can be changed: run the allocation again")
    return week


def override(
    *, actor, allocation: Allocation, session: SupportSession, replacing, worker, reason: str, opened_version
) -> Assignment:
    """Send `worker` to the session instead of `replacing` (None: to a place no one could fill), for
    `reason`. Refused, with why, when the worker may not be sent. The replaced row is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you are changing who goes"})
    with transaction.atomic():
        week = _draft_for_change(actor, allocation, opened_version)
        built = build_problem(week.service, week.week_start)
        sid, wid = str(session.pk), str(worker.pk)
        if sid not in built.sessions:
            raise ValidationError("This session is not in this week's rota")
        if wid not in built.workers:
            raise ValidationError({"worker": "Choose someone who works at this service"})
        assignments = current_assignments(allocation)
        now_on = list(assignments.get(sid, ()))
        name = built.names[wid]
        if replacing is not None:
            if str(replacing.pk) not in now_on:
                raise ValidationError("That worker is no longer on this session: open the week again")
            if replacing.pk == worker.pk:
                raise ValidationError({"worker": f"{name} is already going: choose someone else"})
            now_on.remove(str(replacing.pk))
        elif len(now_on) >= session.staff_needed:
            raise ValidationError("This session already has everyone it needs")
        if wid in now_on:
            raise ValidationError({"worker": f"{name} is already on this session"})
        before = check(built.problem, assignments)
        assignments[sid] = tuple(sorted([*now_on, wid]))
        broken = [v for v in check(built.problem, assignments) if v not in before and _about(v, wid)]
        if broken:
            words = sorted({BROKEN.get(v.rule, v.rule) for v in broken})
            raise ValidationError({"worker": f"{name} cannot be sent: {name} " + "; and ".join(words) + "."})
        now = timezone.now()
        old = None
        if replacing is not None:
            old = Assignment.objects.get(
                allocation=allocation, session=session, worker=replacing, replaced_at__isnull=True
            )
            old.replaced_at, old.replaced_by = now, actor
            old.save(update_fields=["replaced_at", "replaced_by", "updated_at"])
            # What the rota said of the worker who no longer goes (the audit row keeps the change).
            Shortfall.objects.filter(allocation=allocation, session=session, instead=replacing).delete()
        else:
            gap = Uncovered.objects.filter(allocation=allocation, session=session, missing__gt=0).first()
            if gap is not None:
                gap.missing -= 1
                gap.save(update_fields=["missing", "updated_at"])
        new = Assignment.objects.create(
            allocation=allocation, session=session, worker=worker, override_reason=reason, created_by=actor
        )
        _override_shortfalls(built, allocation, session, worker, replacing, reason)
        _week_shortfalls(built, allocation, session, assignments)
        _bump(week, actor)
        was = built.names.get(str(replacing.pk), replacing.first_name) if replacing is not None else "no one"
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=new,
            person_public_id=session.person.public_id if session.person_id else None,
            what=f"Changed who goes to {session}: {name} instead of {was}",
            before={"worker": was},
            after={"worker": name, "reason": reason},
        )
    return new


def _about(violation, worker_id: str) -> bool:
    """Whether the checker's violation is about this worker (its detail begins with their id)."""
    return violation.detail.split(" ", 1)[0].rstrip(":") == worker_id


def _override_shortfalls(built: WeekProblem, allocation, session, worker, replacing, reason: str) -> None:
    if not session.person_id:
        return
    prefs = built.problem.preferences.get(str(session.person_id))
    if prefs is None:
        return
    w = next(x for x in built.problem.workers if x.id == str(worker.pk))
    name = built.names[w.id]
    said = f"The rota was changed by hand, so {name} is coming. The reason: {reason}"
    found = []
    if prefs.ranked and w.id not in prefs.ranked:
        found.append(Shortfall.Preference.PREFERRED_WORKER)
    if prefs.gender and w.gender != prefs.gender:
        found.append(Shortfall.Preference.GENDER)
    if prefs.language and prefs.language not in w.languages:
        found.append(Shortfall.Preference.LANGUAGE)
    Shortfall.objects.bulk_create(
        Shortfall(
            allocation=allocation,
            person=session.person,
            session=session,
            preference=preference,
            reason=said,
            instead=worker,
            by_override=True,
        )
        for preference in found
    )


def _week_shortfalls(
    built: WeekProblem, allocation, session, assignments: dict[str, tuple[str, ...]]
) -> None:
    """The person's shortfalls about the whole week (a small team, last week's worker) as the rota now
    stands after an override: a row the override made true is added, one it made untrue is removed,
    and one still true is kept (a small team's with the count as it now is)."""
    if not session.person_id:
        return
    person_id = str(session.person_id)
    prefs = built.problem.preferences.get(person_id)
    if prefs is None:
        return
    team = {
        wid
        for sid, row in built.sessions.items()
        if row.person_id == session.person_id
        for wid in assignments.get(sid, ())
    }
    size = built.problem.weights.small_team_size
    unmet = {}
    if prefs.small_team and len(team) > size:
        unmet[Shortfall.Preference.SMALL_TEAM] = (
            f"{len(team)} different workers this week: the rota was changed by hand, "
            f"so a team of {size} does not cover every session."
        )
    if prefs.last_week and not team & prefs.last_week:
        unmet[Shortfall.Preference.LAST_WEEK] = (
            "The rota was changed by hand, so no one who came last week is coming this week."
        )
    rows = Shortfall.objects.filter(
        allocation=allocation,
        person_id=session.person_id,
        session__isnull=True,
        preference__in=[Shortfall.Preference.SMALL_TEAM, Shortfall.Preference.LAST_WEEK],
    )
    kept = set()
    for row in rows:
        if row.preference not in unmet:
            row.delete()
        elif row.preference == Shortfall.Preference.SMALL_TEAM and not row.reason.startswith(f"{len(team)} "):
            row.delete()  # the number of workers it gives is no longer the week's
        else:
            kept.add(row.preference)
    Shortfall.objects.bulk_create(
        Shortfall(
            allocation=allocation,
            person=session.person,
            session=None,
            preference=preference,
            reason=reason,
            by_override=True,
        )
        for preference, reason in unmet.items()
        if preference not in kept
    )


# --- publishing ------------------------------------------------------------------------------------


def publish(*, actor, allocation: Allocation, opened_version) -> Allocation:
    """Publish the rota being checked: the week's published rota until the next publish, which
    marks it replaced. Refused when the page was stale (a newer run or an override since)."""
    with transaction.atomic():
        week = _draft_for_change(actor, allocation, opened_version)
        earlier = week.published_id
        if earlier:
            Allocation.objects.filter(pk=earlier).update(status=S.SUPERSEDED, updated_at=timezone.now())
        allocation.status = S.PUBLISHED
        allocation.published_at, allocation.published_by = timezone.now(), actor
        allocation.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        week.published, week.draft = allocation, None
        _bump(week, actor)
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=allocation,
            what=f"Published the rota for {week.service.name}, week beginning {week.week_start.isoformat()}",
            before={"published": str(earlier) if earlier else None},
            after={"published": str(allocation.public_id)},
        )
    return allocation


# --- what the planner shows ------------------------------------------------------------------------


@dataclass
class Change:
    session: SupportSession
    removed: list[str]
    added: list[str]


@dataclass
class Changes:
    rows: list[Change]
    people: list[str]
    workers: list[str]


def changes_from(
    allocation: Allocation, sessions: dict[int, SupportSession], names: dict[int, str]
) -> Changes:
    """What a re-plan changes from the rota it is based on, and who that affects (two queries)."""
    if allocation.based_on_id is None:
        return Changes([], [], [])
    before, after = defaultdict(set), defaultdict(set)
    for alloc_id, session_id, worker_id in Assignment.objects.filter(
        Q(allocation_id=allocation.based_on_id) | Q(allocation_id=allocation.pk), replaced_at__isnull=True
    ).values_list("allocation_id", "session_id", "worker_id"):
        (before if alloc_id == allocation.based_on_id else after)[session_id].add(worker_id)
    rows, people, workers = [], set(), set()
    for session_id, session in sessions.items():
        removed, added = before[session_id] - after[session_id], after[session_id] - before[session_id]
        if not removed and not added:
            continue
        rows.append(
            Change(
                session,
                sorted(names.get(w, "someone") for w in removed),
                sorted(names.get(w, "someone") for w in added),
            )
        )
        if session.person_id:
            people.add(session.person.name)
        workers |= {names.get(w, "someone") for w in removed | added}
    return Changes(rows, sorted(people), sorted(workers))


def score_words(allocation: Allocation) -> list[str]:
    """The run's objective, bound and gap in plain words."""
    if allocation.objective is None:
        return []
    words = [f"Its preference score is {allocation.objective} (lower is better: 0 meets every preference)."]
    status = allocation.solver_status
    if status == str(shifts.Status.OPTIMAL) or allocation.objective == allocation.bound:
        words.append("No rota could do better with these staff: this is the best possible.")
    else:
        gap = allocation.gap or 0
        if status == str(shifts.Status.FEASIBLE):
            words.append(
                f"This is the best found at the time limit ({allocation.time_limit_seconds} seconds)."
            )
        words.append(
            f"No rota can score below {allocation.bound}, so this one is within {gap:.0%} "
            "of the best possible."
        )
    return words
