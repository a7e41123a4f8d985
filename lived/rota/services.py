"""Every write about who supports the person, and about a worker's profile: one transaction, the
permission checked first, validation, the audit row with what it was before and after (through
lived.core.updates.locked_for_change, or record_person_change for a new row).

Guarantees (tests/rota/test_preferences.py, test_profiles.py):
- The person's preferences are saved whole against the version the editor opened; a stale save is
  refused (StaleEdit) and nothing is written.
- Only workers at the person's service can be chosen or named as not to send.
- Who helped is recorded: when staff save the person's choices, `supported_by` is the staff member;
  when the person saves on their own account, it is no one.
- The reason a worker is not to be sent is stored only on its own row, whose audit rows are a kind of
  their own (rota.NotToSend), never in the preferences' rows.
- Support sessions made from the agreed plan are made once: making them again creates nothing new
  (each has a unique generation key: the person, the routine's key and the date), and everything a run
  does is one transaction (tests/rota/test_sessions.py).
- Availability and leave are set only by a manager at the worker's service; the note on an absence is
  never written into an audit row (only whether there is one), so only managers read it
  (tests/rota/test_availability.py).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from lived.accounts.models import SUPPORTERS
from lived.core.audit import record_person_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.people.models import Person
from lived.plans.models import Routine
from lived.plans.queries import current_agreed_versions
from lived.rota.models import (
    Absence,
    Availability,
    NotToSend,
    PreferredWorker,
    Skill,
    StaffProfile,
    SupportPreferences,
    SupportSession,
    VisitPlace,
    WorkerSkill,
    normalise_postcode,
)

A = AuditEvent.Action
MAX_PREFERRED = 3


def _works_at(worker, service_id) -> bool:
    return worker.service_roles.filter(service_id=service_id, role__in=SUPPORTERS).exists()


def _helper(actor, person):
    """Who helped the person say this: the staff member, when it was not the person themself."""
    return None if person.user_id == actor.pk else actor


# --- the person's preferences ---------------------------------------------------------------------


def _preferences_picture(prefs: SupportPreferences) -> dict:
    ranked = PreferredWorker.objects.filter(preferences=prefs).select_related("worker").order_by("rank")
    return {
        "preferred_workers": [f"{p.rank}. {p.worker.display_name}" for p in ranked] if prefs.pk else [],
        "preferred_gender": prefs.preferred_gender,
        "preferred_language": prefs.preferred_language,
        "small_team": prefs.small_team,
        "chosen_with": prefs.supported_by.display_name if prefs.supported_by else None,
    }


def save_preferences(
    *, actor, person, preferred: list, data: dict, opened_version: int | None
) -> SupportPreferences:
    """Save the person's choices: `preferred` (workers, first choice first), and `data`
    (preferred_gender, preferred_language, small_team). Writes the row first if the person has none
    (pages show a blank one and never write it)."""
    require(actor, "rota.edit_preferences", person, "You cannot change who supports this person")
    if len(preferred) > MAX_PREFERRED:
        raise ValidationError(f"Choose up to {MAX_PREFERRED} people")
    if len({w.pk for w in preferred}) != len(preferred):
        raise ValidationError("Choose each person only once")
    for worker in preferred:
        if not _works_at(worker, person.service_id):
            raise ValidationError(f"Choose people who work at {person.service.name}")
    barred = set(
        NotToSend.objects.filter(person=person, archived_at__isnull=True).values_list("worker_id", flat=True)
    )
    if any(w.pk in barred for w in preferred):
        raise ValidationError("Choose from the list")
    submitted = {
        "ranked_names": [w.first_name for w in preferred],
        "preferred_gender": data.get("preferred_gender", ""),
        "preferred_language": data.get("preferred_language", ""),
        "small_team": data.get("small_team", False),
    }
    with locked_for_change(
        SupportPreferences,
        lookup={"person": person},
        create={"created_by": actor, "updated_by": actor},
        actor=actor,
        person=person,
        fields=_preferences_picture,
        what="Who supports me: choices saved",
        opened_version=opened_version,
        submitted=submitted,
    ) as change:
        prefs = change.obj
        prefs.preferred_gender = data.get("preferred_gender", "")
        prefs.preferred_language = (data.get("preferred_language") or "").strip()
        prefs.small_team = bool(data.get("small_team"))
        prefs.supported_by = _helper(actor, person)
        prefs.full_clean(exclude=["person"])
        PreferredWorker.objects.filter(preferences=prefs).delete()
        PreferredWorker.objects.bulk_create(
            PreferredWorker(preferences=prefs, worker=worker, rank=rank)
            for rank, worker in enumerate(preferred, start=1)
        )
    return change.obj


# --- workers not to send --------------------------------------------------------------------------


def _not_to_send_picture(entry: NotToSend) -> dict:
    return {
        "worker": entry.worker.display_name,
        "reason": entry.reason,
        "chosen_with": entry.supported_by.display_name if entry.supported_by else None,
    }


def add_not_to_send(*, actor, person, worker, reason: str) -> NotToSend:
    """Add a worker the person does not want sent, with why. The worker must work at the person's
    service, and must not be one of the people the person would like (they are told to take them off
    that list first)."""
    require(actor, "rota.edit_not_to_send", person, "You cannot change who is not sent to this person")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why")
    if not _works_at(worker, person.service_id):
        raise ValidationError(f"Choose someone who works at {person.service.name}")
    with transaction.atomic():
        if NotToSend.objects.filter(person=person, worker=worker, archived_at__isnull=True).exists():
            raise ValidationError(f"{worker.first_name} is already on the list")
        if PreferredWorker.objects.filter(preferences__person=person, worker=worker).exists():
            raise ValidationError(
                f"{worker.first_name} is one of the people chosen to support {person.known_as}. "
                "Take them off that list first."
            )
        entry = NotToSend.objects.create(
            person=person,
            worker=worker,
            reason=reason,
            supported_by=_helper(actor, person),
            created_by=actor,
            updated_by=actor,
        )
        record_person_change(
            actor,
            A.CREATE,
            entry,
            person,
            f"Not to send: {worker.display_name}",
            after=_not_to_send_picture(entry),
        )
    return entry


def remove_not_to_send(*, actor, entry: NotToSend) -> NotToSend:
    """Take a worker off the list (the row is archived, never deleted). Taking off someone already
    taken off changes nothing and writes nothing."""
    require(actor, "rota.edit_not_to_send", entry.person, "You cannot change who is not sent to this person")
    with locked_for_change(
        NotToSend,
        entry.pk,
        actor=actor,
        action=A.ARCHIVE,
        fields=_not_to_send_picture,
        what=lambda e: f"Not to send: {e.worker.display_name} taken off the list",
    ) as change:
        if change.obj.archived_at is not None:
            return change.unchanged()
        change.obj.mark_archived(actor, "Taken off the list")
    return change.obj


# --- staff profiles -------------------------------------------------------------------------------


def _profile_picture(profile: StaffProfile) -> dict:
    picture = {
        name: getattr(profile, name) for name in [*StaffProfile.OWN_FIELDS, *StaffProfile.MANAGED_FIELDS]
    }
    for name in ("contracted_hours", "maximum_hours"):
        picture[name] = None if picture[name] is None else str(picture[name])
    held = (
        WorkerSkill.objects.filter(profile=profile, archived_at__isnull=True).select_related("skill")
        if profile.pk
        else []
    )
    picture["skills"] = sorted(str(s) for s in held)
    return picture


def _profile_change(actor, worker, what: str, opened_version, submitted: dict):
    return locked_for_change(
        StaffProfile,
        lookup={"user": worker},
        create={"created_by": actor, "updated_by": actor},
        actor=actor,
        person=None,
        fields=_profile_picture,
        what=f"{what}: {worker.display_name}",
        opened_version=opened_version,
        submitted=submitted,
    )


def save_own_profile(*, actor, data: dict, opened_version: int | None) -> StaffProfile:
    """The worker's own words about themselves, their gender and languages (all optional)."""
    require(actor, "rota.edit_own_profile", None, "Only people who support people have a profile")
    with _profile_change(actor, actor, "Staff profile: what they share", opened_version, data) as change:
        profile = change.obj
        profile.shared_about_me = (data.get("shared_about_me") or "").strip()
        profile.gender = data.get("gender") or ""
        profile.languages = ", ".join(
            part.strip() for part in (data.get("languages") or "").split(",") if part.strip()
        )
        profile.full_clean(exclude=["user"])
    return change.obj


