import pytest

from lived.core.models import AuditEvent
from lived.people.models import Person
from tests.factories import person_data
from tests.people.factories import details_post

pytestmark = pytest.mark.django_db


def test_a_senior_adds_a_person_and_the_creation_is_audited(client, senior, service):
    client.force_login(senior)
    response = client.post("/people/new/", details_post(service))
    person = Person.objects.get(family_name="Example")
    assert response.status_code == 302
    assert response.url == f"/people/{person.public_id}/"
    assert person.nhs_number == "9434765919"
    assert person.on_cpa is True
    event = AuditEvent.objects.get(object_public_id=person.public_id, action="create")
    assert event.actor == senior
    assert event.after["given_name"] == "Rowan"


def test_an_invalid_nhs_number_shows_an_error_summary_and_saves_nothing(client, senior, service):
    client.force_login(senior)
    response = client.post("/people/new/", details_post(service, nhs_number="943 476 5918"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter a valid NHS number" in html
    assert 'href="#id_nhs_number"' in html
    assert not Person.objects.filter(family_name="Example").exists()


def test_a_tampered_service_id_is_refused(client, senior, service, other_service):
    client.force_login(senior)
    response = client.post("/people/new/", details_post(other_service))
    assert response.status_code == 400
    assert "Select a service from the list" in response.content.decode()
    assert not Person.objects.filter(family_name="Example").exists()


def test_an_impossible_date_of_birth_is_refused(client, senior, service):
    client.force_login(senior)
    response = client.post(
        "/people/new/", details_post(service, **{"date_of_birth[day]": "31", "date_of_birth[month]": "2"})
    )
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()


def test_over_long_text_is_refused(client, senior, service):
    client.force_login(senior)
    response = client.post("/people/new/", details_post(service, lifestyle="x" * 4001))
    assert response.status_code == 400
    assert "4000 characters or fewer" in response.content.decode()
    assert not Person.objects.filter(family_name="Example").exists()


def test_viewing_a_record_writes_an_access_row(client, support_worker, person):
    client.force_login(support_worker)
    response = client.get(f"/people/{person.public_id}/")
    assert response.status_code == 200
    assert "Tea in the garden and a walk." in response.content.decode()
    assert (
        AuditEvent.objects.filter(
            person_public_id=person.public_id, action="view", actor=support_worker
        ).count()
        == 1
    )


def test_a_person_at_another_service_is_not_found(client, support_worker, other_person):
    client.force_login(support_worker)
    assert client.get(f"/people/{other_person.public_id}/").status_code == 404


def test_the_people_list_searches_by_name_and_nhs_number(client, support_worker, person, senior, service):
    from lived.people import services

    services.create_person(
        actor=senior, data=person_data(service, given_name="Zed", family_name="Other", nhs_number="")
    )
    client.force_login(support_worker)
    by_name = client.get("/people/", {"q": "samira"}).content.decode()
    assert "Testperson" in by_name and "Other" not in by_name
    by_number = client.get("/people/", {"q": "943 476"}).content.decode()
    assert "Testperson" in by_number and "Other" not in by_number


def test_the_people_list_never_shows_another_services_people(client, support_worker, person, other_person):
    client.force_login(support_worker)
    html = client.get("/people/").content.decode()
    assert "Testperson" in html
    assert "Elsewhere" not in html


def test_the_people_list_uses_the_same_number_of_queries_for_5_and_50_people(
    client, support_worker, senior, service
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_people(start, count):
        Person.objects.bulk_create(
            Person(service=service, given_name=f"P{i}", family_name=f"Family{i:03}", key_worker=senior)
            for i in range(start, start + count)
        )

    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/people/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    client.force_login(support_worker)
    add_people(0, 5)
    with_5, html_5 = queries_for_list()
    add_people(5, 45)
    with_50, html_50 = queries_for_list()
    assert "Family004" in html_5 and "Family049" in html_50
    assert with_5 == with_50
    assert with_50 <= 16  # 14, plus the access rows for the names shown: one look-up, one insert (HAZ-029)


def test_a_senior_edits_details_and_the_change_is_audited_before_and_after(client, senior, person, service):
    client.force_login(senior)
    response = client.post(
        f"/people/{person.public_id}/details/",
        details_post(
            service,
            version=person.version,
            given_name="Samira",
            family_name="Testperson",
            pronouns="she/they",
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.pronouns == "she/they"
    assert person.version == 2
    event = AuditEvent.objects.filter(object_public_id=person.public_id, action="update").get()
    assert event.before["pronouns"] == "she/her"
    assert event.after["pronouns"] == "she/they"


@pytest.mark.parametrize("page", ["", "about-me/", "communication/", "circle/", "changes/"])
def test_every_record_page_names_the_person_with_date_of_birth_and_nhs_number(
    client, support_worker, person, page
):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/{page}").content.decode()
    assert "Sam (Samira) Testperson" in html
    assert "17 May 1990" in html
    assert "943 476 5919" in html


@pytest.mark.parametrize(
    "page",
    ["", "about-me/", "communication/", "circle/", "changes/", "details/", "communication/edit/", "audit/"],
)
def test_every_page_about_a_person_writes_an_access_row(client, manager, person, page):
    client.force_login(manager)
    before = AuditEvent.objects.filter(person_public_id=person.public_id, action="view").count()
    assert client.get(f"/people/{person.public_id}/{page}").status_code == 200
    assert AuditEvent.objects.filter(person_public_id=person.public_id, action="view").count() == before + 1
