"""A note is saved against the plan version in force when it was written (tracker issue 12 items 2 and
3, HAZ-033), and steps and actions are named by public id, never by database key.

A note kept on a phone while a new version was agreed names the old version's step: it is saved,
because that version was in force at the note's time. A correction keeps the note's time, so it
offers and accepts the steps of that time too. Notes kept by pages drawn before public ids name steps
by integer key: accepted for a transition, only within the person's own plan versions."""

import datetime
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lived.notes import services
from lived.notes.models import DailyNote
from lived.plans import services as plan_services
from lived.plans.models import PlanVersion, RoutineStep
from tests.notes.factories import note_data
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db

OFFLINE = {"X-Lived-Offline": "1"}


def record_url(person):
    return f"/people/{person.public_id}/notes/record/"


def phone_time(moment: datetime.datetime) -> str:
    """What the phone puts in `occurred_at`: its local time, without a zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def superseded(agreed, senior, person_user):
    """Version 1 agreed two hours ago; version 2 agreed just now (a copy, with new step rows)."""
    PlanVersion.objects.filter(pk=agreed.version.pk).update(
        agreed_at=timezone.now() - datetime.timedelta(hours=2)
    )
    draft = plan_services.start_new_draft(actor=senior, plan=agreed.version.plan, reason="After the review")
    second = agree(draft, person_user)
    agreed.version.refresh_from_db()
    assert agreed.version.status == PlanVersion.Status.SUPERSEDED
    new_tea = RoutineStep.objects.get(routine__plan_version=second, key=agreed.tea.key)
    return type("Superseded", (), {"old": agreed, "new": second, "new_tea": new_tea})


def test_a_note_kept_while_a_new_version_was_agreed_is_saved_against_the_old_step(
    client, support_worker, person, superseded
):
    client.force_login(support_worker)
    data = {
        "steps": str(superseded.old.tea.public_id),
        "outcome": "as_agreed",
        "idempotency_key": str(uuid.uuid4()),
        "occurred_at": phone_time(timezone.now() - datetime.timedelta(hours=1)),
    }
    response = client.post(record_url(person), data, headers=OFFLINE)
    assert response.status_code == 200, response.content
    note = DailyNote.objects.get()
    assert response.json()["saved"] is True and response.json()["id"] == str(note.public_id)
    assert list(note.steps.all()) == [superseded.old.tea]


def test_an_old_step_is_refused_for_a_time_its_version_was_not_in_force(support_worker, person, superseded):
    """Before version 1 was agreed, nothing was: only the current version's steps may be named."""
    with pytest.raises(ValidationError, match="not in force at the time of this note"):
        services.record_note(
            actor=support_worker,
            person=person,
            data=note_data(
                steps=[superseded.old.tea], occurred_at=timezone.now() - datetime.timedelta(hours=3)
            ),
        )
    assert not DailyNote.objects.exists()


def test_the_current_versions_steps_are_accepted_for_a_note_about_earlier_today(
    support_worker, person, superseded
):
    note, _ = services.record_note(
        actor=support_worker,
        person=person,
        data=note_data(steps=[superseded.new_tea], occurred_at=timezone.now() - datetime.timedelta(hours=1)),
    )
    assert list(note.steps.all()) == [superseded.new_tea]


def test_a_step_from_a_draft_is_never_accepted(client, support_worker, senior, person, agreed):
    draft = plan_services.start_new_draft(actor=senior, plan=agreed.version.plan, reason="Trying something")
    draft_step = RoutineStep.objects.filter(routine__plan_version=draft).first()
    client.force_login(support_worker)
    data = {"steps": str(draft_step.public_id), "outcome": "as_agreed", "idempotency_key": str(uuid.uuid4())}
    response = client.post(record_url(person), data, headers=OFFLINE)
    assert (
        response.status_code == 400 and "Choose a step from this person's plan" in response.json()["errors"]
    )
    assert not DailyNote.objects.exists()