def save_staff_profile(
    *, actor, worker, data: dict, skills: dict[Skill, datetime.date | None], opened_version: int | None
) -> StaffProfile:
    """What a manager sets for a worker at their service: hours, the 48-hour opt-out, home postcode,
    and the skills held (each with the date it lapses, if it does). A skill no longer held is archived."""
    require(actor, "rota.manage_staff_profile", worker, "Only a manager at their service can change this")
    contracted, maximum = data.get("contracted_hours"), data.get("maximum_hours")
    if contracted is not None and maximum is not None and maximum < contracted:
        raise ValidationError("The most hours a week cannot be fewer than the contracted hours")
    submitted = {**data, "skills": sorted(s.name for s in skills)}
    with _profile_change(
        actor, worker, "Staff profile: hours and skills", opened_version, submitted
    ) as change:
        profile = change.obj
        for name in StaffProfile.MANAGED_FIELDS:
            setattr(profile, name, data.get(name))
        profile.home_postcode = (data.get("home_postcode") or "").upper().strip()
        profile.opted_out_of_48_hours = bool(data.get("opted_out_of_48_hours"))
        profile.full_clean(exclude=["user"])
        held = {h.skill_id: h for h in WorkerSkill.objects.filter(profile=profile, archived_at__isnull=True)}
        for skill, expires_on in skills.items():
            current = held.pop(skill.pk, None)
            if current is None:
                WorkerSkill.objects.create(
                    profile=profile, skill=skill, expires_on=expires_on, created_by=actor, updated_by=actor
                )
            elif current.expires_on != expires_on:
                current.expires_on = expires_on
                current.updated_by = actor
                current.save(update_fields=["expires_on", "updated_by", "updated_at"])
        for gone in held.values():
            gone.mark_archived(actor, "No longer held")
            gone.updated_by = actor
            gone.save(
                update_fields=["archived_at", "archived_by", "archived_reason", "updated_by", "updated_at"]
            )
    return change.obj


