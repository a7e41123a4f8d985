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
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.core.audit import record_person_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.rota.models import NotToSend, PreferredWorker, Skill, StaffProfile, SupportPreferences, WorkerSkill
from lived.rota.queries import SUPPORTING_ROLES

A = AuditEvent.Action
MAX_PREFERRED = 3


def _works_at(worker, service_id) -> bool:
    return worker.service_roles.filter(service_id=service_id, role__in=SUPPORTING_ROLES).exists()


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
        change.obj.archived_at = timezone.now()
        change.obj.archived_by = actor
        change.obj.archived_reason = "Taken off the list"
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
            gone.archived_at = timezone.now()
            gone.archived_by = actor
            gone.archived_reason = "No longer held"
            gone.updated_by = actor
            gone.save(
                update_fields=["archived_at", "archived_by", "archived_reason", "updated_by", "updated_at"]
            )
    return change.obj
