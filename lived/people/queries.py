"""Scoped reads. Views reach person data only through `visible_to(user)` (ARCHITECTURE rule 1)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


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


class CircleMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


def shared_sections(person, user, today=None) -> set[str]:
    """The sections of this person's record that this signed-in circle member may see today."""
    from lived.people.models import AdvanceSharingWishes, SharingAgreement

    today = today or timezone.localdate()
    wishes = AdvanceSharingWishes.objects.filter(person=person).first()
    in_force = bool(wishes and wishes.in_force)
    agreements = SharingAgreement.objects.filter(
        person=person, member__user=user, member__archived_at__isnull=True, withdrawn_at__isnull=True
    )
    return {a.section for a in agreements if a.is_active(today, wishes_in_force=in_force)}