# --- support sessions -----------------------------------------------------------------------------

S = SupportSession.Status
# How long a visit is when the plan does not say (see routine_timing).
DEFAULT_MINUTES = 60
# Timed steps spread over longer than this are a timetable (Jo's week), not one visit.
LONGEST_VISIT_MINUTES = 6 * 60
# The most days one run makes sessions for.
MOST_DAYS = 62
PLAN_CHANGED = "The agreed plan changed"
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def parse_window(text: str) -> tuple[datetime.time, datetime.time] | None:
    """The two times in an arrival window as people write it ("8:00 to 8:45", "08:00–08:45",
    "8am to 8.45am"), or None when it does not hold exactly two times in order."""
    found = list(_TIME.finditer(text or ""))
    if len(found) != 2 or not any(m.group(2) or m.group(3) for m in found):
        return None
    times = []
    for match in found:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
        if half.startswith("p") and hour < 12:
            hour += 12
        elif half.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
        times.append(datetime.time(hour, minute))
    start, end = times
    return (start, end) if end >= start else None


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class Timing:
    start: datetime.time
    end: datetime.time
    minutes: int


def routine_timing(routine: Routine) -> Timing | None:
    """When a routine's visit is, or None when the routine carries no times.

    The rule (documented for managers in the reply to issue 14):
    - The arrival window is the routine's own "Arrival window" when it reads as two times; otherwise
      the window of its earliest timed step (window_start to window_end).
    - The visit lasts from the start of the arrival window to the latest end of a timed step, when a
      step ends after the window closes (Ada: 8:00 to 9:45, 105 minutes: tea from 8:00, tablets by
      9:45); otherwise the plan does not say, and it is 60 minutes.
    - Timed steps spread over more than 6 hours are a timetable for the week, not one visit: with no
      arrival window the routine gives no daily session (add those sessions by hand); with one, the
      visit is 60 minutes.
    The plan does not say which days, so a routine with times gives a session every day."""
    timed = [s for s in routine.steps.all() if s.window_start is not None]
    window = parse_window(routine.arrival_window)
    if window is None and not timed:
        return None
    ends = [s.window_end or s.window_start for s in timed]
    spread = (max(map(_minutes, ends)) - min(_minutes(s.window_start) for s in timed)) if timed else 0
    if window is None:
        if spread > LONGEST_VISIT_MINUTES:
            return None
        first = min(timed, key=lambda s: s.window_start)
        window = (first.window_start, max(first.window_end or first.window_start, first.window_start))
    start, end = window
    minutes = DEFAULT_MINUTES
    if timed and spread <= LONGEST_VISIT_MINUTES:
        latest = max(map(_minutes, ends))
        if latest > _minutes(end):
            minutes = latest - _minutes(start)
    return Timing(start, end, minutes)


