"""Manager pages open where the work is: an explicit ?service= wins (one that is not yours is a 404),
otherwise the service where most needs attention (ties by name), or all your services on pages that
can show them together; every page says in words which service is shown and why."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.accounts.models import Role, ServiceRole
from lived.incidents import services as incidents_services
from lived.notes import services as notes_services
from lived.people import services as people_services
from tests.factories import make_user, person_data
from tests.incidents.factories import incident_data

pytestmark = pytest.mark.django_db

# Every page that shows one of the user's services, or all of them.
CHOOSER_PAGES = [
    "/risk/",
    "/briefing/",
    "/briefing/handover/",
    "/reviews/",
    "/outcomes/",
    "/notes/language/",
    "/notes/plans-in-use/",
]


@pytest.fixture
def two_service_manager(service, other_service):
    """A manager at Elm House and Ash Court: Ash Court comes first by name."""
    user = make_user("two_services", roles=[Role.MANAGER], service=service)
    ServiceRole.objects.create(user=user, service=other_service, role=Role.MANAGER)
    return user


@pytest.fixture
def ash_person(other_service, outsider):
    return people_services.create_person(
        actor=outsider,
        data=person_data(other_service, given_name="Asha", family_name="Ashcourt", nhs_number=""),
    )


def handovers(author, person, n):
    for i in range(n):
        text = f"Handover {i} about {person.given_name}"
        notes_services.add_handover(actor=author, person=person, text=text)


def shown(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_unread_handover_page_opens_on_the_service_with_most_unread(
    client, two_service_manager, senior, person, outsider, ash_person
):
    handovers(senior, person, 3)  # Elm House
    handovers(outsider, ash_person, 1)  # Ash Court, first by name
    client.force_login(two_service_manager)
    page = shown(client.get("/briefing/handover/"))
    assert "Showing Elm House, where 3 handover notes are not read by everyone yet." in page
    assert "Handover 2 about Samira" in page and "Handover 0 about Asha" not in page
    assert "Choose another service:" in page and ">Ash Court</a>" in page


def test_read_handover_does_not_count_as_needing_attention(
    client, two_service_manager, senior, support_worker, person, outsider, ash_person
):
    handovers(senior, person, 2)
    notes = list(person.handover_notes.all())
    for reader in (support_worker, two_service_manager):
        notes_services.confirm_handover_read(actor=reader, person=person, handovers=notes)
    handovers(outsider, ash_person, 1)
    client.force_login(two_service_manager)
    page = shown(client.get("/briefing/handover/"))
    assert "Showing Ash Court, where 1 handover note is not read by everyone yet." in page


def test_ties_are_broken_by_name_and_the_page_says_so(client, two_service_manager, person, ash_person):
    client.force_login(two_service_manager)
    page = shown(client.get("/briefing/handover/"))
    assert "Showing Ash Court, the first of your services by name: at every one of them" in page


def test_an_explicit_service_wins_over_the_one_needing_attention(
    client, two_service_manager, senior, person, service, other_service
):
    handovers(senior, person, 3)
    client.force_login(two_service_manager)
    page = shown(client.get(f"/briefing/handover/?service={other_service.public_id}"))
    assert "Showing Ash Court, the service you chose, where every handover note" in page
    assert "Handover 0 about Samira" not in page


def test_the_risk_page_opens_on_the_service_with_an_open_safeguarding_concern(
    client, two_service_manager, support_worker, person, ash_person
):
    incidents_services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(safeguarding_raised=True),
        safeguarding={"category": "financial", "details": "Bank card", "referred_on": None, "reference": ""},
    )
    client.force_login(two_service_manager)
    page = shown(client.get("/risk/"))
    assert "Showing Elm House, where 1 risk review or safeguarding concern needs attention." in page
    assert "Financial abuse" in page


def test_the_briefing_opens_on_the_service_with_handover_you_have_not_read(
    client, two_service_manager, senior, person, ash_person
):
    handovers(senior, person, 2)
    client.force_login(two_service_manager)
    page = shown(client.get("/briefing/"))
    assert "Showing Elm House, where 2 handover notes are not read by you yet." in page


@pytest.mark.parametrize("path", ["/reviews/", "/outcomes/", "/notes/language/", "/notes/plans-in-use/"])
def test_pages_that_can_show_every_service_open_on_all_of_them(
    client, two_service_manager, person, ash_person, other_service, path
):
    client.force_login(two_service_manager)
    assert "Showing all your services." in shown(client.get(path))
    page = shown(client.get(f"{path}?service={other_service.public_id}"))
    assert "Showing Ash Court, the service you chose." in page
    assert ">All my services</" in page


def test_plans_in_use_for_one_service_shows_only_its_people(
    client, two_service_manager, person, ash_person, service
):
    client.force_login(two_service_manager)
    everyone = shown(client.get("/notes/plans-in-use/"))
    assert person.name in everyone and ash_person.name in everyone
    elm = shown(client.get(f"/notes/plans-in-use/?service={service.public_id}"))
    assert person.name in elm and ash_person.name not in elm


@pytest.mark.parametrize("path", CHOOSER_PAGES)
def test_a_service_that_is_not_yours_or_not_a_service_is_not_found(client, manager, other_service, path):
    client.force_login(manager)
    assert client.get(f"{path}?service={other_service.public_id}").status_code == 404
    assert client.get(f"{path}?service=not-a-service").status_code == 404
    assert client.get(f"{path}?service=").status_code == 200  # empty: the page's own choice


@pytest.mark.parametrize("path", CHOOSER_PAGES)
def test_a_single_service_page_says_which_service_it_shows(client, manager, person, path):
    client.force_login(manager)
    assert "Showing Elm House" in shown(client.get(path))


def test_choosing_costs_the_same_queries_however_many_handover_notes(
    client, two_service_manager, senior, person, outsider, ash_person
):
    client.force_login(two_service_manager)
    handovers(senior, person, 1)
    client.get("/briefing/handover/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        shown(client.get("/briefing/handover/"))
    handovers(senior, person, 5)
    handovers(outsider, ash_person, 5)
    with CaptureQueriesContext(connection) as many:
        shown(client.get("/briefing/handover/"))
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]
