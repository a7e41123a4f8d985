"""The plan-use rollup (notes.PlanUseDaily): kept in step with the notes inside the same transaction,
rebuilt from the notes by `manage.py rebuild_plan_use` to the same figures, and the only thing the
plan-use figures read."""

import datetime
import importlib
import uuid
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.notes import queries, rollups, services
from lived.notes.models import DailyNote, PlanUseDaily
from lived.people.models import Person
from tests.notes.factories import note_data

pytestmark = pytest.mark.django_db


def record(actor, person, **data):
    return services.record_note(actor=actor, person=person, data=note_data(**data))[0]


def rollup() -> dict:
    """What the rollup holds, leaving out days whose notes were all corrected away (rows of zeros)."""
    return {
        (p, d): (n, u)
        for p, d, n, u in PlanUseDaily.objects.values_list("person_id", "day", "notes", "notes_naming_plan")
        if n or u
    }


def record_in_every_way(support_worker, senior, person, other_person, agreed):
    """Notes recorded through the service the ways staff record them, corrections included."""
    now = timezone.now()
    record(support_worker, person, steps=[agreed.tea], text="Tea first")
    record(support_worker, person, actions=[agreed.action])
    record(support_worker, person, text="A quiet morning")
    record(support_worker, person, self_rating=7)
    # Sent twice from a phone that lost signal: saved, and counted, once.
    key = uuid.uuid4()
    record(support_worker, person, steps=[agreed.meds], text="Meds", idempotency_key=key)
    record(support_worker, person, steps=[agreed.meds], text="Meds", idempotency_key=key)
    # Kept on a phone for three days.
    record(support_worker, person, text="Back from the shop", occurred_at=now - datetime.timedelta(days=3))
    # 23:30 UTC on a summer night is the next day in Europe/London.
    record(
        support_worker,
        person,
        text="Late",
        occurred_at=datetime.datetime(2025, 7, 1, 23, 30, tzinfo=datetime.UTC),
    )
    # A correction that takes the plan away, and one that names it.
    named = record(
        support_worker, person, steps=[agreed.tea], text="Tea", occurred_at=now - datetime.timedelta(days=1)
    )
    services.amend_note(
        actor=senior, person=person, note=named, data=note_data(text="It was coffee"), reason="Wrong"
    )
    plain = record(support_worker, person, text="Walked", occurred_at=now - datetime.timedelta(days=2))
    corrected = services.amend_note(
        actor=senior,
        person=person,
        note=plain,
        data=note_data(actions=[agreed.action]),
        reason="Forgot the plan",
    )
    # A correction of a correction.
    services.amend_note(
        actor=senior, person=person, note=corrected, data=note_data(text="Walked, no plan"), reason="Again"
    )
    # A note refused by the service leaves the rollup alone.
    with pytest.raises(ValidationError):
        record(support_worker, person, text=" ")
    record(senior, other_person, text="Someone else's note")


def test_the_rollup_kept_by_record_note_is_what_rebuilding_from_the_notes_gives(
    support_worker, senior, person, other_person, agreed
):
    record_in_every_way(support_worker, senior, person, other_person, agreed)
    kept = rollup()
    assert kept == {(p, d): (n, u) for p, d, n, u in rollups.from_notes()}

    call_command("rebuild_plan_use", stdout=open("/dev/null", "w"))

    assert rollup() == kept
    call_command("rebuild_plan_use", "--check", stdout=open("/dev/null", "w"))


def test_the_rollup_counts_each_note_on_its_own_day_and_corrections_replace_what_they_correct(
    support_worker, senior, person, agreed
):
    today = rollups.today()
    note = record(support_worker, person, steps=[agreed.tea], text="Tea")
    record(support_worker, person, text="Chat")
    assert rollup() == {(person.pk, today): (2, 1)}

    services.amend_note(actor=senior, person=person, note=note, data=note_data(text="Coffee"), reason="Wrong")

    assert rollup() == {(person.pk, today): (2, 0)}
    late = record(
        support_worker,
        person,
        text="Late",
        occurred_at=datetime.datetime(2025, 7, 1, 23, 30, tzinfo=datetime.UTC),
    )
    assert rollups.day_of(late.occurred_at) == datetime.date(2025, 7, 2)
    assert rollup()[(person.pk, datetime.date(2025, 7, 2))] == (1, 0)


def test_a_note_whose_save_fails_leaves_no_count_behind(support_worker, person, agreed):
    with mock.patch("lived.notes.services._audit", side_effect=RuntimeError("database went away")):
        with pytest.raises(RuntimeError):
            record(support_worker, person, steps=[agreed.tea], text="Tea")
    assert not DailyNote.objects.exists()
    assert not PlanUseDaily.objects.exists()


def test_check_finds_notes_loaded_around_the_service_and_rebuilding_counts_them(support_worker, person):
    record(support_worker, person, text="Through the service")
    DailyNote.objects.create(
        person=person,
        author=support_worker,
        occurred_at=timezone.now(),
        shift="early",
        text="Loaded by a bulk import",
        idempotency_key=uuid.uuid4(),
        content_hash="x",
    )
    with pytest.raises(CommandError, match="disagrees with the notes on 1 person-days"):
        call_command("rebuild_plan_use", "--check")

    call_command("rebuild_plan_use", stdout=open("/dev/null", "w"))

    assert rollup() == {(person.pk, rollups.today()): (2, 0)}


def test_the_data_migration_fills_the_rollup_from_notes_already_saved(
    support_worker, senior, person, other_person, agreed
):
    record_in_every_way(support_worker, senior, person, other_person, agreed)
    expected = rollup()
    PlanUseDaily.objects.all().delete()
    migration = importlib.import_module("lived.notes.migrations.0004_fill_plan_use_daily")

    migration.fill(django_apps, mock.Mock(connection=connection))

    assert rollup() == expected


def test_plan_use_is_one_query_on_the_rollup_and_never_reads_the_notes(
    support_worker, person, agreed, manager
):
    record(support_worker, person, steps=[agreed.tea], text="Tea")
    record(support_worker, person, text="Chat")
    people = Person.objects.visible_to(manager)
    with CaptureQueriesContext(connection) as ctx:
        use = queries.plan_use(people)
    assert use == {person.pk: {"total": 2, "used": 1}}
    assert len(ctx) == 1
    assert "notes_dailynote" not in ctx.captured_queries[0]["sql"]


def test_plan_use_covers_today_and_the_days_before_it(support_worker, person, manager):
    now = timezone.now()
    noon = timezone.localtime(now, timezone.get_default_timezone()).replace(hour=12, minute=0)
    for days_ago in (0, 13, 14):
        at = now if days_ago == 0 else noon - datetime.timedelta(days=days_ago)
        record(support_worker, person, text=f"{days_ago} days ago", occurred_at=at)
    people = Person.objects.visible_to(manager)
    today = rollups.today()
    assert queries.plan_use(people, days=14, today=today)[person.pk]["total"] == 2
    assert queries.plan_use(people, days=1, today=today)[person.pk]["total"] == 1
    assert person.pk not in queries.plan_use(people, days=14, today=today + datetime.timedelta(days=30))


def test_the_plans_in_use_page_reads_the_rollup_not_the_notes(
    client, manager, support_worker, person, agreed
):
    record(support_worker, person, steps=[agreed.tea], text="Tea")
    client.force_login(manager)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/notes/plans-in-use/?show=all").content.decode()
    assert person.name in page and "1 (100%)" in page
    assert not [q["sql"] for q in ctx.captured_queries if "notes_dailynote" in q["sql"]]
