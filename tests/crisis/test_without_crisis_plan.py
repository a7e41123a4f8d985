"""A worker never looks for a crisis plan that does not exist (HAZ-036): briefing cards, the agency
summary and the person's record say plainly when there is none (and who can write it), and managers
get a list of people without one, most in need first, with the reasons in words."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.crisis import services as crisis_services
from lived.incidents import services as incidents_services
from lived.people import services as people_services
from lived.risk import services
from tests.crisis.factories import CRISIS
from tests.factories import person_data
from tests.incidents.factories import incident_data
from tests.risk.factories import plan_data

pytestmark = pytest.mark.django_db

URL = "/risk/without-crisis-plan/"


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def crisis_link(person):
    return f'href="/people/{person.public_id}/crisis-plan/"'


def write_link(person):
    return f'href="/people/{person.public_id}/crisis-plan/edit/"'


@pytest.mark.parametrize("view", ["", "?view=agency"])
def test_a_briefing_card_says_there_is_no_crisis_plan_and_offers_to_write_one(
    client, support_worker, person, view
):
    card = page(client, support_worker, "/briefing/" + view)
    assert "No crisis plan" in card and "write one with Sam" in card
    assert write_link(person) in card
    assert crisis_link(person) not in card and "Crisis plan in place" not in card


@pytest.mark.parametrize("view", ["", "?view=agency"])
def test_a_briefing_card_links_the_crisis_plan_only_where_there_is_one(
    client, support_worker, senior, person, view
):
    crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))
    card = page(client, support_worker, "/briefing/" + view)
    assert crisis_link(person) in card and "No crisis plan" not in card
    if not view:
        assert "Crisis plan in place" in card


def test_someone_who_may_not_write_the_plan_reads_that_there_is_none_without_a_link(
    client, quality_lead, person
):
    card = page(client, quality_lead, "/briefing/")
    assert "No crisis plan" in card and write_link(person) not in card


def test_the_record_says_no_crisis_plan_yet_instead_of_the_red_button(
    client, support_worker, quality_lead, senior, person, person_user
):
    record = f"/people/{person.public_id}/"
    staff = page(client, support_worker, record)
    assert "No crisis plan yet" in staff and write_link(person) in staff and crisis_link(person) not in staff
    assert "No crisis plan yet" in page(client, quality_lead, record)
    assert write_link(person) not in page(client, quality_lead, record)
    own = page(client, person_user, f"/people/{person.public_id}/risk/")  # their record opens as /me/
    assert "You do not have a crisis plan yet" in own and crisis_link(person) not in own
    crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))
    staff = page(client, support_worker, record)
    assert crisis_link(person) in staff and "No crisis plan yet" not in staff


def _someone(service, senior, name):
    return people_services.create_person(
        actor=senior, data=person_data(service, given_name=name, preferred_name="", nhs_number="")
    )


def _restraint(senior):
    return {
        "type": "physical",
        "duration_minutes": 4,
        "authorised_by": senior,
        "debrief_with_person": "Talked it through the next day.",
    }


def test_the_list_puts_the_people_most_in_need_first_and_says_why(client, manager, senior, service, person):
    crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))  # has one: not listed
    unwell = _someone(service, senior, "Una")
    people_services.set_wishes_in_force(
        actor=senior, person=unwell, in_force=True, reason="Unwell since Friday, agreed with her"
    )
    restrained = _someone(service, senior, "Rio")
    incidents_services.record_incident(actor=senior, person=restrained, data=incident_data())
    incidents_services.record_incident(
        actor=senior,
        person=restrained,
        data=incident_data(
            restrictive_practice_used=True, occurred_at=timezone.now() - datetime.timedelta(days=30)
        ),
        restrictive=_restraint(senior),
    )
    planned = _someone(service, senior, "Pat")
    plan = services.save_risk_plan(actor=senior, person=planned, data=plan_data())
    services.approve_risk_plan(actor=senior, plan=plan, seen_version=plan.version, why="w", with_whom="p")
    long_ago = _someone(service, senior, "Lou")
    incidents_services.record_incident(
        actor=senior,
        person=long_ago,
        data=incident_data(occurred_at=timezone.now() - datetime.timedelta(days=120)),
    )

    listed = page(client, manager, URL)
    order = [listed.index(p.name) for p in (unwell, restrained, planned, long_ago)]
    assert order == sorted(order)
    assert person.name not in listed
    assert "Unwell now (advance sharing wishes in force)" in listed
    assert "2 incidents in the last 90 days, one with restraint" in listed
    assert "1 approved risk plan" in listed
    assert "Nothing recorded in the last 90 days" in listed  # the incident 120 days ago does not count
    assert write_link(unwell) in listed


def test_the_list_counts_crises_and_says_so(client, manager, senior, service):
    someone = _someone(service, senior, "Cai")
    for _ in range(2):
        incidents_services.record_incident(
            actor=senior, person=someone, data=incident_data(type="crisis", is_crisis=True)
        )
    assert "2 incidents in the last 90 days, both crises" in page(client, manager, URL)


def test_a_quality_lead_reads_the_list_but_is_not_offered_to_write_the_plan(client, quality_lead, person):
    listed = page(client, quality_lead, URL)
    assert person.name in listed and write_link(person) not in listed and "Not written yet" in listed


def test_the_list_shows_only_the_readers_services(client, manager, other_person, other_service, person):
    listed = page(client, manager, URL)
    assert person.name in listed and other_person.name not in listed
    client.force_login(manager)
    assert client.get(f"{URL}?service={other_service.public_id}").status_code == 404


def test_the_risk_page_links_to_the_list(client, manager, support_worker, person):
    assert 'href="/risk/without-crisis-plan/' in page(client, manager, "/risk/")
    assert 'href="/risk/without-crisis-plan/' not in page(client, support_worker, "/risk/")


def _queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx)


def _many(n, service, senior, start):
    for i in range(n):
        someone = _someone(service, senior, f"P{start + i}")
        incidents_services.record_incident(
            actor=senior,
            person=someone,
            data=incident_data(restrictive_practice_used=True),
            restrictive=_restraint(senior),
        )
        people_services.set_wishes_in_force(actor=senior, person=someone, in_force=True, reason="Unwell")


def test_the_list_takes_the_same_queries_for_5_and_50_people(client, manager, senior, service):
    _many(5, service, senior, 0)
    small = _queries(client, manager)
    _many(45, service, senior, 5)
    large = _queries(client, manager)
    assert small == large, (small, large)


def test_being_unwell_now_outranks_many_small_incidents(client, manager, senior, service):
    busy = _someone(service, senior, "Bo")
    for _ in range(8):
        incidents_services.record_incident(actor=senior, person=busy, data=incident_data())
    unwell = _someone(service, senior, "Una")
    people_services.set_wishes_in_force(actor=senior, person=unwell, in_force=True, reason="Unwell")
    listed = page(client, manager, URL)
    assert listed.index(unwell.name) < listed.index(busy.name)
    assert "8 incidents in the last 90 days" in listed
