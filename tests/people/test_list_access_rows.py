"""The people list and search leave an access row for each person whose row was shown, and only for
them; the person reads it as "saw your name … in a search for people" (HAZ-029)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.models import AuditEvent
from lived.people import services
from lived.people import views as people_views
from tests.factories import person_data

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def names_recorded(user, page):
    rows = AuditEvent.objects.filter(actor=user, action="view", what__startswith=page + ":")
    return {row.person_public_id for row in rows}


def add(senior, service, given_name, **extra):
    return services.create_person(
        actor=senior, data=person_data(service, given_name=given_name, nhs_number="", **extra)
    )


def test_a_search_records_only_the_people_it_showed(client, support_worker, senior, service, person):
    other = add(senior, service, "Quinn", family_name="Elsewise", preferred_name="")
    client.force_login(support_worker)
    page = client.get("/people/?q=Samira").content.decode()
    assert person.name in page and other.name not in page
    assert names_recorded(support_worker, "People search") == {person.public_id}
    row = AuditEvent.objects.get(actor=support_worker, person_public_id=person.public_id, action="view")
    assert row.after == {"page": "people_search", "parts": ["name", "nhs_number", "age"], "routines": []}


def test_the_list_records_only_the_page_of_names_shown(client, support_worker, senior, service, monkeypatch):
    monkeypatch.setattr(people_views, "PAGE_SIZE", 2)
    people = [add(senior, service, name) for name in ("Ann", "Bea", "Cal")]  # same family name: by given
    client.force_login(support_worker)
    client.get("/people/")
    assert names_recorded(support_worker, "People list") == {people[0].public_id, people[1].public_id}
    client.get("/people/?page=2")
    assert people[2].public_id in names_recorded(support_worker, "People list")


def test_the_person_reads_that_their_name_was_seen_in_a_search(client, support_worker, person, person_user):
    moment = datetime.datetime(2026, 12, 1, 7, 12, tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        client.force_login(support_worker)
        client.get("/people/?q=Sam")
        client.get("/people/?q=Samira")  # the same search again in the hour: one row
        client.force_login(person_user)
        page = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert page.count("in a search for people") == 1
    assert (
        "Support_Worker Tester (Support worker) saw your name, your NHS number and your age "
        "in a search for people on Tuesday 1 December at 07:12."
    ) in page


def test_a_look_in_another_year_says_the_year(client, support_worker, person, person_user):
    with time_machine.travel(datetime.datetime(2025, 11, 3, 14, 5, tzinfo=LONDON), tick=False):
        client.force_login(support_worker)
        client.get("/people/")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        client.force_login(person_user)
        page = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert "in the list of people we support on Monday 3 November 2025 at 14:05." in page


def test_no_row_when_no_one_is_shown(client, support_worker, person):
    client.force_login(support_worker)
    client.get("/people/?q=nobody-by-this-name")
    assert not AuditEvent.objects.filter(actor=support_worker, action="view").exists()


def test_the_list_takes_the_same_queries_for_3_and_30_people(client, manager, senior, service):
    def list_queries(count):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/people/?service={service.public_id}").status_code == 200
        assert len(names_recorded(manager, "People list")) == count
        return len(ctx)

    client.force_login(manager)
    for n in range(3):
        add(senior, service, f"A{n}")
    small = list_queries(3)
    for n in range(27):
        add(senior, service, f"B{n}")
    assert small == list_queries(30)
