"""Daily notes as records: idempotent saving, corrections that keep history, language flags stored,
and the review triggers (repeated declines, falling self-rating)."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.notes import services
from lived.notes.models import DailyNote, HandoverNote, HandoverRead, LanguageFlagRecord
from lived.notes.shifts import shift_at, window
from lived.reviews.models import AgendaItem, Review
from tests.notes.factories import note_data

pytestmark = pytest.mark.django_db


def record(actor, person, **data):
    return services.record_note(actor=actor, person=person, data=note_data(**data))


def test_a_note_is_saved_with_its_plan_links_and_an_audit_row(support_worker, person, agreed):
    note, created = record(
        support_worker, person, steps=[agreed.tea], actions=[agreed.action], text="Tea first"
    )
    assert created
    assert list(note.steps.all()) == [agreed.tea] and list(note.actions.all()) == [agreed.action]
    assert note.author == support_worker and note.shift in {"early", "late", "night"}
    assert AuditEvent.objects.filter(object_public_id=note.public_id, action="create").exists()


def test_the_same_note_sent_twice_is_saved_once(support_worker, person, agreed):
    key = uuid.uuid4()
    first, created = record(support_worker, person, steps=[agreed.tea], idempotency_key=key, text="Tea")
    again, created_again = record(support_worker, person, steps=[agreed.tea], idempotency_key=key, text="Tea")
    assert created and not created_again and again.pk == first.pk
    assert DailyNote.objects.count() == 1


def test_the_same_key_with_different_content_is_refused(support_worker, person, agreed):
    key = uuid.uuid4()
    record(support_worker, person, idempotency_key=key, text="Tea")
    with pytest.raises(ValidationError, match="already sent with different content"):
        record(support_worker, person, idempotency_key=key, text="Coffee")
    assert DailyNote.objects.count() == 1


def test_an_empty_note_is_refused(support_worker, person):
    with pytest.raises(ValidationError, match="Write a note"):
        record(support_worker, person, text="   ")
    assert not DailyNote.objects.exists()


def test_an_action_from_another_persons_plan_is_refused(support_worker, person, other_person, agreed):
    with pytest.raises(ValidationError, match="not from this person's plan"):
        record(support_worker, other_person, actions=[agreed.action], text="x")
    assert not DailyNote.objects.exists()


def test_a_decline_needs_the_step_or_action_said_no_to(support_worker, person):
    with pytest.raises(ValidationError, match="said no to"):
        record(support_worker, person, outcome="declined", text="Not today")


def test_a_correction_keeps_the_earlier_note(support_worker, senior, person, agreed):
    note, _ = record(support_worker, person, steps=[agreed.tea], text="Tea at 8")
    corrected = services.amend_note(
        actor=senior,
        person=person,
        note=note,
        data=note_data(steps=[agreed.tea], text="Tea at 8:30"),
        reason="The time was wrong",
    )
    note.refresh_from_db()
    assert note.text == "Tea at 8" and corrected.amends == note
    assert corrected.amendment_reason == "The time was wrong" and corrected.occurred_at == note.occurred_at
    with pytest.raises(ValidationError, match="already been corrected"):
        services.amend_note(actor=senior, person=person, note=note, data=note_data(text="x"), reason="again")
    with pytest.raises(ValidationError, match="Say why"):
        services.amend_note(actor=senior, person=person, note=corrected, data=note_data(text="x"), reason=" ")


def test_language_flags_are_stored_for_governance_and_never_block_saving(support_worker, person):
    note, created = record(support_worker, person, text="Sam refused lunch and kicked off.", adjustments="")
    assert created
    rows = list(LanguageFlagRecord.objects.order_by("code"))
    assert [(r.code, r.term, r.field) for r in rows] == [
        ("kicked_off", "kicked off", "text"),
        ("refused", "refused", "text"),
    ]
    assert rows[0].record_id == note.pk and rows[0].record_type == "notes.dailynote"
    assert rows[0].service_id == person.service_id and rows[0].user == support_worker


def _decline(actor, person, step, days_ago=0):
    return record(
        actor,
        person,
        steps=[step],
        outcome="declined",
        alternative_offered="Tea later",
        what_happened_next="Had tea at 10",
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago, minutes=1),
    )[0]


def test_three_declines_of_one_step_in_seven_days_raise_one_review(support_worker, person, agreed):
    _decline(support_worker, person, agreed.tea, 6)
    _decline(support_worker, person, agreed.tea, 3)
    assert not Review.objects.exists()
    _decline(support_worker, person, agreed.tea, 0)
    review = Review.objects.get()
    assert review.trigger == "repeated_declines" and "declined 3 times" in review.details
    _decline(support_worker, person, agreed.tea, 0)  # the fourth joins the open review
    assert Review.objects.count() == 1
    assert AgendaItem.objects.filter(review=review).count() == 1


def test_declines_spread_over_more_than_seven_days_or_steps_raise_nothing(support_worker, person, agreed):
    _decline(support_worker, person, agreed.tea, 9)
    _decline(support_worker, person, agreed.tea, 3)
    _decline(support_worker, person, agreed.meds, 0)
    _decline(support_worker, person, agreed.tea, 0)
    assert not Review.objects.exists()


@override_settings(LIVED_DECLINES_TRIGGER_COUNT=2)
def test_the_decline_threshold_is_a_setting(support_worker, person, agreed):
    _decline(support_worker, person, agreed.tea, 1)
    _decline(support_worker, person, agreed.tea, 0)
    assert Review.objects.filter(trigger="repeated_declines").exists()


def test_rating_fall_compares_the_earlier_and_later_halves():
    assert services.rating_fall([8, 8, 9]) is None
    assert services.rating_fall([8, 8, 5, 5]) == 3
    assert services.rating_fall([5, 6, 7, 8]) < 0


def _rated(actor, person, rating, days_ago):
    return record(
        actor,
        person,
        self_rating=rating,
        text="Asked how she feels",
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
    )[0]


def test_a_falling_self_rating_raises_a_review_once(support_worker, person):
    for rating, days_ago in [(8, 12), (8, 10), (5, 4)]:
        _rated(support_worker, person, rating, days_ago)
    assert not Review.objects.exists()
    _rated(support_worker, person, 4, 1)  # earlier 8, 8 → later 5, 4: a fall of 3.5
    review = Review.objects.get()
    assert review.trigger == "falling_self_rating"
    _rated(support_worker, person, 3, 0)
    assert Review.objects.count() == 1


def test_old_ratings_do_not_count(support_worker, person):
    for rating, days_ago in [(9, 30), (9, 20), (6, 4), (6, 1)]:
        _rated(support_worker, person, rating, days_ago)
    assert not Review.objects.exists()


def test_handover_is_added_and_read_once(support_worker, senior, person):
    handover = services.add_handover(actor=support_worker, person=person, text="Slept well")
    assert handover.shift == shift_at().name
    assert services.confirm_handover_read(actor=senior, person=person, handovers=[handover]) == 1
    assert services.confirm_handover_read(actor=senior, person=person, handovers=[handover]) == 0
    assert HandoverRead.objects.filter(handover=handover, user=senior).count() == 1
    with pytest.raises(ValidationError):
        services.add_handover(actor=support_worker, person=person, text=" ")
    assert HandoverNote.objects.count() == 1


def test_shifts_follow_the_setting_and_wrap_past_midnight():
    tz = timezone.get_current_timezone()
    day = datetime.date(2026, 3, 2)
    at = lambda h, m: datetime.datetime.combine(day, datetime.time(h, m), tzinfo=tz)  # noqa: E731
    assert shift_at(at(7, 30)).name == "early"
    assert shift_at(at(14, 15)).name == "late"  # the overlap belongs to the shift just starting
    assert shift_at(at(23, 0)).name == "night"
    early_morning = shift_at(at(3, 0))
    assert early_morning.name == "night" and early_morning.date == day - datetime.timedelta(days=1)
    assert window("early", day).previous().name == "night"
    assert window("night", day).contains_time(datetime.time(6, 0))
    assert not window("early", day).contains_time(datetime.time(15, 0))
    with override_settings(
        LIVED_SHIFTS={"early": ("08:00", "16:00"), "late": ("16:00", "23:00"), "night": ("23:00", "08:00")}
    ):
        assert shift_at(at(7, 30)).name == "night"
