"""Reads for who supports the person. The workers at a service are staff, not person data; a person's
preferences and not-to-send list are read only for a person the caller reached through a scope
(tests/core/test_scoped_reads.py names these helpers)."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from lived.accounts.models import MANAGERS, SENIORS, SUPPORTERS, WRITERS, User
from lived.people.models import Person
from lived.rota.models import (
    Absence,
    Availability,
    NotToSend,
    Postcode,
    PreferredWorker,
    StaffProfile,
    SupportPreferences,
    SupportSession,
    VisitPlace,
    WorkerSkill,
)


def workers_at(service_id) -> list[User]:
    """The people who support people at this service, by first name, each with their profile (or
    None) on `.profile`: the choices the person is offered."""
    users = list(
        User.objects.filter(
            service_roles__service_id=service_id, service_roles__role__in=SUPPORTERS, is_active=True
        )
        .distinct()
        .select_related("staff_profile")
        .order_by("first_name", "last_name", "pk")
    )
    for user in users:
        user.profile = getattr(user, "staff_profile", None)
    return users


def short_names(users) -> dict[int, str]:
    """Each user's first name, with the initial of their last name where two share a first name."""
    users = list({user.pk: user for user in users}.values())
    counts: dict[str, int] = {}
    for user in users:
        counts[user.first_name] = counts.get(user.first_name, 0) + 1
    names = {}
    for user in users:
        name = user.first_name or user.username
        if counts.get(user.first_name, 0) > 1 and user.last_name:
            name = f"{name} {user.last_name[0]}."
        names[user.pk] = name
    return names


def preferences_for(person) -> SupportPreferences | None:
    """The person's preferences with their ranked workers and those workers' profiles, or None."""
    return (
        SupportPreferences.objects.filter(person=person)
        .select_related("supported_by", "updated_by")
        .prefetch_related(
            Prefetch(
                "preferred_workers",
                queryset=PreferredWorker.objects.select_related("worker__staff_profile").order_by("rank"),
            )
        )
        .first()
    )


def not_to_send_for(person) -> list[NotToSend]:
    """The workers the person does not want sent, oldest first. Only for pages whose viewer may see
    the list (rota.view_not_to_send)."""
    return list(
        NotToSend.objects.filter(person=person, archived_at__isnull=True).select_related(
            "worker", "supported_by", "created_by"
        )
    )


def profile_of(user) -> StaffProfile:
    """The user's profile, or a blank one not saved (the service writes it, audited, on the first save)."""
    return StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)


def current_skills(profile: StaffProfile) -> list[WorkerSkill]:
    if profile.pk is None:
        return []
    return list(profile.skills.filter(archived_at__isnull=True).select_related("skill"))


def staff_managed_by(user) -> list[User]:
    """Everyone with a profile to keep at the services the user manages (WRITERS, who may fill in
    their own: rota.edit_own_profile), each with `.profile` (or None) and `.current_skills`, in three
    queries however many there are."""
    service_ids = user.service_ids_with(*MANAGERS)
    users = list(
        User.objects.filter(
            service_roles__service_id__in=service_ids, service_roles__role__in=WRITERS, is_active=True
        )
        .distinct()
        .select_related("staff_profile")
        .order_by("first_name", "last_name", "pk")
    )
    skills: dict[int, list[WorkerSkill]] = {}
    for held in WorkerSkill.objects.filter(
        profile__user__in=[u.pk for u in users], archived_at__isnull=True
    ).select_related("skill", "profile"):
        skills.setdefault(held.profile.user_id, []).append(held)
    for worker in users:
        worker.profile = getattr(worker, "staff_profile", None)
        worker.current_skills = skills.get(worker.pk, [])
    return users


def managed_worker(user, worker_public_id) -> User | None:
    """A worker at one of the services the user manages, by public id, or None."""
    service_ids = user.service_ids_with(*MANAGERS)
    return (
        User.objects.filter(
            public_id=worker_public_id,
            service_roles__service_id__in=service_ids,
            service_roles__role__in=WRITERS,
        )
        .distinct()
        .first()
    )


def availability_of(worker) -> list[Availability]:
    """The worker's current weekly pattern, Monday first."""
    return list(Availability.objects.filter(worker=worker, archived_at__isnull=True))


def absences_of(worker, *, from_date: datetime.date) -> list[Absence]:
    """The worker's leave, sickness and training that has not ended before `from_date`. For managers
    only (the note)."""
    return list(Absence.objects.filter(worker=worker, archived_at__isnull=True, ends_on__gte=from_date))


def planning_service_ids(user) -> set[int]:
    """The services where the user plans sessions (seniors and managers): the week page's choices."""
    return user.service_ids_with(*SENIORS)


def week_sessions(user, service, start: datetime.date, days: int = 7) -> list[SupportSession]:
    """The service's planned sessions for `days` days from `start`, in time order, each with its
    person and skills: for people the user may reach (visible_to), and the service's own shifts. Three
    queries however many sessions there are."""
    end = start + datetime.timedelta(days=days - 1)
    when = {"service": service, "date__range": (start, end), "status": SupportSession.Status.PLANNED}
    for_people = SupportSession.objects.filter(person__in=Person.objects.visible_to(user), **when)
    shifts = SupportSession.objects.filter(person=None, **when)
    return list(
        (for_people | shifts)
        .select_related("person")
        .prefetch_related("skills")
        .order_by("date", "window_start", "pk")
    )


def people_for_sessions(user, service) -> list[Person]:
    """The people supported by the service whom the user may reach: the choices for a session."""
    return list(
        Person.objects.visible_to(user)
        .filter(service=service)
        .active()
        .order_by("family_name", "given_name", "pk")
    )


def visit_place_of(person):
    """Where the person is visited, with whether Lived knows that postcode's location, or None (then
    at their service's address). The person comes from PersonView."""
    place = VisitPlace.objects.filter(person=person).first()
    if place is not None:
        place.located = Postcode.objects.filter(postcode=place.postcode).exists()
    return place
