"""A visit's times on the daily note (issue 14, item 7): what the worker recorded, put on the right
day, checked, kept with the note's history, and shown with it. The rota measures arrival within the
agreed window and short visits from these."""

import datetime
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.notes import services
from lived.notes.models import DailyNote
from tests.notes.factories import note_data

pytestmark = pytest.mark.django_db


def local(day: datetime.date, hh: int, mm: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hh, mm), tzinfo=timezone.get_current_timezone())


def record(actor, person, **data):
    return services.record_note(actor=actor, person=person, data=note_data(text="Visit", **data))[0]


def record_url(person):
    return f"/people/{person.public_id}/notes/record/"


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, 30, tzinfo=datetime.UTC), tick=False)
def test_arrival_and_leaving_are_kept_on_the_notes_day_with_the_visits_length(support_worker, person):
    note = record(support_worker, person, arrived=datetime.time(8, 20), left=datetime.time(9, 5))
    today = timezone.localdate()
    assert note.arrived_at == local(today, 8, 20) and note.left_at == local(today, 9, 5)
    assert note.visit_minutes == 45
    row = AuditEvent.objects.get(object_public_id=note.public_id, action="create")
    assert row.after["arrived_at"] and row.after["left_at"]


@time_machine.travel(datetime.datetime(2026, 6, 11, 0, 10, tzinfo=datetime.UTC), tick=False)
def test_a_late_evening_visit_written_up_after_midnight_is_the_evening_before(support_worker, person):
    note = record(support_worker, person, arrived=datetime.time(23, 40), left=datetime.time(0, 5))
    now = timezone.localtime()
    evening = now.date() - datetime.timedelta(days=1) if now.hour < 23 else now.date()
    assert note.arrived_at == local(evening, 23, 40)
    assert note.left_at == note.arrived_at + datetime.timedelta(minutes=25)


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, 30, tzinfo=datetime.UTC), tick=False)
def test_just_arrived_without_a_leaving_time_is_kept(support_worker, person):
    note = record(support_worker, person, arrived=datetime.time(10, 28))
    assert note.arrived_at is not None and note.left_at is None and note.visit_minutes is None


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, 30, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("arrived", "left", "message"),
    [
        (None, datetime.time(9, 0), "Enter the time you arrived"),
        (datetime.time(8, 0), datetime.time(7, 0), "more than 16 hours"),
        (datetime.time(8, 0), datetime.time(12, 0), "cannot be after the time of the note"),
    ],
)
def test_visit_times_that_cannot_be_right_are_refused_and_nothing_is_saved(
    support_worker, person, arrived, left, message
):
    with pytest.raises(ValidationError, match=message):
        record(support_worker, person, arrived=arrived, left=left)
    assert not DailyNote.objects.exists()


def test_a_retry_of_a_note_without_visit_times_is_still_the_same_note(support_worker, person):
    """A phone's outbox may resend a note kept before visit times existed: same key, no times."""
    key = uuid.uuid4()
    first, _ = services.record_note(
        actor=support_worker, person=person, data=note_data(text="Tea", idempotency_key=key)
    )
    before = first.content_hash
    again, created = services.record_note(
        actor=support_worker,
        person=person,
        data=note_data(text="Tea", idempotency_key=key, arrived=None, left=None),
    )
    assert not created and again.pk == first.pk and again.content_hash == before
    with pytest.raises(ValidationError):  # the same key with times added is a different note
        services.record_note(
            actor=support_worker,
            person=person,
            data=note_data(text="Tea", idempotency_key=key, arrived=datetime.time(0, 1)),
        )


def test_the_form_records_the_times_and_the_notes_page_shows_them(client, support_worker, person):
    client.force_login(support_worker)
    now = timezone.localtime()
    arrived = (now - datetime.timedelta(minutes=50)).strftime("%H:%M")
    left = (now - datetime.timedelta(minutes=5)).strftime("%H:%M")
    page = client.get(record_url(person)).content.decode()
    assert "What time did you arrive?" in page and "I have just arrived" in page
    data = {"outcome": "note", "text": "Visit", "idempotency_key": str(uuid.uuid4())}
    response = client.post(record_url(person), {**data, "arrived": arrived, "left": left})
    assert response.status_code == 302
    note = DailyNote.objects.get()
    assert note.visit_minutes == 45
    notes_page = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert f"arrived {arrived}, left {left} (45 minutes)" in notes_page


def test_bad_times_on_the_form_say_what_to_do_and_save_nothing(client, support_worker, person):
    client.force_login(support_worker)
    data = {"outcome": "note", "text": "Visit", "idempotency_key": str(uuid.uuid4())}
    response = client.post(record_url(person), {**data, "arrived": "half past eight"})
    page = response.content.decode()
    assert response.status_code == 400 and "Enter the time you arrived, for example 08:20" in page
    response = client.post(record_url(person), {**data, "left": "09:00"})
    assert response.status_code == 400
    assert "Enter the time you arrived, or leave both times empty" in response.content.decode()
    assert not DailyNote.objects.exists()


def test_a_correction_starts_from_the_notes_visit_times(client, support_worker, person):
    client.force_login(support_worker)
    now = timezone.localtime()
    note = record(support_worker, person, arrived=(now - datetime.timedelta(minutes=30)).time())
    page = client.get(f"/people/{person.public_id}/notes/{note.public_id}/correct/").content.decode()
    assert f'value="{timezone.localtime(note.arrived_at):%H:%M}"' in page