def test_a_correction_of_an_older_note_offers_and_accepts_the_steps_of_its_time(
    client, support_worker, person, agreed, senior, person_user
):
    PlanVersion.objects.filter(pk=agreed.version.pk).update(
        agreed_at=timezone.now() - datetime.timedelta(hours=2)
    )
    note, _ = services.record_note(
        actor=support_worker,
        person=person,
        data=note_data(steps=[agreed.tea], occurred_at=timezone.now() - datetime.timedelta(hours=1)),
    )
    agree(plan_services.start_new_draft(actor=senior, plan=agreed.version.plan, reason="Review"), person_user)
    client.force_login(support_worker)
    url = f"/people/{person.public_id}/notes/{note.public_id}/correct/"
    page = client.get(url).content.decode()
    assert f'value="{agreed.tea.public_id}"' in page  # the step as it was agreed when the note was written
    response = client.post(
        url,
        {
            "amendment_reason": "It was with changes: tea in the garden",
            "steps": str(agreed.tea.public_id),
            "outcome": "adjusted",
            "adjustments": "Tea in the garden",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302, response.content.decode()
    correction = DailyNote.objects.get(amends=note)
    assert list(correction.steps.all()) == [agreed.tea] and correction.occurred_at == note.occurred_at


# --- public ids, and the integer keys of old outboxes --------------------------------------------------


def test_the_recording_page_names_steps_and_actions_by_public_id_only(client, support_worker, person, agreed):
    client.force_login(support_worker)
    page = client.get(record_url(person)).content.decode()
    values = re.findall(r'name="(?:steps|actions)"[^>]*value="([^"]+)"', page)
    values += re.findall(r'value="([^"]+)"[^>]*name="(?:steps|actions)"', page)
    assert values and str(agreed.tea.public_id) in values and str(agreed.action.public_id) in values
    for value in values:
        assert not value.isdigit(), f"{value} is a database key"
        uuid.UUID(value)


def test_an_integer_key_kept_on_a_phone_is_accepted_when_it_is_this_persons_step(
    client, support_worker, person, agreed
):
    client.force_login(support_worker)
    data = {"steps": str(agreed.tea.pk), "outcome": "as_agreed", "idempotency_key": str(uuid.uuid4())}
    assert client.post(record_url(person), data, headers=OFFLINE).json()["saved"] is True
    assert list(DailyNote.objects.get().steps.all()) == [agreed.tea]


def test_an_integer_key_of_another_persons_step_is_refused_without_repeating_it(
    client, support_worker, person, agreed, other_person, outsider
):
    theirs = agree(make_plan(other_person, outsider).draft, outsider)
    their_step = RoutineStep.objects.filter(routine__plan_version=theirs).first()
    client.force_login(support_worker)
    data = {"steps": str(their_step.pk), "outcome": "as_agreed", "idempotency_key": str(uuid.uuid4())}
    response = client.post(record_url(person), data, headers=OFFLINE)
    assert response.status_code == 400 and str(their_step.pk) not in " ".join(response.json()["errors"])
    assert not DailyNote.objects.exists()


def test_integer_keys_are_refused_once_the_transition_is_turned_off(
    client, support_worker, person, agreed, settings
):
    settings.LIVED_ACCEPT_INTEGER_PLAN_KEYS = False
    client.force_login(support_worker)
    data = {"steps": str(agreed.tea.pk), "outcome": "as_agreed", "idempotency_key": str(uuid.uuid4())}
    assert client.post(record_url(person), data, headers=OFFLINE).status_code == 400
    data["steps"] = str(agreed.tea.public_id)
    assert client.post(record_url(person), data, headers=OFFLINE).json()["saved"] is True


def test_a_note_sent_again_with_public_ids_after_integer_keys_is_the_same_note(
    client, support_worker, person, agreed
):
    """An old outbox retrying after an upgrade: the same note, however its step was named."""
    client.force_login(support_worker)
    data = {"steps": str(agreed.tea.pk), "outcome": "as_agreed", "idempotency_key": str(uuid.uuid4())}
    first = client.post(record_url(person), data, headers=OFFLINE).json()
    again = client.post(
        record_url(person), {**data, "steps": str(agreed.tea.public_id)}, headers=OFFLINE
    ).json()
    assert first["id"] == again["id"] and again["created"] is False
