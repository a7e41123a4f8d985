"""Scoped reads. Views reach person data only through `visible_to(user)` (ARCHITECTURE rule 1)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from lived.organisations.models import Service


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """People whose record this user may reach at all: staff at the person's service, the person
        themself, and circle members the person has added (who then see only shared sections)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        scope = Q(user=user) | Q(circle__user=user, circle__archived_at__isnull=True)
        service_ids = user.care_service_ids()
        if service_ids:
            scope |= Q(service_id__in=service_ids)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))

    def active(self) -> PersonQuerySet:
        return self.filter(archived_at__isnull=True)

    def matching(self, query: str) -> PersonQuerySet:
        """People whose given, family or preferred name contains `query`, or whose NHS number
        contains its digits (three or more). Used by the people list and the person search."""
        # A NUL character cannot be stored or compared in PostgreSQL text (it raises, a 500); it is never
        # part of a name, so it is dropped.
        query = (query or "").replace("\x00", "").strip()[:100]
        if not query:
            return self
        match = (
            Q(given_name__icontains=query)
            | Q(family_name__icontains=query)
            | Q(preferred_name__icontains=query)
        )
        digits = "".join(ch for ch in query if ch.isdigit())
        if len(digits) >= 3:
            match |= Q(nhs_number__contains=digits)
        return self.filter(match)


# The person search (the person picker): how many matches it offers, and how many people already
# ticked it keeps.
SEARCH_MAX_RESULTS = 20
SEARCH_MAX_CHOSEN = 200


def search_text(query: str) -> str:
    """What a search box's text is searched for: trimmed, at most 100 characters."""
    return (query or "").strip()[:100]


def public_ids(values) -> list[uuid.UUID]:
    """The values that are public ids; anything else is ignored (never a 500)."""
    out = []
    for value in values:
        try:
            out.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return out


def at_service(people: PersonQuerySet, service_public_id) -> PersonQuerySet:
    """`people` narrowed to the service with this public id, when it is one; `people` unchanged when
    the value is not a public id (a picker not limited to a service)."""
    found = public_ids([service_public_id])
    if not found:
        return people
    return people.filter(service__in=Service.objects.filter(public_id=found[0]))


def search_people(people: PersonQuerySet, query: str, *, chosen=(), limit: int = SEARCH_MAX_RESULTS):
    """The person search rule. (chosen, matches, more): the people already ticked (`chosen`, public
    ids, at most `SEARCH_MAX_CHOSEN`) who are still in `people`; up to `limit` others matching `query`
    (`PersonQuerySet.matching`; none for an empty query), by family name then given name; whether more
    matched. `people` is a `visible_to(user)` queryset. Two queries at most."""
    chosen_ids = public_ids(chosen)[:SEARCH_MAX_CHOSEN]
    picked = list(people.filter(public_id__in=chosen_ids).select_related("service")) if chosen_ids else []
    matches, more = [], False
    query = search_text(query)
    if query:
        found = list(
            people.matching(query)
            .exclude(public_id__in=chosen_ids)
            .select_related("service")
            .order_by("family_name", "given_name", "pk")[: limit + 1]
        )
        matches, more = found[:limit], len(found) > limit
    return picked, matches, more


class CircleMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


def shared_sections(person, user, today=None) -> set[str]:
    """The sections of this person's record that this signed-in circle member may see today."""
    from lived.people.models import AdvanceSharingWishes, SharingAgreement  # noqa: PLC0415 — cycle: people.models imports this module for its querysets

    today = today or timezone.localdate()
    wishes = AdvanceSharingWishes.objects.filter(person=person).first()
    in_force = bool(wishes and wishes.in_force)
    agreements = SharingAgreement.objects.filter(
        person=person, member__user=user, member__archived_at__isnull=True, withdrawn_at__isnull=True
    )
    return {a.section for a in agreements if a.is_active(today, wishes_in_force=in_force)}


def about_me_for_circle(person) -> list[tuple[str, list, str]]:
    """About me as a circle member sees it: what the person chose (HAZ-038). The person's own words
    always; a staff summary only where the person ticked it (`shared_with_circle`). A staff version
    not ticked shows only the person's own words it was written beside, if any. Same shape as the
    record's About me: (section label, entries, section key) for every section."""
    from lived.people.models import AboutMeEntry, AboutMeSection  # noqa: PLC0415 — cycle: people.models imports this module for its querysets

    entries = (
        AboutMeEntry.objects.filter(person=person, archived_at__isnull=True)
        .select_related("written_by", "supported_by", "persons_words", "persons_words__supported_by")
        .order_by("section", "created_at")
    )
    grouped: dict[str, list] = {}
    for entry in entries:
        if not entry.in_persons_words and not entry.shared_with_circle:
            entry = entry.persons_words  # their own words stay theirs to share; staff's do not
            if entry is None:
                continue
        grouped.setdefault(entry.section, []).append(entry)
    return [(AboutMeSection(key).label, grouped.get(key, []), key) for key in AboutMeSection.values]
