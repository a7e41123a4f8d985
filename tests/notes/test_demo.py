"""The notes demo data tells the scenarios' stories: Ada's calmer mornings, Jo's falling declines,
Leon's consent checks, today's handover and a few flagged words, with no review raised by itself."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.notes.models import DailyNote, HandoverNote, LanguageFlagRecord
from lived.people.models import Person
from lived.reviews.models import Review

pytestmark = pytest.mark.django_db


def test_the_demo_notes_tell_the_scenarios(db):
    call_command("load_demo", verbosity=0)
    ada = Person.objects.get(given_name="Ada")
    notes = DailyNote.objects.filter(person=ada, self_rating__isnull=False).order_by("occurred_at")
    ratings = list(notes.values_list("self_rating", flat=True))
    assert len(ratings) >= 40
    assert sum(ratings[-7:]) / 7 >= sum(ratings[:7]) / 7 + 3  # her mornings got calmer
    assert DailyNote.objects.filter(person=ada, steps__isnull=False).distinct().count() >= 100

    jo = Person.objects.get(preferred_name="Jo")
    cutoff = timezone.now() - datetime.timedelta(days=21)
    early = DailyNote.objects.filter(person=jo, outcome="declined", occurred_at__lt=cutoff).count()
    late = DailyNote.objects.filter(person=jo, outcome="declined", occurred_at__gte=cutoff).count()
    assert early > late
    assert not DailyNote.objects.filter(person=jo, outcome="declined", alternative_offered="").exists()

    leon = Person.objects.get(given_name="Leon")
    assert DailyNote.objects.filter(person=leon, consent_explained=True, consent_options=True).count() >= 5

    assert HandoverNote.objects.filter(person__service__name__icontains="Riverside").count() >= 3
    assert LanguageFlagRecord.objects.filter(code="refused").exists()
    assert not Review.objects.filter(trigger__in=["repeated_declines", "falling_self_rating"]).exists()
    assert AuditEvent.objects.filter(object_type="notes.DailyNote", action="create").count() == (
        DailyNote.objects.count()
    )