@dataclass
class Generated:
    """What one run of generate_sessions did."""

    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # routines with times that give no daily session

    def sentence(self) -> str:
        parts = [f"{self.created} new session" + ("" if self.created == 1 else "s")]
        if self.updated:
            parts.append(f"{self.updated} changed to the agreed plan's new times")
        if self.cancelled:
            parts.append(f"{self.cancelled} cancelled because the agreed plan changed")
        if self.unchanged:
            parts.append(f"{self.unchanged} already there")
        return ", ".join(parts) + "."


def _session_picture(session: SupportSession) -> dict:
    return {
        "person": session.person.name if session.person_id else None,
        "date": session.date.isoformat(),
        "window": session.window_text,
        "duration_minutes": session.duration_minutes,
        "staff_needed": session.staff_needed,
        "skills": sorted(s.name for s in session.skills.all()) if session.pk else [],
        "what": session.what,
        "origin": session.origin,
        "plan_version": session.plan_version.number if session.plan_version_id else None,
        "status": session.status,
        "cancelled_because": session.archived_reason or None,
    }


def _cancel(actor, session: SupportSession, reason: str) -> None:
    with locked_for_change(
        # Person and plan version may be empty: PostgreSQL cannot lock an outer join's nullable side.
        SupportSession.objects.all(),
        session.pk,
        actor=actor,
        action=A.ARCHIVE,
        fields=_session_picture,
        what=lambda s: f"Session cancelled: {s}",
    ) as change:
        if change.obj.status == S.CANCELLED:
            return change.unchanged()
        change.obj.status = S.CANCELLED
        change.obj.mark_archived(actor, reason)


