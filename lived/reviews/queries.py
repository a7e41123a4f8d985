"""Scoped reads for reviews. Everything starts from `Person.objects.visible_to(user)` (rule 1)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from lived.people.models import Person
from lived.reviews.models import CheckIn, Review


def reviews_for(person: Person) -> QuerySet[Review]:
    """One person's reviews; `person` has already been reached through the scoped query."""
    return (
        Review.objects.filter(person=person)
        .select_related("person", "owner", "raised_by", "completed_by", "cancelled_by")
        .annotate(agenda_count=Count("agenda_items"))
    )


def check_ins_for(person: Person) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(person=person).select_related("completed_by", "with_staff")


def service_reviews(
    user, *, today: datetime.date, service_ids, include_not_due: bool = False
) -> QuerySet[Review]:
    """Open reviews at the user's services that need attention: overdue, or raised by a trigger (and,
    when asked, every open review). One query, whatever the caseload."""
    people = Person.objects.visible_to(user).active().filter(service_id__in=service_ids)
    reviews = Review.objects.filter(person__in=people, status=Review.Status.OPEN)
    if not include_not_due:
        reviews = reviews.filter(Q(due_on__lt=today) | Q(kind=Review.Kind.TRIGGERED))
    return reviews.select_related("person__service", "owner").order_by(
        "person__service__name", "due_on", "person__family_name", "pk"
    )
