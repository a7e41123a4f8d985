"""The shift briefing leaves an access row for each person it shows, saying what of theirs was shown,
folded per viewer, page and hour, and the person reads it in plain words (HAZ-029)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.models import AuditEvent
from lived.notes import services
from lived.people import services as people_services
from tests.factories import person_data
from tests.notes.factories import _people

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(hour, minute):
    """Tuesday 1 December 2026 (GMT, so local and UTC agree), clock frozen."""
    return time_machine.travel(datetime.datetime(2026, 12, 1, hour, minute, tzinfo=LONDON), tick=False)


def views_of(person, **filters):
    return AuditEvent.objects.filter(person_public_id=person.public_id, action="view", **filters)


def test_opening_the_briefing_writes_one_row_per_person_shown_saying_what_was_shown(
    client, support_worker, senior, person, agreed, other_person
):
    quiet = people_services.create_person(
        actor=senior, data=person_data(person.service, given_name="Quinn", nhs_number="")
    )
    client.force_login(support_worker)
    with at(7, 12):
        services.add_handover(actor=senior, person=person, text="Slept well")
        assert client.get("/briefing/?shift=early").status_code == 200
    row = views_of(person, actor=support_worker).get()
    assert row.after["page"] == "briefing"
    assert row.after["routines"] == ["Morning support agreement"]
    assert {"communication", "handover", "crisis_plan_link"} <= set(row.after["parts"])
    assert row.what.startswith("Shift briefing: morning support agreement, communication, handover")
    quiet_row = views_of(quiet, actor=support_worker).get()  # no plan, no handover: only what was shown
    assert quiet_row.after["routines"] == [] and "handover" not in quiet_row.after["parts"]
    assert not views_of(other_person).filter(actor=support_worker).exists()  # not on this briefing


def test_the_person_reads_who_saw_what_in_the_briefing_in_plain_words(
    client, support_worker, senior, person, person_user, agreed
):
    client.force_login(support_worker)
    with at(7, 12):
        services.add_handover(actor=senior, person=person, text="Slept well")
        client.get("/briefing/?shift=early")
    client.force_login(person_user)
    with at(9, 0):
        page = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert (
        "Support_Worker Tester (Support worker) saw your morning support agreement, how you communicate, "
        "the handover about you"
    ) in page
    assert "in the shift briefing on Tuesday 1 December at 07:12." in page
    assert "crisis_plan_link" not in page and "2026-12-01" not in page  # no field names, no ISO times


def test_a_manager_reads_the_same_rows_about_the_person_by_name(
    client, support_worker, manager, person, agreed
):
    client.force_login(support_worker)
    with at(7, 12):
        client.get("/briefing/?view=agency")
    client.force_login(manager)
    with at(9, 0):
        page = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert (
        "Support_Worker Tester (Support worker) saw Sam&#39;s morning support agreement, "
        "how Sam communicates and the link to Sam&#39;s crisis plan "
        "in the summary for agency and new staff on Tuesday 1 December at 07:12."
    ) in page


def test_refreshing_within_the_hour_writes_no_new_row_but_each_new_hour_and_page_does(
    client, support_worker, person, agreed
):
    client.force_login(support_worker)
    with at(7, 12):
        client.get("/briefing/?shift=early")
    with at(7, 35):
        client.get("/briefing/?shift=early")  # within 30 minutes: the session is still open
    assert views_of(person, actor=support_worker).count() == 1
    with at(7, 55):
        client.get("/briefing/?shift=early&view=agency")  # another page: another row
    with at(8, 5):
        client.get("/briefing/?shift=early")  # a new hour: the person sees this time too
    rows = list(views_of(person, actor=support_worker).order_by("at"))
    assert [(r.at.astimezone(LONDON).strftime("%H:%M"), r.after["page"]) for r in rows] == [
        ("07:12", "briefing"),
        ("07:55", "briefing_agency"),
        ("08:05", "briefing"),
    ]


def test_something_new_on_the_card_within_the_hour_is_a_new_row(
    client, support_worker, senior, person, agreed
):
    client.force_login(support_worker)
    with at(7, 12):
        client.get("/briefing/?shift=early")
    with at(7, 30):
        services.add_handover(actor=senior, person=person, text="Slept well")
        client.get("/briefing/?shift=early")
    rows = list(views_of(person, actor=support_worker).order_by("at"))
    assert ["handover" in r.after["parts"] for r in rows] == [False, True]


def test_another_viewer_in_the_same_hour_is_their_own_row(client, support_worker, senior, person, agreed):
    with at(7, 12):
        for user in (support_worker, senior):
            client.force_login(user)
            client.get("/briefing/?shift=early")
    assert set(views_of(person).filter(object_type="people.Person").values_list("actor", flat=True)) >= {
        support_worker.pk,
        senior.pk,
    }


def test_a_refused_briefing_writes_no_row(client, person_user, person):
    client.force_login(person_user)
    assert client.get("/briefing/").status_code == 403
    assert not views_of(person, actor=person_user).exists()


def test_sixty_people_are_recorded_in_one_insert(client, service, senior, support_worker):
    _people(60, service, senior)
    client.force_login(support_worker)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/briefing/?shift=early").status_code == 200
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "core_auditevent"')]
    assert len(inserts) == 1
    assert views_of_page(support_worker, "Shift briefing").count() == 60


def views_of_page(user, label):
    return AuditEvent.objects.filter(actor=user, action="view", what__startswith=label + ":")