def cancel_session(*, actor, session: SupportSession, reason: str) -> SupportSession:
    """Cancel a session, with why (the row is kept). Cancelling one already cancelled writes nothing."""
    require(
        actor, "rota.plan_sessions", session.service, "Only a senior or manager at the service can do this"
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the session is cancelled")
    _cancel(actor, session, reason)
    session.refresh_from_db()
    return session


def generate_sessions(actor, service, start_date: datetime.date, days: int, *, today=None) -> Generated:
    """Make the sessions the agreed plans give for `days` days from `start_date` at `service` (a senior
    or manager at the service, or the daily job with no actor)."""
    if actor is not None:
        require(actor, "rota.plan_sessions", service, "Only a senior or manager at the service can do this")
    return make_sessions_from_plans(actor, service, start_date, days, today=today)


def make_sessions_from_plans(actor, service, start_date, days: int, *, today=None) -> Generated:
    """For every active person at the service with an agreed plan, each routine with times
    (routine_timing) gives one session a day, made once (its generation key). In one transaction.

    When a later agreed plan changes a routine's times, its planned sessions from today on are changed
    to the new times (nothing is assigned yet; once assignments exist, an assigned session is left for
    the manager); sessions of a routine that is no longer in the agreed plan, or of someone with no
    agreed plan any more, are cancelled with the reason "The agreed plan changed". Past sessions and
    cancelled ones are never touched. Future sessions beyond the range are brought in line too, so a
    shorter run after a plan change leaves nothing stale."""
    if not 1 <= days <= MOST_DAYS:
        raise ValidationError(f"Make sessions for between 1 and {MOST_DAYS} days")
    today = today or timezone.localdate()
    end_date = start_date + datetime.timedelta(days=days - 1)
    result = Generated()
    with transaction.atomic():
        existing = {
            s.generation_key: s
            # Only the session rows are locked: PostgreSQL cannot lock an outer join's nullable side.
            for s in SupportSession.objects.select_for_update(of=("self",))
            .filter(service=service, origin=SupportSession.Origin.PLAN, date__gte=start_date)
            .select_related("person", "plan_version")
        }
        horizon = max([end_date, *(s.date for s in existing.values())])
        dates = [start_date + datetime.timedelta(days=n) for n in range((horizon - start_date).days + 1)]
        people = list(Person.objects.filter(service=service).active().order_by("pk"))
        versions = current_agreed_versions(
            [p.pk for p in people],
            prefetch=[Prefetch("routines", queryset=Routine.objects.prefetch_related("steps"))],
        )
        wanted = {}
        for person in people:
            version = versions.get(person.pk)
            if version is None:
                continue
            for routine in version.routines.all():
                timing = routine_timing(routine)
                if timing is None:
                    if any(s.window_start for s in routine.steps.all()):
                        result.skipped.append(f"{person.known_as}: {routine.name}")
                    continue
                for day in dates:
                    wanted[f"{person.public_id}:{routine.key}:{day.isoformat()}"] = (
                        person,
                        routine,
                        version,
                        timing,
                        day,
                    )
        for key, (person, routine, version, timing, day) in wanted.items():
            session = existing.get(key)
            if session is None:
                if day > end_date:
                    continue
                session, made = SupportSession.objects.get_or_create(
                    generation_key=key,
                    defaults={
                        "service": service,
                        "person": person,
                        "date": day,
                        "window_start": timing.start,
                        "window_end": timing.end,
                        "duration_minutes": timing.minutes,
                        "what": routine.name[:200],
                        "source_kind": SupportSession.SourceKind.ROUTINE,
                        "source_key": routine.key,
                        "plan_version": version,
                        "origin": SupportSession.Origin.PLAN,
                        "created_by": actor,
                        "updated_by": actor,
                    },
                )
                if made:
                    record_person_change(
                        actor,
                        A.CREATE,
                        session,
                        person,
                        f"Session made from the plan: {session}",
                        after=_session_picture(session),
                    )
                    result.created += 1
                else:
                    result.unchanged += 1
                continue
            same = (
                session.window_start == timing.start
                and session.window_end == timing.end
                and session.duration_minutes == timing.minutes
                and session.plan_version_id == version.pk
            )
            if same or session.status == S.CANCELLED or session.date < today:
                result.unchanged += 1
                continue
            with locked_for_change(
                SupportSession.objects.all(),  # no outer joins under FOR UPDATE (PostgreSQL)
                session.pk,
                actor=actor,
                fields=_session_picture,
                what=lambda s: f"Session changed to the agreed plan: {s}",
            ) as change:
                change.obj.window_start, change.obj.window_end = timing.start, timing.end
                change.obj.duration_minutes = timing.minutes
                change.obj.plan_version = version
                change.obj.what = routine.name[:200]
            result.updated += 1
        for key, session in existing.items():
            if key in wanted:
                continue
            if session.status == S.CANCELLED or session.date < today:
                continue
            _cancel(actor, session, PLAN_CHANGED)
            result.cancelled += 1
    return result


def add_session(*, actor, service, data: dict) -> SupportSession:
    """A session added by hand: for a person at the service, or a shift for the service (no person).
    `data`: person (or None), date, window_start, window_end, duration_minutes, staff_needed, skills,
    what."""
    require(actor, "rota.plan_sessions", service, "Only a senior or manager at the service can do this")
    person = data.get("person")
    if person is not None and (person.service_id != service.pk or person.archived_at is not None):
        raise ValidationError(f"Choose someone supported by {service.name}")
    start, end = data["window_start"], data["window_end"]
    if end < start:
        raise ValidationError("The time to arrive by must be the same as or after the time to arrive from")
    minutes = data["duration_minutes"]
    if not 0 < minutes <= 24 * 60:
        raise ValidationError("Enter how long the session is, between 1 minute and 24 hours")
    if data.get("staff_needed", 1) not in (1, 2):
        raise ValidationError("Choose one or two staff")
    with transaction.atomic():
        session = SupportSession(
            service=service,
            person=person,
            date=data["date"],
            window_start=start,
            window_end=end,
            duration_minutes=minutes,
            staff_needed=data.get("staff_needed", 1),
            what=(data.get("what") or "").strip(),
            origin=SupportSession.Origin.HAND,
            created_by=actor,
            updated_by=actor,
        )
        session.full_clean(exclude=["service", "person", "plan_version"])
        session.save()
        session.skills.set(data.get("skills") or [])
        record_person_change(
            actor, A.CREATE, session, person, f"Session added: {session}", after=_session_picture(session)
        )
    return session


# --- availability and leave -----------------------------------------------------------------------


def _availability_picture(entry: Availability) -> dict:
    return {
        "worker": entry.worker.display_name,
        "weekday": entry.get_weekday_display(),
        "from": f"{entry.start:%H:%M}",
        "until": f"{entry.end:%H:%M}",
    }


def _absence_picture(entry: Absence) -> dict:
    # The note is for managers only: the audit row says whether there is one, never what it says.
    return {
        "worker": entry.worker.display_name,
        "kind": entry.get_kind_display(),
        "from": entry.starts_on.isoformat(),
        "until": entry.ends_on.isoformat(),
        "has_a_note": bool(entry.note),
    }


_MANAGER_ONLY = "Only a manager at their service can change this"


def add_availability(
    *, actor, worker, weekday: int, start: datetime.time, end: datetime.time
) -> Availability:
    """A weekly time the worker can work. It must not overlap another on the same day."""
    require(actor, "rota.manage_availability", worker, _MANAGER_ONLY)
    if end <= start:
        raise ValidationError("The time until must be after the time from")
    with transaction.atomic():
        clash = (
            Availability.objects.select_for_update()
            .filter(worker=worker, weekday=weekday, archived_at__isnull=True, start__lt=end, end__gt=start)
            .first()
        )
        if clash is not None:
            raise ValidationError(f"This overlaps {clash}. Change the times or take that one off first.")
        entry = Availability.objects.create(
            worker=worker, weekday=weekday, start=start, end=end, created_by=actor, updated_by=actor
        )
        record_person_change(
            actor,
            A.CREATE,
            entry,
            None,
            f"Availability added: {worker.display_name}, {entry}",
            after=_availability_picture(entry),
        )
    return entry


def remove_availability(*, actor, entry: Availability) -> Availability:
    require(actor, "rota.manage_availability", entry.worker, _MANAGER_ONLY)
    return _archive(actor, Availability, entry, _availability_picture, "Availability taken off")


def add_absence(
    *, actor, worker, kind: str, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> Absence:
    """Leave, sickness or training from one date to another. It must not overlap another absence."""
    require(actor, "rota.manage_availability", worker, _MANAGER_ONLY)
    if ends_on < starts_on:
        raise ValidationError("The date until must be the same as or after the date from")
    if kind not in Absence.Kind.values:
        raise ValidationError("Choose leave, off sick or training")
    with transaction.atomic():
        clash = (
            Absence.objects.select_for_update()
            .filter(worker=worker, archived_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on)
            .first()
        )
        if clash is not None:
            raise ValidationError(f"This overlaps {clash}. Change the dates or take that one off first.")
        entry = Absence.objects.create(
            worker=worker,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            note=(note or "").strip(),
            created_by=actor,
            updated_by=actor,
        )
        record_person_change(
            actor,
            A.CREATE,
            entry,
            None,
            f"Absence added: {worker.display_name}, {entry}",
            after=_absence_picture(entry),
        )
    return entry


def remove_absence(*, actor, entry: Absence) -> Absence:
    require(actor, "rota.manage_availability", entry.worker, _MANAGER_ONLY)
    return _archive(actor, Absence, entry, _absence_picture, "Absence taken off")


def _archive(actor, model, entry, picture, what: str):
    """Take an entry off (archived, never deleted); taking off one already off writes nothing."""
    with locked_for_change(
        model.objects.select_related("worker"),
        entry.pk,
        actor=actor,
        person=None,
        action=A.ARCHIVE,
        fields=picture,
        what=lambda e: f"{what}: {e.worker.display_name}, {e}",
    ) as change:
        if change.obj.archived_at is not None:
            return change.unchanged()
        change.obj.mark_archived(actor, what)
    return change.obj


# --- where the person is visited ----------------------------------------------------------------

# A UK postcode's shape (outward code, a space, inward code), as BS 7666 describes it.
POSTCODE_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


def save_visit_place(*, actor, person, postcode: str) -> VisitPlace:
    """Set the postcode where the person is visited (their home), for the travel between visits.
    Audited on the person with before and after; a postcode not shaped like a UK one is refused."""
    require(actor, "rota.edit_visit_place", person, "Only seniors and managers there can change this")
    value = normalise_postcode(postcode)
    if not POSTCODE_SHAPE.match(value):
        raise ValidationError({"postcode": "Enter a real postcode, like MB2 4TN"})
    with locked_for_change(
        VisitPlace,
        lookup={"person": person},
        create={"postcode": value, "created_by": actor, "updated_by": actor},
        actor=actor,
        person=person,
        fields=["postcode"],
        what=f"Where visits happen: {value}",
        update_fields=["postcode"],
    ) as change:
        change.obj.postcode = value
    return change.obj
